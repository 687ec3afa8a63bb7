import { error } from '@sveltejs/kit';
import { fail, message, setError, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { m } from '$lib/paraglide/messages';
import { cancelRequestSchema, fileRequestSchema } from '$lib/schemas/data-request';
import { requestPeriods } from '$lib/server/privacy/deadlines';
import { cancelRequest, fileRequest, ownRequests } from '$lib/server/privacy/requests';
import type { Actions, PageServerLoad } from './$types';

/** A person's requests about their data (privacy/requests.ts): file one, see where each stands. */
export const load: PageServerLoad = async ({ locals }) => {
	const user = locals.user;
	if (!user) error(401, m.error_forbidden());
	const requests = await ownRequests(locals.db, user.id);
	return {
		form: await superValidate(zod4(fileRequestSchema)),
		periods: Object.fromEntries(Object.entries(requestPeriods).map(([k, p]) => [k, p.days])),
		requests: requests.map(({ request, clock }) => ({
			id: request.id,
			kind: request.kind,
			details: request.details,
			channel: request.channel,
			status: request.status,
			receivedAt: request.receivedAt,
			acknowledgedAt: request.acknowledgedAt,
			lastDay: clock.lastDay,
			extended: request.extendedDueAt !== null,
			extensionReason: request.extensionReason,
			overdue: clock.overdue,
			answer: request.answer,
			actions: request.actions,
			closedAt: request.closedAt
		}))
	};
};

export const actions: Actions = {
	file: async ({ request, locals }) => {
		const user = locals.user;
		if (!user) error(401, m.error_forbidden());
		const form = await superValidate(request, zod4(fileRequestSchema));
		if (!form.valid) return fail(400, { form });
		const result = await fileRequest(locals.db, user.id, form.data);
		if (!result.ok) return setError(form, 'kind', m.privacy_request_error_open(), { status: 409 });
		return message(form, { type: 'success', text: m.privacy_request_filed() });
	},

	cancel: async ({ request, locals }) => {
		const user = locals.user;
		if (!user) error(401, m.error_forbidden());
		const form = await superValidate(request, zod4(cancelRequestSchema));
		if (!form.valid) error(400, m.error_invalid());
		const result = await cancelRequest(locals.db, user.id, form.data.requestId);
		if (!result.ok) return fail(409, { cancelError: m.privacy_request_error_closed() });
		return { cancelled: m.privacy_request_cancelled() };
	}
};
