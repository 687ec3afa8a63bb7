import { error, fail } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { rosterTapSchema } from '$lib/schemas/workshop-roster';
import { walkInSchema } from '$lib/schemas/workshops';
import { sessionRoster } from '$lib/server/workshops/attendance';
import {
	isClosed,
	outsideWindow,
	rosterSession,
	tap,
	undoTap,
	walkInTap
} from '$lib/server/workshops/roster';
import { viewerOf } from '../../../../options.server';
import type { Actions, PageServerLoad } from './$types';

/** The session, for its trainers and planners; 404 for everyone else. */
async function rosterOf(locals: App.Locals, params: { id: string; sessionId: string }) {
	if (!locals.user) error(401, m.error_forbidden());
	const at = await rosterSession(locals.db, viewerOf(locals), params.id, params.sessionId);
	if (!at) error(404, m.error_not_found());
	return { at, by: locals.user.id };
}

/**
 * The trainer's list for one session: everyone registered (and, apart, those waiting) with who is
 * present, filtered by ?q= without JavaScript and as one types with it.
 */
export const load: PageServerLoad = async ({ locals, params, url }) => {
	const { at } = await rosterOf(locals, params);
	const people = await sessionRoster(locals.db, at.session.id);
	return {
		workshop: { id: at.workshop.id, title: at.workshop.title },
		session: at.session,
		closed: isClosed(at),
		outsideWindow: outsideWindow(at),
		q: (url.searchParams.get('q') ?? '').slice(0, 100),
		people
	};
};

/** A tap or an undo names one person on the list. */
async function personOf(request: Request) {
	const parsed = rosterTapSchema.safeParse(Object.fromEntries(await request.formData()));
	return parsed.success ? parsed.data.userId : null;
}

export const actions: Actions = {
	tap: async ({ locals, params, request }) => {
		const { at, by } = await rosterOf(locals, params);
		const userId = await personOf(request);
		if (!userId) return fail(400, { error: m.error_invalid() });
		const outcome = await tap(locals.db, at, userId, by);
		if (outcome === 'not_found') return fail(404, { error: m.ws_roster_not_on_list() });
		return { tapped: { userId, outcome } };
	},

	undo: async ({ locals, params, request }) => {
		const { at, by } = await rosterOf(locals, params);
		if (isClosed(at)) return fail(409, { error: m.ws_roster_undo_closed() });
		const userId = await personOf(request);
		if (!userId) return fail(400, { error: m.error_invalid() });
		const outcome = await undoTap(locals.db, at, userId, by);
		if (outcome === 'not_a_tap') return fail(409, { error: m.ws_roster_undo_not_tap() });
		return { undone: { userId, outcome } };
	},

	walkIn: async ({ locals, params, request }) => {
		const { at, by } = await rosterOf(locals, params);
		const form = await request.formData();
		const values = {
			fullName: String(form.get('fullName') ?? ''),
			contact: String(form.get('contact') ?? '')
		};
		if (isClosed(at)) return fail(409, { error: m.ws_roster_walk_in_closed() });
		const parsed = walkInSchema.safeParse(values);
		if (!parsed.success) {
			const errors: Record<string, string[]> = {};
			for (const issue of parsed.error.issues)
				(errors[String(issue.path[0])] ??= []).push(issue.message);
			return fail(400, { walkIn: { values, errors } });
		}
		const result = await walkInTap(locals.db, at, parsed.data, by);
		if (!result.ok)
			return fail(400, {
				walkIn: {
					values,
					errors:
						result.reason === 'name_missing'
							? { fullName: [m.error_name_required()] }
							: { contact: [m.workshop_error_contact_invalid()] }
				}
			});
		return {
			walkedIn: {
				userId: result.userId,
				fullName: result.fullName,
				matched: result.matched,
				password: result.password,
				outcome: result.outcome
			}
		};
	}
};
