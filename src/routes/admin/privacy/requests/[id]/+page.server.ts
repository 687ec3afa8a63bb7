import { error } from '@sveltejs/kit';
import { fail, message, setError, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { m } from '$lib/paraglide/messages';
import {
	acknowledgeRequestSchema,
	completeRequestSchema,
	extendRequestSchema,
	refuseRequestSchema
} from '$lib/schemas/data-request';
import { formatDate } from '$lib/format';
import { requestPeriods } from '$lib/server/privacy/deadlines';
import {
	acknowledgeRequest,
	completeRequest,
	extendRequest,
	refuseRequest,
	requestCase,
	type StepResult
} from '$lib/server/privacy/requests';
import { lastDayBefore } from '$lib/vietnam-time';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

async function subject({ locals, params }: Pick<RequestEvent, 'locals' | 'params'>) {
	if (!locals.user?.isAdmin) error(403, m.error_forbidden());
	const found = UUID.test(params.id) ? await requestCase(locals.db, params.id) : undefined;
	if (!found) error(404, m.error_not_found());
	return { admin: locals.user, found };
}

/** Why a step was not taken, in words. */
function stepProblem(result: Exclude<StepResult, { ok: true }>, latest?: string): string {
	switch (result.reason) {
		case 'closed':
			return m.privacy_request_error_closed();
		case 'already':
			return m.privacy_request_error_already();
		case 'too_early':
			return m.privacy_request_error_extend_early();
		case 'too_late':
			return m.privacy_request_error_extend_late({ date: latest ?? '' });
		default:
			return m.error_not_found();
	}
}

export const load: PageServerLoad = async (event) => {
	const { found } = await subject(event);
	const { request } = found;
	const latest = lastDayBefore(found.latestExtension);
	const [ackForm, extendForm, completeForm, refuseForm] = await Promise.all([
		superValidate(zod4(acknowledgeRequestSchema), { id: 'acknowledge' }),
		superValidate({ until: latest }, zod4(extendRequestSchema), { id: 'extend', errors: false }),
		superValidate(zod4(completeRequestSchema), { id: 'complete' }),
		superValidate(zod4(refuseRequestSchema), { id: 'refuse' })
	]);
	return {
		request: {
			id: request.id,
			userId: request.userId,
			kind: request.kind,
			details: request.details,
			channel: request.channel,
			status: request.status,
			receivedAt: request.receivedAt,
			acknowledgeBy: lastDayBefore(request.acknowledgeBy),
			acknowledgedAt: request.acknowledgedAt,
			dueDay: lastDayBefore(request.dueAt),
			extendedDay: request.extendedDueAt ? lastDayBefore(request.extendedDueAt) : null,
			extensionReason: request.extensionReason,
			answer: request.answer,
			actions: request.actions,
			closedAt: request.closedAt
		},
		person: {
			name: found.name,
			identifier: found.anonymisedAt ? '' : found.identifier,
			erased: found.anonymisedAt !== null,
			restricted: found.restrictedAt !== null
		},
		clock: found.clock,
		period: requestPeriods[request.kind],
		latestExtension: latest,
		recorded: event.url.searchParams.has('recorded'),
		ackForm,
		extendForm,
		completeForm,
		refuseForm
	};
};

export const actions: Actions = {
	acknowledge: async (event) => {
		const { admin, found } = await subject(event);
		const form = await superValidate(event.request, zod4(acknowledgeRequestSchema), {
			id: 'acknowledge'
		});
		const result = await acknowledgeRequest(event.locals.db, admin.id, found.request.id);
		if (!result.ok)
			return message(form, { type: 'error', text: stepProblem(result) }, { status: 409 });
		return message(form, { type: 'success', text: m.privacy_request_acknowledged() });
	},

	extend: async (event) => {
		const { admin, found } = await subject(event);
		const form = await superValidate(event.request, zod4(extendRequestSchema), { id: 'extend' });
		if (!form.valid) return fail(400, { form });
		const result = await extendRequest(event.locals.db, admin.id, found.request.id, form.data);
		if (!result.ok) {
			const text = stepProblem(result, formatDate(lastDayBefore(found.latestExtension)));
			return result.reason === 'too_early' || result.reason === 'too_late'
				? setError(form, 'until', text)
				: message(form, { type: 'error', text }, { status: 409 });
		}
		return message(form, { type: 'success', text: m.privacy_request_extended() });
	},

	complete: async (event) => {
		const { admin, found } = await subject(event);
		const form = await superValidate(event.request, zod4(completeRequestSchema), {
			id: 'complete'
		});
		if (!form.valid) return fail(400, { form });
		if (found.request.kind === 'delete' && !form.data.confirm)
			return setError(form, 'confirm', m.privacy_request_error_confirm());
		const result = await completeRequest(event.locals.db, admin.id, found.request.id, {
			answer: form.data.answer,
			purpose: form.data.purpose
		});
		if (!result.ok)
			return message(form, { type: 'error', text: stepProblem(result) }, { status: 409 });
		return message(form, { type: 'success', text: m.privacy_request_completed() });
	},

	refuse: async (event) => {
		const { admin, found } = await subject(event);
		const form = await superValidate(event.request, zod4(refuseRequestSchema), { id: 'refuse' });
		if (!form.valid) return fail(400, { form });
		const result = await refuseRequest(
			event.locals.db,
			admin.id,
			found.request.id,
			form.data.reason
		);
		if (!result.ok)
			return message(form, { type: 'error', text: stepProblem(result) }, { status: 409 });
		return message(form, { type: 'success', text: m.privacy_request_refused() });
	}
};
