import { readNumber, type NumberReading } from '$lib/number-input';
import type { Locale } from '$lib/paraglide/runtime';
import { fold } from '$lib/text';
import type { SnapshotQuestion } from './snapshot';

/** A learner's answer to one question, in the snapshot's own terms (positions as shown). */
export type Response =
	| { type: 'single'; choice: number | null }
	| { type: 'multiple'; choices: number[] }
	| { type: 'true_false'; value: boolean | null }
	/** As typed, with the language of the page it was typed on (absent: saved before it was kept). */
	| { type: 'numeric'; value: string; locale?: Locale }
	| { type: 'short'; value: string }
	/** The position (1-based) given to each item, in the order shown. */
	| { type: 'ordering'; positions: (number | null)[] }
	/** The choice picked for each left-hand side, in the order shown. */
	| { type: 'matching'; picks: (number | null)[] };

type NumericResponse = Extract<Response, { type: 'numeric' }>;

/** A numeric answer read as the learner wrote it: in their page's language (Vietnamese if unknown). */
export function readNumericAnswer(response: NumericResponse): NumberReading {
	return readNumber(response.value, response.locale ?? 'vi');
}

/**
 * The questions whose numeric answers must be typed again before the attempt is handed in: ones that
 * read two ways ("1.250" on a Vietnamese page) or are not numbers. They are never graded as written.
 */
export function answersToReenter(
	questions: SnapshotQuestion[],
	responses: Record<string, Response>
): string[] {
	return questions
		.filter((q) => {
			const r = responses[q.id];
			if (q.type !== 'numeric' || r?.type !== 'numeric') return false;
			const kind = readNumericAnswer(r).kind;
			return kind === 'ambiguous' || kind === 'invalid';
		})
		.map((q) => q.id);
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
			const reading = readNumericAnswer(response as NumericResponse);
			// An answer that reads two ways is asked again at hand-in; it reaches grading only when time
			// ran out first, and then the learner, not our doubt, gets the benefit: either reading counts.
			const values =
				reading.kind === 'number'
					? [reading.value]
					: reading.kind === 'ambiguous'
						? reading.readings
						: [];
			const allowed =
				question.toleranceType === 'relative'
					? Math.abs(question.answer) * question.tolerance
					: question.tolerance;
			// A hair of slack for binary floating point at the tolerance's edge.
			const slack = 1e-9 * Math.max(1, Math.abs(question.answer));
			return values.some((v) => Math.abs(v - question.answer) <= allowed + slack) ? 1 : 0;
		}
		case 'short': {
			const given = normaliseShort(
				(response as Extract<Response, { type: 'short' }>).value,
				question.ignoreCase,
				question.ignoreDiacritics
			);
			if (!given) return 0;
			// The English answers count whichever language the attempt was taken in.
			return [...question.accepted, ...(question.en?.accepted ?? [])].some(
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
