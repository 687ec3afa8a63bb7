import { fail } from '@sveltejs/kit';
import {
	paperConfirmInput,
	paperConfirmSchema,
	paperLinesSchema
} from '$lib/schemas/workshop-paper';
import { confirmPaper, reviewPaper, sheetRows } from '$lib/server/workshops/paper';
import type { Actions, PageServerLoad } from './$types';
import { paperSession } from './session.server';

/**
 * Typing back a paper sign-in sheet: the names (or the sheet's numbers) one a line, then a review
 * that asks which person a shared name meant and what to do with names nobody has, then recorded.
 * Two plain form posts; whatever was typed comes back with any error.
 */
export const load: PageServerLoad = async ({ locals, params }) => {
	const { access, session, ordinal } = await paperSession(locals, params);
	return {
		workshop: { id: access.workshop.id, title: access.workshop.title },
		session: { id: session.id, startsAt: session.startsAt, endsAt: session.endsAt },
		ordinal,
		rows: (await sheetRows(locals.db, access.workshop.id, session)).length
	};
};

export const actions: Actions = {
	review: async ({ locals, params, request }) => {
		const { access, session } = await paperSession(locals, params);
		const lines = String((await request.formData()).get('lines') ?? '');
		const parsed = paperLinesSchema.safeParse({ lines });
		if (!parsed.success)
			return fail(400, {
				stage: 'edit' as const,
				lines,
				error: String(parsed.error.issues[0]?.message ?? '')
			});
		const review = await reviewPaper(locals.db, access.workshop.id, session.id, parsed.data.lines);
		return {
			stage: 'review' as const,
			lines: parsed.data.lines,
			review,
			problems: {},
			decisions: {}
		};
	},

	/** Back from the review to the text box, with the text as it was. */
	edit: async ({ locals, params, request }) => {
		await paperSession(locals, params);
		return { stage: 'edit' as const, lines: String((await request.formData()).get('lines') ?? '') };
	},

	confirm: async ({ locals, params, request }) => {
		const { access, session, user } = await paperSession(locals, params);
		const input = paperConfirmInput(await request.formData());
		const parsed = paperConfirmSchema.safeParse(input);
		if (!parsed.success)
			return fail(400, {
				stage: 'edit' as const,
				lines: input.lines,
				error: String(parsed.error.issues[0]?.message ?? '')
			});
		const decisions = Object.fromEntries(
			Object.entries(parsed.data.decisions).map(([line, d]) => [Number(line), d])
		);
		const result = await confirmPaper(
			locals.db,
			{ id: access.workshop.id, sessionId: session.id },
			parsed.data.lines,
			decisions,
			user.id
		);
		if (!result.ok)
			return fail(400, {
				stage: 'review' as const,
				lines: parsed.data.lines,
				review: result.review,
				problems: result.problems,
				decisions: parsed.data.decisions
			});
		return { stage: 'done' as const, outcomes: result.outcomes };
	}
};
