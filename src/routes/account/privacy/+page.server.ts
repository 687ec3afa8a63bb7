import { eq } from 'drizzle-orm';
import { fail, message, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { users } from '$db/schema';
import { m } from '$lib/paraglide/messages';
import { optionalConsentSchema } from '$lib/schemas/privacy-consent';
import { configuredChannels } from '$lib/server/messages/outbox';
import { consentHistory, recordConsent } from '$lib/server/privacy/consent';
import { currentNotice } from '$lib/server/privacy/notices';
import { liftRestriction } from '$lib/server/privacy/requests';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	const user = locals.user!;
	const [[me], notice, history] = await Promise.all([
		locals.db
			.select({ consentVersion: users.consentVersion, restrictedAt: users.restrictedAt })
			.from(users)
			.where(eq(users.id, user.id)),
		currentNotice(locals.db),
		consentHistory(locals.db, user.id)
	]);
	const service = history.find((r) => r.purpose === 'service' && r.given);
	const phone = history.find((r) => r.purpose === 'phone_messages');
	return {
		form: await superValidate(zod4(optionalConsentSchema)),
		currentVersion: notice?.version ?? null,
		agreed:
			me?.consentVersion != null && service
				? { version: me.consentVersion, at: service.recordedAt }
				: null,
		held: user.privacyHold === 'consent',
		restrictedAt: me?.restrictedAt ?? null,
		lifted: false,
		// The phone consent is offered where the instance sends phone messages, or was once given.
		phone:
			configuredChannels().includes('phone') || phone
				? phone
					? { given: phone.given, at: phone.recordedAt }
					: { given: false, at: null }
				: null,
		history: history.map((r) => ({
			id: r.id,
			purpose: r.purpose,
			given: r.given,
			noticeVersion: r.noticeVersion,
			channel: r.channel,
			at: r.recordedAt
		}))
	};
};

export const actions: Actions = {
	// Resuming the processing the person asked to restrict (privacy/requests.ts).
	lift: async ({ locals }) => {
		await liftRestriction(locals.db, locals.user!.id);
		return { lifted: true };
	},

	// Giving and withdrawing are the same one button, without JavaScript too.
	optional: async ({ request, locals }) => {
		const user = locals.user!;
		const form = await superValidate(request, zod4(optionalConsentSchema));
		if (!form.valid) return fail(400, { form });
		const notice = await currentNotice(locals.db);
		if (!notice) return fail(400, { form });
		const given = form.data.given === 'yes';
		await recordConsent(locals.db, {
			userId: user.id,
			purpose: form.data.purpose,
			given,
			noticeVersion: notice.version,
			channel: 'account'
		});
		return message(form, {
			type: 'success',
			text: given ? m.privacy_consent_given_flash() : m.privacy_consent_withdrawn_flash()
		});
	}
};
