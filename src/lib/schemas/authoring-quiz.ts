import { z } from 'zod';
import { numberForInput, readNumber } from '$lib/number-input';
import { questionKinds } from '$lib/domain';
import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';

// The quiz editor's forms. They only turn what was typed into values that can be written to the
// quiz file (numbers that parse, choices from the lists); whether the quiz is complete and correct is
// checked on the whole file with the format's own schema (server/authoring/quiz-problems.ts), so a
// half-written question can still be saved as a draft.

export const questionTypes = [
	'single',
	'multiple',
	'true_false',
	'numeric',
	'short',
	'ordering',
	'matching'
] as const;
export type QuestionType = (typeof questionTypes)[number];
export const isQuestionType = (value: unknown): value is QuestionType =>
	questionTypes.includes(value as QuestionType);

/** As in server/quiz/format.ts, which the browser cannot import. */
export const reviewModes = ['never', 'after_each', 'after_pass', 'after_last'] as const;
export const scorings = ['all_or_nothing', 'partial'] as const;
export const toleranceTypes = ['absolute', 'relative'] as const;

/** Types whose answers are scored in parts or not at all. */
export const scoredTypes: readonly QuestionType[] = ['multiple', 'ordering', 'matching'];

/** Rows a list may grow to in the form; the format allows fewer (it says so on saving). */
export const MAX_ROWS = 30;
/** Longest text accepted in any field; the format's own limits are shorter and reported on saving. */
const MAX_TEXT = 10_000;

/**
 * An author's number, read as the editor's language writes numbers ($lib/number-input: "3,25" and
 * "1.300.000" in Vietnamese); null when empty or not one number.
 */
export function authorNumber(raw: string): number | null {
	const reading = readNumber(raw, getLocale());
	return reading.kind === 'number' ? reading.value : null;
}

/** A number from the quiz file as the editor's field shows it, so that it reads back the same. */
export const numberField = (n: number): string => numberForInput(n, getLocale());

/** What is wrong with an author's number, in their language; null when it is one number (or empty). */
function numberProblem(raw: string): string | null {
	const reading = readNumber(raw, getLocale());
	if (reading.kind === 'invalid') return m.author_quiz_error_number();
	if (reading.kind !== 'ambiguous') return null;
	const [whole, decimal] = reading.readings.map(numberField);
	return m.author_quiz_error_number_ambiguous({ whole, decimal });
}

const text = z.string().max(MAX_TEXT, {
	error: (issue) =>
		m.author_quiz_error_too_long({ max: MAX_TEXT, length: String(issue.input ?? '').length })
});
const rows = z
	.array(text)
	.max(MAX_ROWS, { error: () => m.author_quiz_error_too_many_rows({ max: MAX_ROWS }) });
/** Empty (the format's default), or a number. */
const decimal = z
	.string()
	.trim()
	.superRefine((v, ctx) => {
		const problem = numberProblem(v);
		if (problem) ctx.addIssue({ code: 'custom', message: problem });
	});
const isWhole = (v: string) => /^\d{1,6}$/.test(v);
/** Empty (no limit, or the default), or a whole number. */
const whole = z
	.string()
	.trim()
	.refine((v) => v === '' || isWhole(v), { error: () => m.author_quiz_error_whole_number() });

export const quizSettingsSchema = z
	.object({
		titleVi: text,
		titleEn: text,
		descriptionVi: text,
		descriptionEn: text,
		required: z.boolean().default(true),
		/** The lesson the quiz follows; empty: at the end of the course. */
		after: z.string().trim(),
		passMark: decimal,
		attempts: whole,
		timeLimitMinutes: whole,
		shuffleQuestions: z.boolean().default(true),
		shuffleOptions: z.boolean().default(true),
		review: z
			.enum(reviewModes, { error: () => m.author_quiz_error_choice() })
			.default('after_each'),
		questionsPerPage: whole,
		drawPool: rows,
		drawCount: rows
	})
	.superRefine((v, ctx) => {
		v.drawPool.forEach((pool, i) => {
			const count = (v.drawCount[i] ?? '').trim();
			if (pool.trim() === '' && count === '') return;
			if (!isWhole(count))
				ctx.addIssue({
					code: 'custom',
					path: ['drawCount', i],
					message:
						count === '' ? m.author_quiz_error_draw_count() : m.author_quiz_error_whole_number()
				});
		});
	});
export type QuizSettingsForm = z.infer<typeof quizSettingsSchema>;

const questionFields = {
	text,
	points: decimal,
	kind: z.enum(questionKinds, { error: () => m.author_quiz_error_choice() }).default('recall'),
	explanation: text,
	pool: z.string().trim(),
	/** single and multiple: one row per option; `correct` holds the indices of the right ones. */
	optionText: rows,
	optionFeedback: rows,
	correct: z.array(z.string()).max(MAX_ROWS),
	scoring: z
		.enum(scorings, { error: () => m.author_quiz_error_choice() })
		.default('all_or_nothing'),
	/** true_false: "true" or "false"; numeric: the number as typed. */
	answer: z.string().trim(),
	feedbackTrue: text,
	feedbackFalse: text,
	tolerance: decimal,
	toleranceType: z
		.enum(toleranceTypes, { error: () => m.author_quiz_error_choice() })
		.default('absolute'),
	unit: text,
	accepted: rows,
	ignoreCase: z.boolean().default(true),
	ignoreDiacritics: z.boolean().default(false),
	/** ordering: in the right order. */
	items: rows,
	pairLeft: rows,
	pairRight: rows,
	distractors: rows
};

const questionForm = z.object(questionFields);
export type QuestionForm = z.infer<typeof questionForm>;

function buildQuestionSchema(type: QuestionType) {
	return questionForm.superRefine((v, ctx) => {
		const problem = type === 'numeric' ? numberProblem(v.answer) : null;
		if (problem) ctx.addIssue({ code: 'custom', path: ['answer'], message: problem });
		if (type === 'true_false' && !['', 'true', 'false'].includes(v.answer))
			ctx.addIssue({ code: 'custom', path: ['answer'], message: m.author_quiz_error_choice() });
	});
}

/** One form schema per question type: the same fields, each type checking the ones it uses. */
export const questionFormSchemas = Object.fromEntries(
	questionTypes.map((type) => [type, buildQuestionSchema(type)])
) as Record<QuestionType, ReturnType<typeof buildQuestionSchema>>;

// Row buttons ("add an option", "remove item 3") submit an intent, so they work without JavaScript;
// with JavaScript the page applies the same function without a round trip.

export type QuestionList = 'option' | 'accepted' | 'item' | 'pair' | 'distractor';
const questionLists: Record<QuestionList, (keyof QuestionForm)[]> = {
	option: ['optionText', 'optionFeedback'],
	accepted: ['accepted'],
	item: ['items'],
	pair: ['pairLeft', 'pairRight'],
	distractor: ['distractors']
};

type Intent = { op: 'add' | 'remove' | 'up' | 'down'; list: string; index: number };

function parseIntent(intent: string): Intent | null {
	const match = intent.match(/^(add|remove|up|down):([a-z]+)(?::(\d+))?$/);
	if (!match) return null;
	return { op: match[1] as Intent['op'], list: match[2], index: Number(match[3] ?? -1) };
}

/** The arrays of one list, changed together; returns the index of the row to focus, or null. */
function changeRows(arrays: unknown[][], { op, index }: Intent): number | null {
	const length = arrays[0].length;
	if (op === 'add') {
		if (length >= MAX_ROWS) return null;
		for (const a of arrays) a.push('');
		return length;
	}
	if (index < 0 || index >= length) return null;
	if (op === 'remove') {
		for (const a of arrays) a.splice(index, 1);
		return Math.min(index, length - 2);
	}
	const other = op === 'up' ? index - 1 : index + 1;
	if (other < 0 || other >= length) return null;
	for (const a of arrays) [a[index], a[other]] = [a[other], a[index]];
	return other;
}

/** Applies a row button to a copy of the question form; null when the intent is not one. */
export function applyQuestionIntent(
	values: QuestionForm,
	intent: string
): { values: QuestionForm; focus: number | null } | null {
	const parsed = parseIntent(intent);
	if (!parsed || !(parsed.list in questionLists)) return null;
	const next = structuredClone(values);
	const keys = questionLists[parsed.list as QuestionList];
	const arrays = keys.map((k) => next[k] as string[]);
	const length = Math.max(...arrays.map((a) => a.length));
	for (const a of arrays) while (a.length < length) a.push('');
	// Correct marks follow their option when options are removed or moved.
	const marks = arrays[0].map((_, i) => next.correct.includes(String(i)));
	const focus = changeRows(parsed.list === 'option' ? [...arrays, marks] : arrays, parsed);
	if (parsed.list === 'option')
		next.correct = marks.flatMap((marked, i) => (marked === true ? [String(i)] : []));
	return { values: next, focus };
}

/** The same for the settings form's draw rows. */
export function applySettingsIntent(
	values: QuizSettingsForm,
	intent: string
): { values: QuizSettingsForm; focus: number | null } | null {
	const parsed = parseIntent(intent);
	if (!parsed || parsed.list !== 'draw' || parsed.op === 'up' || parsed.op === 'down') return null;
	const next = structuredClone(values);
	while (next.drawCount.length < next.drawPool.length) next.drawCount.push('');
	next.drawCount.length = next.drawPool.length;
	const focus = changeRows([next.drawPool, next.drawCount], parsed);
	return { values: next, focus };
}
