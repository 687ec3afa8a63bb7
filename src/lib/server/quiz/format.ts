import { z } from 'zod';
import { questionKinds } from '$lib/domain';
import { slugSchema } from '../courses/format';

// The quiz file format (docs/course-format.md, "Quizzes"). Messages are for authors, in English.

const text = (max: number) =>
	z
		.string({ error: 'must be text' })
		.trim()
		.min(1, 'must not be empty')
		.max(max, `must be at most ${max} characters`);

const points = z
	.number({ error: 'must be a number' })
	.positive('must be more than 0')
	.max(100)
	.default(1);
const explanation = text(4000).optional();

const choice = z.strictObject({
	text: text(1000),
	correct: z.boolean({ error: 'must be true or false' }).default(false),
	feedback: text(2000).optional()
});

/**
 * A question's texts in English, beside the Vietnamese: the same options, items and pairs in the
 * same order, so answers, flags and points are written once. `accepted` adds English answers.
 */
const englishSchema = z.strictObject({
	text: text(4000),
	explanation,
	options: z
		.array(z.strictObject({ text: text(1000), feedback: text(2000).optional() }))
		.optional(),
	items: z.array(text(500)).optional(),
	pairs: z.array(z.strictObject({ left: text(500), right: text(500) })).optional(),
	distractors: z.array(text(500)).optional(),
	accepted: z.array(text(200)).optional(),
	unit: z.string().trim().max(40).optional(),
	feedbackTrue: text(2000).optional(),
	feedbackFalse: text(2000).optional()
});
export type QuestionInEnglish = z.infer<typeof englishSchema>;

const base = {
	id: slugSchema,
	pool: slugSchema.optional(),
	points,
	kind: z
		.enum(questionKinds, { error: `must be one of ${questionKinds.join(', ')}` })
		.default('recall'),
	text: text(4000),
	explanation,
	en: englishSchema.optional()
};

export const questionSchema = z.discriminatedUnion(
	'type',
	[
		z.strictObject({
			...base,
			type: z.literal('single'),
			options: z.array(choice).min(2, 'needs at least 2 options').max(10)
		}),
		z.strictObject({
			...base,
			type: z.literal('multiple'),
			scoring: z
				.enum(['all_or_nothing', 'partial'], { error: 'must be all_or_nothing or partial' })
				.default('all_or_nothing'),
			options: z.array(choice).min(2, 'needs at least 2 options').max(12)
		}),
		z.strictObject({
			...base,
			type: z.literal('true_false'),
			answer: z.boolean({ error: 'must be true or false' }),
			feedbackTrue: text(2000).optional(),
			feedbackFalse: text(2000).optional()
		}),
		z.strictObject({
			...base,
			type: z.literal('numeric'),
			answer: z.number({ error: 'must be a number' }),
			tolerance: z.number({ error: 'must be a number' }).min(0).default(0),
			toleranceType: z
				.enum(['absolute', 'relative'], { error: 'must be absolute or relative' })
				.default('absolute'),
			unit: z.string().trim().max(40).optional()
		}),
		z.strictObject({
			...base,
			type: z.literal('short'),
			accepted: z.array(text(200)).min(1, 'needs at least one accepted answer'),
			ignoreCase: z.boolean().default(true),
			ignoreDiacritics: z.boolean().default(false)
		}),
		z.strictObject({
			...base,
			type: z.literal('ordering'),
			scoring: z
				.enum(['all_or_nothing', 'partial'], { error: 'must be all_or_nothing or partial' })
				.default('all_or_nothing'),
			/** In the correct order. */
			items: z.array(text(500)).min(2, 'needs at least 2 items').max(12)
		}),
		z.strictObject({
			...base,
			type: z.literal('matching'),
			scoring: z
				.enum(['all_or_nothing', 'partial'], { error: 'must be all_or_nothing or partial' })
				.default('partial'),
			pairs: z
				.array(z.strictObject({ left: text(500), right: text(500) }))
				.min(2, 'needs at least 2 pairs')
				.max(12),
			/** Extra wrong answers on the right. */
			distractors: z.array(text(500)).max(6).default([])
		})
	],
	{ error: 'type must be single, multiple, true_false, numeric, short, ordering or matching' }
);

export type Question = z.infer<typeof questionSchema>;

export const reviewModes = ['never', 'after_each', 'after_pass', 'after_last'] as const;

export const quizSchema = z
	.strictObject({
		title: z.strictObject({ vi: text(160), en: text(160).optional() }),
		description: z.strictObject({ vi: text(2000), en: text(2000).optional() }).optional(),
		/** Counts towards the course's completion rule: it must be passed. */
		required: z.boolean({ error: 'must be true or false' }).default(true),
		/** The lesson this quiz follows in the outline; absent: at the end of the course. */
		after: slugSchema.optional(),
		passMark: z.number({ error: 'must be a percentage' }).min(0).max(100).default(70),
		attempts: z
			.number({ error: 'must be a number or null' })
			.int()
			.min(1)
			.max(100)
			.nullable()
			.default(null),
		timeLimitMinutes: z
			.number({ error: 'must be a number of minutes or null' })
			.int()
			.min(1)
			.max(600)
			.nullable()
			.default(null),
		shuffleQuestions: z.boolean().default(true),
		shuffleOptions: z.boolean().default(true),
		review: z
			.enum(reviewModes, { error: `must be one of ${reviewModes.join(', ')}` })
			.default('after_each'),
		questionsPerPage: z.number().int().min(1).max(50).default(5),
		/** Draw this many questions from each pool; questions without a pool are always asked. */
		draw: z.array(z.strictObject({ pool: slugSchema, count: z.number().int().min(1) })).default([]),
		questions: z.array(questionSchema).min(1, 'a quiz needs at least one question')
	})
	.superRefine((quiz, ctx) => {
		const ids = new Set<string>();
		quiz.questions.forEach((q, i) => {
			if (ids.has(q.id))
				ctx.addIssue({
					code: 'custom',
					path: ['questions', i, 'id'],
					message: `is used by another question ("${q.id}")`
				});
			ids.add(q.id);
			if ((q.type === 'single' || q.type === 'multiple') && !q.options.some((o) => o.correct)) {
				ctx.addIssue({
					code: 'custom',
					path: ['questions', i, 'options'],
					message: 'needs at least one correct option'
				});
			}
			if (q.type === 'single' && q.options.filter((o) => o.correct).length > 1) {
				ctx.addIssue({
					code: 'custom',
					path: ['questions', i, 'options'],
					message: 'a single-choice question has exactly one correct option'
				});
			}
			for (const problem of englishProblems(q))
				ctx.addIssue({
					code: 'custom',
					path: ['questions', i, 'en', problem.field],
					message: problem.message
				});
			if (q.pool && !quiz.draw.some((d) => d.pool === q.pool)) {
				ctx.addIssue({
					code: 'custom',
					path: ['questions', i, 'pool'],
					message: `is not drawn from: add it under draw`
				});
			}
		});
		quiz.draw.forEach((d, i) => {
			const available = quiz.questions.filter((q) => q.pool === d.pool).length;
			if (available < d.count) {
				ctx.addIssue({
					code: 'custom',
					path: ['draw', i, 'count'],
					message: `asks for ${d.count} questions but pool "${d.pool}" has ${available}`
				});
			}
		});
	});

export type QuizDefinition = z.infer<typeof quizSchema>;

/** The fields of `en` each question type may carry, and the list each must match in length. */
const englishFields: Record<Question['type'], (keyof QuestionInEnglish)[]> = {
	single: ['options'],
	multiple: ['options'],
	true_false: ['feedbackTrue', 'feedbackFalse'],
	numeric: ['unit'],
	short: ['accepted'],
	ordering: ['items'],
	matching: ['pairs', 'distractors']
};

function englishProblems(q: Question): { field: string; message: string }[] {
	if (!q.en) return [];
	const problems: { field: string; message: string }[] = [];
	const allowed = new Set<string>(['text', 'explanation', ...englishFields[q.type]]);
	for (const field of Object.keys(q.en))
		if (!allowed.has(field))
			problems.push({ field, message: `is not used by a ${q.type} question` });
	const sameLength = (field: string, english: unknown[] | undefined, vietnamese: unknown[]) => {
		if (english === undefined) {
			if (vietnamese.length > 0)
				problems.push({ field, message: `is missing: give all ${vietnamese.length} in English` });
		} else if (english.length !== vietnamese.length)
			problems.push({
				field,
				message: `has ${english.length} but the question has ${vietnamese.length}, in the same order`
			});
	};
	if (q.type === 'single' || q.type === 'multiple') {
		sameLength('options', q.en.options, q.options);
		q.options.forEach((o, i) => {
			if (o.feedback && q.en?.options?.[i] && !q.en.options[i].feedback)
				problems.push({ field: 'options', message: `option ${i + 1} has feedback: translate it` });
		});
	}
	if (q.type === 'ordering') sameLength('items', q.en.items, q.items);
	if (q.type === 'matching') {
		sameLength('pairs', q.en.pairs, q.pairs);
		sameLength('distractors', q.en.distractors, q.distractors);
	}
	if (q.explanation && !q.en.explanation)
		problems.push({ field: 'explanation', message: 'the question has one: translate it' });
	if (q.type === 'true_false') {
		if (q.feedbackTrue && !q.en.feedbackTrue)
			problems.push({ field: 'feedbackTrue', message: 'the question has it: translate it' });
		if (q.feedbackFalse && !q.en.feedbackFalse)
			problems.push({ field: 'feedbackFalse', message: 'the question has it: translate it' });
	}
	return problems;
}

/** Whether every question and the title of a quiz can be read in English. */
export const quizInEnglish = (quiz: QuizDefinition) =>
	Boolean(quiz.title.en) &&
	(!quiz.description || Boolean(quiz.description.en)) &&
	quiz.questions.every((q) => q.en);
