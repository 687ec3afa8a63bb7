import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import type { SurveyAnswers, SurveyQuestion } from '$lib/workshops';

// The day's inputs: test scores typed from paper, a survey's answers, a survey template. Their
// field names carry an id (a person, a question), so the pages read them from FormData with the
// helpers here and validate with these schemas, server and form alike.

/**
 * A percentage typed from a paper test: "85", "85,5", "85.5" or "85 %"; empty for none. Out of
 * 0–100 or not a number is refused, naming the field.
 */
export const percentField = z
	.string()
	.trim()
	.refine(
		(v) => {
			if (v === '') return true;
			const match = /^(\d{1,3})([.,]\d{1,2})?\s*%?$/.exec(v);
			return match !== null && Number(v.replace(',', '.').replace('%', '')) <= 100;
		},
		{ error: () => m.ws_day_error_percent() }
	)
	.transform((v) => (v === '' ? null : Number(v.replace(',', '.').replace('%', '').trim())));

/** One participant's row of the paper scores table. */
export const paperScoreRowSchema = z.object({
	userId: z.uuid({ error: () => m.error_invalid() }),
	pre: percentField,
	post: percentField
});
export type PaperScoreRow = z.output<typeof paperScoreRowSchema>;

/** The table's rows as typed: fields `pre.<userId>` and `post.<userId>`. */
export function paperScoreRows(form: FormData): { userId: string; pre: string; post: string }[] {
	const ids = form.getAll('userId').map(String);
	return ids.map((userId) => ({
		userId,
		pre: String(form.get(`pre.${userId}`) ?? ''),
		post: String(form.get(`post.${userId}`) ?? '')
	}));
}

const rating = z
	.string({ error: () => m.ws_day_error_rating() })
	.refine((v) => /^[1-5]$/.test(v), { error: () => m.ws_day_error_rating() })
	.transform(Number);

/**
 * The answers to a survey's questions: a rating `q.<id>` of 1–5, a comment `q.<id>`. Online every
 * rating is asked for; a paper form is typed in as it was filled (`paper`), a rating left blank
 * stays blank, but a form with nothing on it is no answer.
 */
export function surveyAnswersSchema(questions: SurveyQuestion[], paper = false) {
	const shape: Record<string, z.ZodType<number | string | undefined>> = {};
	for (const q of questions) {
		shape[q.id] =
			q.kind === 'rating'
				? paper
					? z
							.string()
							.optional()
							.transform((v) => (v === '' ? undefined : v))
							.pipe(rating.optional())
					: rating
				: q.required && !paper
					? z
							.string()
							.trim()
							.min(1, { error: () => m.ws_day_error_comment_required() })
							.max(2000, { error: () => m.ws_day_error_comment_long() })
					: z
							.string()
							.trim()
							.max(2000, { error: () => m.ws_day_error_comment_long() })
							.optional();
	}
	return z
		.object(shape)
		.transform((answers) => {
			const kept: SurveyAnswers = {};
			for (const [id, value] of Object.entries(answers))
				if (value !== undefined && value !== '') kept[id] = value;
			return kept;
		})
		.refine((kept) => Object.keys(kept).length > 0, {
			error: () => m.ws_day_error_survey_empty()
		});
}

/** What the survey form sent, by question id (an unanswered rating is absent). */
export function surveyFormValues(
	form: FormData,
	questions: SurveyQuestion[]
): Record<string, string | undefined> {
	return Object.fromEntries(
		questions.map((q) => {
			const value = form.get(`q.${q.id}`);
			return [q.id, typeof value === 'string' ? value : undefined];
		})
	);
}

export const MAX_SURVEY_QUESTIONS = 20;

const questionRow = z.object({
	/** Kept for an existing question; a new one is given an id when saved. */
	id: z.string().regex(/^[a-z0-9_-]{0,40}$/, { error: () => m.error_invalid() }),
	kind: z.enum(['rating', 'comment'], { error: () => m.error_invalid() }),
	text: z
		.string()
		.trim()
		.max(300, { error: () => m.ws_day_error_question_long() })
});

/** A survey template: a title and its questions in order; a row left blank is no question. */
export const surveyTemplateSchema = z
	.object({
		title: z
			.string()
			.trim()
			.min(1, { error: () => m.ws_day_error_template_title() })
			.max(200, { error: () => m.ws_day_error_template_title() }),
		questions: z.array(questionRow).max(MAX_SURVEY_QUESTIONS + 5)
	})
	.transform((v) => ({ ...v, questions: v.questions.filter((q) => q.text !== '') }))
	.refine((v) => v.questions.length > 0, {
		path: ['questions'],
		error: () => m.ws_day_error_template_empty()
	})
	.refine((v) => v.questions.length <= MAX_SURVEY_QUESTIONS, {
		path: ['questions'],
		error: () => m.ws_day_error_template_many({ max: MAX_SURVEY_QUESTIONS })
	});
export type SurveyTemplateForm = z.output<typeof surveyTemplateSchema>;

/** The template form's fields: `title`, then rows `id.<n>`, `kind.<n>`, `text.<n>` from 0. */
export function surveyTemplateFormValues(form: FormData) {
	const questions: { id: string; kind: string; text: string }[] = [];
	for (let n = 0; form.has(`text.${n}`); n++)
		questions.push({
			id: String(form.get(`id.${n}`) ?? ''),
			kind: String(form.get(`kind.${n}`) ?? 'rating'),
			text: String(form.get(`text.${n}`) ?? '')
		});
	return { title: String(form.get('title') ?? ''), questions };
}
