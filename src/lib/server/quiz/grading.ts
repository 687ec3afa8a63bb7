import { fold } from '$lib/text';
import type { SnapshotQuestion } from './snapshot';

/** A learner's answer to one question, in the snapshot's own terms (positions as shown). */
export type Response =
	| { type: 'single'; choice: number | null }
	| { type: 'multiple'; choices: number[] }
	| { type: 'true_false'; value: boolean | null }
	| { type: 'numeric'; value: string }
	| { type: 'short'; value: string }
	/** The position (1-based) given to each item, in the order shown. */
	| { type: 'ordering'; positions: (number | null)[] }
	/** The choice picked for each left-hand side, in the order shown. */
	| { type: 'matching'; picks: (number | null)[] };

/** "3,25", "3.25", " 3 250,5 " → numbers; anything else → null. */
export function parseNumber(raw: string): number | null {
	let text = raw.trim().replace(/\s/g, '');
	if (!text) return null;
	// Vietnamese writes 3,25 (decimal comma) and 3.250.000 (thousands dots).
	if (/^-?\d{1,3}(\.\d{3})+(,\d+)?$/.test(text)) text = text.replace(/\./g, '').replace(',', '.');
	else if (/^-?\d{1,3}(,\d{3})+(\.\d+)?$/.test(text)) text = text.replace(/,/g, '');
	else text = text.replace(',', '.');
	if (!/^-?(\d+\.?\d*|\.\d+)$/.test(text)) return null;
	const value = Number(text);
	return Number.isFinite(value) ? value : null;
}

function normaliseShort(value: string, ignoreCase: boolean, ignoreDiacritics: boolean): string {
	let text = value.normalize('NFC').trim().replace(/\s+/g, ' ');
	if (ignoreDiacritics) text = fold(text);
	else if (ignoreCase) text = text.toLowerCase();
	return text;
}

/** The share (0–1) of a question's points a response earns. Pure: grading happens only here. */
export function creditFor(question: SnapshotQuestion, response: Response | undefined): number {
	if (!response || response.type !== question.type) return 0;
	switch (question.type) {
		case 'single': {
			const r = response as Extract<Response, { type: 'single' }>;
			return r.choice !== null && question.options[r.choice]?.correct ? 1 : 0;
		}
		case 'multiple': {
			const picked = new Set((response as Extract<Response, { type: 'multiple' }>).choices);
			const correct = question.options.filter((o) => o.correct).length;
			let right = 0;
			let wrong = 0;
			question.options.forEach((o, i) => {
				if (picked.has(i)) {
					if (o.correct) right++;
					else wrong++;
				}
			});
			if (question.scoring === 'all_or_nothing') return right === correct && wrong === 0 ? 1 : 0;
			return Math.max(0, (right - wrong) / correct);
		}
		case 'true_false':
			return (response as Extract<Response, { type: 'true_false' }>).value === question.answer
				? 1
				: 0;
		case 'numeric': {
			const value = parseNumber((response as Extract<Response, { type: 'numeric' }>).value);
			if (value === null) return 0;
			const allowed =
				question.toleranceType === 'relative'
					? Math.abs(question.answer) * question.tolerance
					: question.tolerance;
			// A hair of slack for binary floating point at the tolerance's edge.
			return Math.abs(value - question.answer) <=
				allowed + 1e-9 * Math.max(1, Math.abs(question.answer))
				? 1
				: 0;
		}
		case 'short': {
			const given = normaliseShort(
				(response as Extract<Response, { type: 'short' }>).value,
				question.ignoreCase,
				question.ignoreDiacritics
			);
			if (!given) return 0;
			return question.accepted.some(
				(a) => normaliseShort(a, question.ignoreCase, question.ignoreDiacritics) === given
			)
				? 1
				: 0;
		}
		case 'ordering': {
			const positions = (response as Extract<Response, { type: 'ordering' }>).positions;
			const placed = question.shown.filter((itemIndex, i) => positions[i] === itemIndex + 1).length;
			if (question.scoring === 'all_or_nothing') return placed === question.items.length ? 1 : 0;
			return placed / question.items.length;
		}
		case 'matching': {
			const picks = (response as Extract<Response, { type: 'matching' }>).picks;
			const matched = question.shownLeft.filter((pairIndex, i) => {
				const pick = picks[i];
				return (
					pick !== null &&
					pick !== undefined &&
					question.choices[pick] === question.pairs[pairIndex].right
				);
			}).length;
			if (question.scoring === 'all_or_nothing') return matched === question.pairs.length ? 1 : 0;
			return matched / question.pairs.length;
		}
	}
}

export interface Grade {
	marks: Record<string, number>;
	score: number;
	maxScore: number;
	percent: number;
	passed: boolean;
}

/** Grades a whole attempt; points are rounded to hundredths so sums stay exact enough to read. */
export function gradeAttempt(
	questions: SnapshotQuestion[],
	responses: Record<string, Response>,
	passMark: number
): Grade {
	const marks: Record<string, number> = {};
	let score = 0;
	let maxScore = 0;
	for (const q of questions) {
		const mark = Math.round(creditFor(q, responses[q.id]) * q.points * 100) / 100;
		marks[q.id] = mark;
		score += mark;
		maxScore += q.points;
	}
	score = Math.round(score * 100) / 100;
	const percent = maxScore > 0 ? Math.round((score / maxScore) * 10000) / 100 : 0;
	return { marks, score, maxScore, percent, passed: percent >= passMark };
}
