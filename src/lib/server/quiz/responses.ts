import { z } from 'zod';
import type { Locale } from '$lib/paraglide/runtime';
import type { Response } from './grading';
import type { QuestionView } from './view';

// Answers arrive as form fields named after the question: `q.<id>` (and `q.<id>.<i>` for the rows
// of ordering and matching questions). Anything out of range counts as unanswered.

const index = (size: number) =>
	z.coerce
		.number()
		.int()
		.min(0)
		.max(size - 1);

function pick(schema: z.ZodType<number>, raw: FormDataEntryValue | null): number | null {
	if (raw === null || raw === '') return null;
	const parsed = schema.safeParse(raw);
	return parsed.success ? parsed.data : null;
}

const text = z.string().max(500);

/**
 * The response to one question read from a submitted page, validated against what was shown. A
 * number is kept as typed, with the page's language, which decides how it reads (grading.ts).
 */
export function readResponse(question: QuestionView, form: FormData, locale: Locale): Response {
	const name = `q.${question.id}`;
	switch (question.type) {
		case 'single':
			return { type: 'single', choice: pick(index(question.options.length), form.get(name)) };
		case 'multiple': {
			const choices = form
				.getAll(name)
				.map((v) => pick(index(question.options.length), v))
				.filter((v): v is number => v !== null);
			return { type: 'multiple', choices: [...new Set(choices)].sort((a, b) => a - b) };
		}
		case 'true_false': {
			const raw = form.get(name);
			return { type: 'true_false', value: raw === 'true' ? true : raw === 'false' ? false : null };
		}
		case 'numeric':
		case 'short': {
			const parsed = text.safeParse(form.get(name) ?? '');
			const value = parsed.success ? parsed.data : '';
			return question.type === 'numeric'
				? { type: 'numeric', value, locale }
				: { type: 'short', value };
		}
		case 'ordering':
			return {
				type: 'ordering',
				positions: question.items.map((_, i) =>
					pick(z.coerce.number().int().min(1).max(question.items.length), form.get(`${name}.${i}`))
				)
			};
		case 'matching':
			return {
				type: 'matching',
				picks: question.left.map((_, i) =>
					pick(index(question.choices.length), form.get(`${name}.${i}`))
				)
			};
	}
}

/** Whether a response says anything (for "x of y answered"). */
export function isAnswered(response: Response | undefined): boolean {
	if (!response) return false;
	switch (response.type) {
		case 'single':
			return response.choice !== null;
		case 'multiple':
			return response.choices.length > 0;
		case 'true_false':
			return response.value !== null;
		case 'numeric':
		case 'short':
			return response.value.trim() !== '';
		case 'ordering':
			return response.positions.some((p) => p !== null);
		case 'matching':
			return response.picks.some((p) => p !== null);
	}
}
