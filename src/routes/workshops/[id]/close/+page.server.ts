import { error, fail } from '@sveltejs/kit';
import { message, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { m } from '$lib/paraglide/messages';
import { attendanceCertificateSchema, ruleOf } from '$lib/schemas/workshop-close';
import { workshopAccess } from '$lib/server/workshops/access';
import {
	closeWorkshop,
	closingSummary,
	reopenWorkshop,
	setAttendanceCertificate
} from '$lib/server/workshops/close';
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
		summary: await closingSummary(locals.db, workshop),
		settings: await superValidate(
			{
				attendanceCertificate: workshop.attendanceCertificate,
				rule: workshop.attendanceRule.kind,
				sharePercent:
					workshop.attendanceRule.kind === 'share'
						? String(Math.round(workshop.attendanceRule.share * 100))
						: ''
			},
			zod4(attendanceCertificateSchema),
			{ errors: false, id: 'settings' }
		)
	};
};

export const actions: Actions = {
	/** Whether closing issues certificates of attendance, and to whom: planners only. */
	certificate: async ({ locals, params, request }) => {
		const access = await closingAccess(locals, params.id);
		if (!access.plan) error(403, m.error_forbidden());
		const form = await superValidate(request, zod4(attendanceCertificateSchema), {
			id: 'settings'
		});
		if (!form.valid) return fail(400, { settings: form });
		const result = await setAttendanceCertificate(locals.db, viewerOf(locals), params.id, {
			attendanceCertificate: form.data.attendanceCertificate,
			attendanceRule: ruleOf(form.data)
		});
		if (!result.ok) error(404, m.error_not_found());
		return message(form, { type: 'success', text: m.ws_close_settings_saved() });
	},

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
