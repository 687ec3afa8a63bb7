import { error, fail } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { workshopAccess } from '$lib/server/workshops/access';
import { closeWorkshop, closingSummary, reopenWorkshop } from '$lib/server/workshops/close';
import { viewerOf } from '../../options.server';
import type { Actions, PageServerLoad } from './$types';

/** The workshop, for its trainers and planners; 404 for everyone else. */
async function closingAccess(locals: App.Locals, id: string) {
	if (!locals.user) error(401, m.error_forbidden());
	const access = await workshopAccess(locals.db, viewerOf(locals), id);
	if (!access || !access.takeAttendance) error(404, m.error_not_found());
	return access;
}

/** "Kết thúc lớp": what closing does, asked to be confirmed; on a closed workshop, what it did. */
export const load: PageServerLoad = async ({ locals, params }) => {
	const access = await closingAccess(locals, params.id);
	const { workshop } = access;
	return {
		workshop: {
			id: workshop.id,
			title: workshop.title,
			status: workshop.status,
			closedAt: workshop.closedAt,
			attendanceCertificate: workshop.attendanceCertificate,
			rule: workshop.attendanceRule
		},
		plan: access.plan,
		summary: await closingSummary(locals.db, workshop)
	};
};

export const actions: Actions = {
	/** Closes the workshop; on a closed one, issues the certificates still owed. */
	close: async ({ locals, params }) => {
		await closingAccess(locals, params.id);
		const result = await closeWorkshop(locals.db, viewerOf(locals), params.id);
		if (!result.ok) {
			if (result.reason === 'draft') return fail(409, { closeError: m.ws_close_draft() });
			error(404, m.error_not_found());
		}
		return {
			closed: true,
			text: result.already
				? m.ws_close_reissued({ count: result.issued.length })
				: m.ws_close_done({ count: result.issued.length })
		};
	},

	reopen: async ({ locals, params }) => {
		await closingAccess(locals, params.id);
		const result = await reopenWorkshop(locals.db, viewerOf(locals), params.id);
		if (!result.ok) {
			if (result.reason === 'not_allowed') error(403, m.error_forbidden());
			error(404, m.error_not_found());
		}
		return { reopened: true, text: m.ws_close_reopened() };
	}
};
