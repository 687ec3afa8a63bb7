import { error, redirect } from '@sveltejs/kit';
import { fail, setError, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { m } from '$lib/paraglide/messages';
import { getLocale, localizeHref } from '$lib/paraglide/runtime';
import { signUpWithConsentSchema } from '$lib/schemas/privacy-consent';
import { insertAccounts, prepareAccount } from '$lib/server/auth/accounts';
import { setSessionCookie } from '$lib/server/auth/cookies';
import { passwordProblemMessage } from '$lib/server/auth/messages';
import { createSession, generateSessionToken } from '$lib/server/auth/session';
import { localPath } from '$lib/server/http/local-path';
import { configuredChannels } from '$lib/server/messages/outbox';
import { recordAgreement } from '$lib/server/privacy/consent';
import { currentNotice } from '$lib/server/privacy/notices';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	if (locals.user) redirect(303, localizeHref('/account'));
	const notice = await currentNotice(locals.db);
	if (!notice) error(503, m.privacy_notice_none());
	return {
		form: await superValidate(zod4(signUpWithConsentSchema)),
		noticeVersion: notice.version,
		phoneConsent: configuredChannels().includes('phone')
	};
};

export const actions: Actions = {
	default: async ({ request, locals, cookies, url }) => {
		const form = await superValidate(request, zod4(signUpWithConsentSchema));
		if (!form.valid) return fail(400, { form });
		const notice = await currentNotice(locals.db);
		if (!notice) error(503, m.privacy_notice_none());
		// Messages reach them in the language they signed up in. The password is hashed before the
		// transaction, which then stores the account and the person's consent together.
		const prepared = await prepareAccount({ ...form.data, language: getLocale() });
		if (!prepared.ok) return setError(form, 'password', passwordProblemMessage(prepared.reason));
		const userId = await locals.db.transaction(async (tx) => {
			const [user] = await insertAccounts(tx, [prepared.account]);
			if (!user) return null;
			await recordAgreement(tx, {
				userId: user.id,
				noticeVersion: notice.version,
				channel: 'sign_up',
				phoneMessages: configuredChannels().includes('phone') ? form.data.phoneMessages : null
			});
			return user.id;
		});
		if (!userId) return setError(form, 'identifier', m.error_identifier_taken());
		const token = generateSessionToken();
		const session = await createSession(locals.db, token, userId);
		setSessionCookie(cookies, token, session.expiresAt);
		// Back to the page that sent them here (a workshop's registration or check-in), else courses.
		redirect(303, localPath(url.searchParams.get('redirectTo'), localizeHref('/courses')));
	}
};
