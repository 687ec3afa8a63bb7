import { error } from '@sveltejs/kit';
import { eq } from 'drizzle-orm';
import { fail, message, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { organisations, users } from '$db/schema';
import { m } from '$lib/paraglide/messages';
import { guardianConsentSchema, withdrawGuardianSchema } from '$lib/schemas/guardian';
import { config } from '$lib/server/config';
import { mayReach } from '$lib/server/organisations/reach';
import {
	guardianConsentOf,
	isMinor,
	recordGuardianConsent,
	withdrawGuardianConsent
} from '$lib/server/privacy/guardians';
import { ageOn, vietnamDay } from '$lib/vietnam-time';
import { requireStaff } from '../../access.server';
import type { Actions, PageServerLoad } from './$types';

/** The learner, if within the staff member's reach; anyone else is not found. */
async function requireLearner(locals: App.Locals, userId: string) {
	const { scope, userId: staffId } = await requireStaff(locals);
	if (!/^[0-9a-f-]{36}$/i.test(userId) || !(await mayReach(locals.db, scope, userId)))
		error(404, m.error_not_found());
	return { scope, staffId };
}

export const load: PageServerLoad = async ({ locals, params }) => {
	await requireLearner(locals, params.userId);
	const [learner] = await locals.db
		.select({
			id: users.id,
			fullName: users.fullName,
			dateOfBirth: users.dateOfBirth,
			guardianConsentAt: users.guardianConsentAt,
			organisationName: organisations.name
		})
		.from(users)
		.leftJoin(organisations, eq(organisations.id, users.organisationId))
		.where(eq(users.id, params.userId));
	const today = vietnamDay(new Date());
	const minorAge = config().privacy.minorAge;
	const form = await superValidate(zod4(guardianConsentSchema), { errors: false });
	form.data.userId = learner.id;
	form.data.consentedOn = today;
	form.data.method = 'paper';
	return {
		learner: {
			...learner,
			age: learner.dateOfBirth ? ageOn(learner.dateOfBirth, today) : null,
			minor: isMinor(learner.dateOfBirth, today, minorAge)
		},
		minorAge,
		today,
		consents: (await guardianConsentOf(locals.db, learner.id)).map((c) => ({
			id: c.id,
			guardianName: c.guardianName,
			guardianContact: c.guardianContact,
			relationship: c.relationship,
			consentedOn: c.consentedOn,
			method: c.method,
			note: c.note,
			recordedAt: c.recordedAt,
			withdrawnAt: c.withdrawnAt
		})),
		form
	};
};

export const actions: Actions = {
	record: async ({ locals, params, request }) => {
		const { scope, staffId } = await requireLearner(locals, params.userId);
		const form = await superValidate(request, zod4(guardianConsentSchema));
		if (!form.valid) return fail(400, { form });
		const result = await recordGuardianConsent(
			locals.db,
			{ ...form.data, userId: params.userId, recordedBy: staffId },
			scope
		);
		if (!result.ok) error(404, m.error_not_found());
		return message(form, { type: 'success', text: m.privacy_guardian_recorded() });
	},
	withdraw: async ({ locals, params, request }) => {
		const { scope, staffId } = await requireLearner(locals, params.userId);
		const form = await superValidate(request, zod4(withdrawGuardianSchema));
		if (!form.valid) return fail(400, { withdrawn: false });
		const consents = await guardianConsentOf(locals.db, params.userId);
		// Only this learner's consents, from this page.
		if (!consents.some((c) => c.id === form.data.consentId)) return fail(404, { withdrawn: false });
		const result = await withdrawGuardianConsent(
			locals.db,
			{ consentId: form.data.consentId, actorId: staffId },
			scope
		);
		if (!result.ok) return fail(404, { withdrawn: false });
		return { withdrawn: true };
	}
};
