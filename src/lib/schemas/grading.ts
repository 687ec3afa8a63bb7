import { z } from 'zod';
import { identifier } from './fields';

// Grading (issue 18): the queue's filter, the rubric form and the graders of a course.

export const queueStatuses = ['waiting', 'graded', 'returned', 'all'] as const;

/** Anything that is not a well-formed id is no filter at all: the form is a plain GET form. */
const optionalUuid = z
	.string()
	.optional()
	.transform((v) => (v && z.uuid().safeParse(v).success ? v : null));

/** The queue's filter, read from the address (`?course=…&cohort=…&status=…`). */
export const queueFilterSchema = z.object({
	course: optionalUuid,
	cohort: optionalUuid,
	status: z.enum(queueStatuses).catch('waiting').default('waiting')
});
export type QueueFilterInput = z.infer<typeof queueFilterSchema>;

export const queueFilterOf = (params: URLSearchParams) =>
	queueFilterSchema.parse({
		course: params.get('course') ?? undefined,
		cohort: params.get('cohort') ?? undefined,
		status: params.get('status') ?? undefined
	});

/** The longest comment kept per criterion and overall (characters), as grading.ts keeps. */
export const MAX_COMMENT_CHARS = 5000;

/**
 * The rubric form: a level (its index) and a comment per criterion, an overall comment. The
 * criteria depend on the submission's rubric, so the fields are named `level.<criterion id>` and
 * `comment.<criterion id>`; markingOf gathers them. The domain drops criteria the rubric lacks.
 */
export const markingSchema = z.object({
	levels: z.record(z.string(), z.coerce.number().int().min(0)),
	comments: z.record(z.string(), z.string().max(MAX_COMMENT_CHARS)),
	overall: z.string().trim().max(MAX_COMMENT_CHARS)
});
export type MarkingForm = z.infer<typeof markingSchema>;

/** The rubric form's fields as a marking; a level left unchosen is simply absent. */
export function markingOf(data: FormData): MarkingForm {
	const levels: Record<string, string> = {};
	const comments: Record<string, string> = {};
	for (const [key, value] of data.entries()) {
		if (typeof value !== 'string') continue;
		if (key.startsWith('level.') && value !== '') levels[key.slice(6)] = value;
		if (key.startsWith('comment.')) comments[key.slice(8)] = value.slice(0, MAX_COMMENT_CHARS);
	}
	const overall = String(data.get('overall') ?? '').slice(0, MAX_COMMENT_CHARS);
	const parsed = markingSchema.safeParse({ levels, comments, overall });
	if (parsed.success) return parsed.data;
	// A tampered level is dropped rather than refusing the whole marking.
	const clean = Object.fromEntries(
		Object.entries(levels)
			.filter(([, v]) => /^\d+$/.test(v))
			.map(([k, v]) => [k, Number(v)])
	);
	return { levels: clean, comments, overall: overall.trim() };
}

/** A trainer appointed to grade a course, by the e-mail or username of their account. */
export const graderSchema = z.object({
	identifier,
	lead: z.boolean().default(false)
});

/** One appointed grader, named by the row's buttons (lead or not, remove). */
export const graderChangeSchema = z.object({
	userId: z.uuid(),
	lead: z.boolean().default(false)
});
