import { formatNumber } from '$lib/format';
import type { Response } from './grading';
import { inLanguage } from './language';
import type { SnapshotQuestion } from './snapshot';

/**
 * A question as the learner sees it while answering: no correct flags, answers, tolerances,
 * accepted answers, feedback or explanations. The only shape that ever leaves the server before
 * an attempt is submitted.
 */
export type QuestionView =
	| { id: string; type: 'single' | 'multiple'; text: string; points: number; options: string[] }
	| { id: string; type: 'true_false'; text: string; points: number }
	| { id: string; type: 'numeric'; text: string; points: number; unit: string | null }
	| { id: string; type: 'short'; text: string; points: number }
	| { id: string; type: 'ordering'; text: string; points: number; items: string[] }
	| {
			id: string;
			type: 'matching';
			text: string;
			points: number;
			left: string[];
			choices: string[];
	  };

/** The question in `locale` (its English where the quiz gives it; Vietnamese otherwise). */
export function questionView(question: SnapshotQuestion, locale = 'vi'): QuestionView {
	const q = inLanguage(question, locale);
	const base = { id: q.id, text: q.text, points: q.points };
	switch (q.type) {
		case 'single':
		case 'multiple':
			return { ...base, type: q.type, options: q.options.map((o) => o.text) };
		case 'true_false':
			return { ...base, type: q.type };
		case 'numeric':
			return { ...base, type: q.type, unit: q.unit ?? null };
		case 'short':
			return { ...base, type: q.type };
		case 'ordering':
			return { ...base, type: q.type, items: q.shown.map((i) => q.items[i]) };
		case 'matching':
			return {
				...base,
				type: q.type,
				left: q.shownLeft.map((i) => q.pairs[i].left),
				choices: q.choices
			};
	}
}

/** After submission, when the quiz allows review: what was right, and why. */
export interface QuestionReview {
	view: QuestionView;
	response: Response | undefined;
	mark: number;
	/** What a right answer is, in words. */
	correctAnswer: string[];
	/** Feedback on the options the learner picked (and on true/false). */
	feedback: string[];
	explanation: string | null;
}

export function questionReview(
	q: SnapshotQuestion,
	response: Response | undefined,
	mark: number,
	words: { yes: string; no: string },
	locale = 'vi'
): QuestionReview {
	q = inLanguage(q, locale);
	let correctAnswer: string[] = [];
	const feedback: string[] = [];
	switch (q.type) {
		case 'single':
		case 'multiple': {
			correctAnswer = q.options.filter((o) => o.correct).map((o) => o.text);
			const picked =
				response?.type === 'single'
					? [response.choice]
					: response?.type === 'multiple'
						? response.choices
						: [];
			for (const i of picked) {
				const fb = i !== null ? q.options[i]?.feedback : undefined;
				if (fb) feedback.push(fb);
			}
			break;
		}
		case 'true_false': {
			correctAnswer = [q.answer ? words.yes : words.no];
			const given = response?.type === 'true_false' ? response.value : null;
			const fb = given === true ? q.feedbackTrue : given === false ? q.feedbackFalse : undefined;
			if (fb) feedback.push(fb);
			break;
		}
		case 'numeric':
			// As the reader writes numbers: 1,5 and 50.000.000 in Vietnamese (the answer as typed is read
			// either way: number-input.ts).
			correctAnswer = [
				`${formatNumber(q.answer, locale === 'en' ? 'en' : 'vi')}${q.unit ? ' ' + q.unit : ''}`
			];
			break;
		case 'short':
			correctAnswer = q.accepted;
			break;
		case 'ordering':
			correctAnswer = q.items.map((item, i) => `${i + 1}. ${item}`);
			break;
		case 'matching':
			correctAnswer = q.pairs.map((p) => `${p.left} → ${p.right}`);
			break;
	}
	return {
		view: questionView(q),
		response,
		mark,
		correctAnswer,
		feedback,
		explanation: q.explanation ?? null
	};
}
