import type { Response } from './grading';
import type { QuizSnapshot, SnapshotQuestion } from './snapshot';

// Item analysis for trainers, as pure functions over submitted attempts.

export interface GradedAttempt {
	snapshot: QuizSnapshot;
	responses: Record<string, Response>;
	marks: Record<string, number>;
	percent: number;
}

export interface QuestionStatistics {
	id: string;
	type: SnapshotQuestion['type'];
	/** The question text of its latest version seen. */
	text: string;
	/** How many attempts asked it. */
	asked: number;
	/** Mean share of its points earned (0–1): the facility index. */
	facility: number | null;
	/**
	 * Facility among the top 27% of attempts (by overall percent) minus facility among the bottom
	 * 27%: the discrimination index (−1 to 1). Null with fewer than 4 attempts.
	 */
	discrimination: number | null;
	/** How often each answer was given: option texts for choice questions, true/false, or right/wrong. */
	answers: { answer: string; count: number; correct: boolean }[];
}

const mean = (values: number[]) =>
	values.length ? values.reduce((a, b) => a + b, 0) / values.length : null;

function answersGiven(q: SnapshotQuestion, r: Response | undefined, credit: number): string[] {
	if (!r) return ['—'];
	if (q.type === 'single' && r.type === 'single')
		return r.choice === null ? ['—'] : [q.options[r.choice]?.text ?? '—'];
	if (q.type === 'multiple' && r.type === 'multiple')
		return r.choices.length ? r.choices.map((i) => q.options[i]?.text ?? '—') : ['—'];
	if (q.type === 'true_false' && r.type === 'true_false')
		return [r.value === null ? '—' : String(r.value)];
	if (
		(q.type === 'short' || q.type === 'numeric') &&
		(r.type === 'short' || r.type === 'numeric')
	) {
		return [r.value.trim() ? r.value.trim().toLowerCase() : '—'];
	}
	return [credit >= 1 ? 'right' : credit > 0 ? 'partly right' : 'wrong'];
}

function isCorrectAnswer(q: SnapshotQuestion, answer: string): boolean {
	switch (q.type) {
		case 'single':
		case 'multiple':
			return q.options.some((o) => o.correct && o.text === answer);
		case 'true_false':
			return answer === String(q.answer);
		default:
			return answer === 'right';
	}
}

export function questionStatistics(attempts: GradedAttempt[]): QuestionStatistics[] {
	const byPercent = [...attempts].sort((a, b) => b.percent - a.percent);
	const group = Math.max(1, Math.round(attempts.length * 0.27));
	const upper = new Set(byPercent.slice(0, group));
	const lower = new Set(byPercent.slice(-group));
	const questions = new Map<string, SnapshotQuestion>();
	for (const a of attempts) for (const q of a.snapshot.questions) questions.set(q.id, q);

	return [...questions.values()].map((q) => {
		const asking = attempts.filter((a) => a.snapshot.questions.some((x) => x.id === q.id));
		const credit = (a: GradedAttempt) => {
			const asked = a.snapshot.questions.find((x) => x.id === q.id)!;
			return (a.marks[q.id] ?? 0) / asked.points;
		};
		const facility = mean(asking.map(credit));
		const up = mean(asking.filter((a) => upper.has(a)).map(credit));
		const low = mean(asking.filter((a) => lower.has(a)).map(credit));
		const counts = new Map<string, number>();
		for (const a of asking) {
			const asked = a.snapshot.questions.find((x) => x.id === q.id)!;
			for (const answer of answersGiven(asked, a.responses[q.id], credit(a))) {
				counts.set(answer, (counts.get(answer) ?? 0) + 1);
			}
		}
		// Options never chosen still show, with zero.
		if (q.type === 'single' || q.type === 'multiple') {
			for (const o of q.options) if (!counts.has(o.text)) counts.set(o.text, 0);
		}
		return {
			id: q.id,
			type: q.type,
			text: q.text,
			asked: asking.length,
			facility: facility === null ? null : Math.round(facility * 100) / 100,
			discrimination:
				attempts.length >= 4 && up !== null && low !== null
					? Math.round((up - low) * 100) / 100
					: null,
			answers: [...counts.entries()]
				.map(([answer, count]) => ({ answer, count, correct: isCorrectAnswer(q, answer) }))
				.sort((a, b) => b.count - a.count)
		};
	});
}

/** A CSV cell: quoted, and neutralised when a spreadsheet would read it as a formula. */
export function csvCell(value: string | number | null): string {
	let text = value === null ? '' : String(value);
	if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
	return `"${text.replace(/"/g, '""')}"`;
}

export function statisticsCsv(rows: QuestionStatistics[]): string {
	const header = [
		'question',
		'type',
		'text',
		'asked',
		'facility',
		'discrimination',
		'answer',
		'count',
		'correct'
	];
	const lines = rows.flatMap((q) =>
		q.answers.map((a) =>
			[
				q.id,
				q.type,
				q.text,
				q.asked,
				q.facility,
				q.discrimination,
				a.answer,
				a.count,
				a.correct ? 'yes' : 'no'
			]
				.map(csvCell)
				.join(',')
		)
	);
	// A byte-order mark so spreadsheet programs read the Vietnamese as UTF-8.
	return '\uFEFF' + [header.map(csvCell).join(','), ...lines].join('\r\n') + '\r\n';
}
