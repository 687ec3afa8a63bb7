import { redirect } from '@sveltejs/kit';
import { fail, message, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { m } from '$lib/paraglide/messages';
import { localizeHref } from '$lib/paraglide/runtime';
import { signInSchema } from '$lib/schemas/account';
import { authenticate } from '$lib/server/auth/accounts';
import { config } from '$lib/server/config';
import { setSessionCookie } from '$lib/server/auth/cookies';
import { localPath } from '$lib/server/http/local-path';
import { createSession, generateSessionToken } from '$lib/server/auth/session';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	if (locals.user) redirect(303, localizeHref('/dashboard'));
	const notice = url.searchParams.get('notice');
	return {
		form: await superValidate(zod4(signInSchema)),
		// A reset link by e-mail needs e-mail to be configured; otherwise an administrator gives one.
		resetByEmail: Boolean(config().messages.mail),
		notice:
			notice === 'reset'
				? m.sign_in_password_reset_done()
				: notice === 'signed-out'
					? m.sign_in_signed_out()
					: notice === 'deleted'
						? m.account_deleted()
						: null
	};
};

export const actions: Actions = {
	default: async ({ request, locals, cookies, url, getClientAddress }) => {
		const form = await superValidate(request, zod4(signInSchema));
		if (!form.valid) return fail(400, { form });
		const result = await authenticate(
			locals.db,
			form.data.identifier,
			form.data.password,
			getClientAddress()
		);
		if (!result.ok) {
			const text =
				result.reason === 'throttled'
					? m.error_sign_in_throttled({ minutes: Math.ceil(result.retryAfterSeconds / 60) })
					: m.error_sign_in_invalid();
			return message(
				form,
				{ type: 'error', text },
				{ status: result.reason === 'throttled' ? 429 : 400 }
			);
		}
		const token = generateSessionToken();
		const session = await createSession(locals.db, token, result.user.id);
		setSessionCookie(cookies, token, session.expiresAt);
		redirect(303, localPath(url.searchParams.get('redirectTo'), localizeHref('/dashboard')));
	}
};
