import { z } from 'zod';
import { m } from '$lib/paraglide/messages';

/** More lines than any room holds: a paste gone wrong, refused before it is matched line by line. */
export const PAPER_MAX_LINES = 500;

const filled = (text: string) => text.split(/\r\n|\r|\n/).filter((l) => l.trim() !== '');

/** The names typed back from a paper sign-in sheet, one a line (workshops/paper.ts reads them). */
export const paperLinesSchema = z.object({
	lines: z
		.string()
		.max(PAPER_MAX_LINES * 200, {
			error: () => m.ws_paper_error_too_many({ max: PAPER_MAX_LINES })
		})
		.refine((v) => filled(v).length > 0, { error: () => m.ws_paper_error_empty() })
		.refine((v) => filled(v).length <= PAPER_MAX_LINES, {
			error: () => m.ws_paper_error_too_many({ max: PAPER_MAX_LINES })
		})
});

/** The trainer's answer for one reviewed line: who it was, or a walk-in's name and contact, or skip. */
export const paperDecisionSchema = z.object({
	pick: z.string().max(64).optional(),
	name: z.string().max(200).optional(),
	contact: z.string().max(254).optional()
});

/** The review confirmed: the same lines again and an answer per line number. */
export const paperConfirmSchema = paperLinesSchema.extend({
	decisions: z.record(z.string().regex(/^\d{1,4}$/), paperDecisionSchema)
});

const DECISION_FIELD = /^(pick|name|contact)-(\d{1,4})$/;

/** The confirm form's fields (lines, pick-3, name-3, contact-3, …) as paperConfirmSchema's input. */
export function paperConfirmInput(form: FormData) {
	const decisions: Record<string, Record<string, string>> = {};
	for (const [key, value] of form) {
		const field = DECISION_FIELD.exec(key);
		if (!field || typeof value !== 'string') continue;
		(decisions[field[2]] ??= {})[field[1]] = value;
	}
	return { lines: String(form.get('lines') ?? ''), decisions };
}
