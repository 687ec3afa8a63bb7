import { error, redirect } from '@sveltejs/kit';
import { fail, setError, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { m } from '$lib/paraglide/messages';
import { localizeHref } from '$lib/paraglide/runtime';
import { paperRequestSchema } from '$lib/schemas/data-request';
import { recordPaperRequest, requestQueue } from '$lib/server/privacy/requests';
import { vietnamDay } from '$lib/vietnam-time';
import type { Actions, PageServerLoad } from './$types';

/** The queue of data requests, by deadline, and the form for one received on paper. */
export const load: PageServerLoad = async ({ locals, url }) => {
	if (!locals.user?.isAdmin) error(403, m.error_forbidden());
	const state = url.searchParams.get('state') === 'closed' ? 'closed' : 'open';
	const queue = await requestQueue(locals.db, { state });
	return {
		state,
		requests: queue.map((r) => ({
			id: r.request.id,
			kind: r.request.kind,
			channel: r.request.channel,
			status: r.request.status,
			receivedAt: r.request.receivedAt,
			acknowledged: r.request.acknowledgedAt !== null,
			closedAt: r.request.closedAt,
			name: r.name,
			identifier: r.anonymisedAt ? '' : r.identifier,
			lastDay: r.clock.lastDay,
			overdue: r.clock.overdue,
			daysOverdue: r.clock.daysOverdue,
			workingDaysLeft: r.clock.workingDaysLeft,
			acknowledgementOverdue: r.clock.acknowledgementOverdue
		})),
		paperForm: await superValidate(
			{ receivedOn: vietnamDay(new Date()) },
			zod4(paperRequestSchema),
			{ errors: false }
		)
	};
};

export const actions: Actions = {
	paper: async ({ request, locals }) => {
		if (!locals.user?.isAdmin) error(403, m.error_forbidden());
		const form = await superValidate(request, zod4(paperRequestSchema));
		if (!form.valid) return fail(400, { form });
		const result = await recordPaperRequest(locals.db, locals.user.id, form.data);
		if (!result.ok)
			return setError(
				form,
				result.reason === 'future' ? 'receivedOn' : 'identifier',
				result.reason === 'future'
					? m.privacy_request_error_received()
					: result.reason === 'erased'
						? m.privacy_request_error_erased()
						: m.privacy_request_error_person()
			);
		redirect(303, localizeHref(`/admin/privacy/requests/${result.request.id}?recorded`));
	}
};
