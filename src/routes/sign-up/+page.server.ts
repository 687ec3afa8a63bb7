import { redirect } from '@sveltejs/kit';
import { fail, setError, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { m } from '$lib/paraglide/messages';
import { getLocale, localizeHref } from '$lib/paraglide/runtime';
import { signUpSchema } from '$lib/schemas/account';
import { createAccount } from '$lib/server/auth/accounts';
import { setSessionCookie } from '$lib/server/auth/cookies';
import { passwordProblemMessage } from '$lib/server/auth/messages';
import { createSession, generateSessionToken } from '$lib/server/auth/session';
import { localPath } from '$lib/server/http/local-path';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	if (locals.user) redirect(303, localizeHref('/account'));
	return { form: await superValidate(zod4(signUpSchema)) };
};

export const actions: Actions = {
	default: async ({ request, locals, cookies, url }) => {
		const form = await superValidate(request, zod4(signUpSchema));
		if (!form.valid) return fail(400, { form });
		// Messages reach them in the language they signed up in.
		const result = await createAccount(locals.db, { ...form.data, language: getLocale() });
		if (!result.ok) {
			return result.reason === 'taken'
				? setError(form, 'identifier', m.error_identifier_taken())
				: setError(form, 'password', passwordProblemMessage(result.reason));
		}
		const token = generateSessionToken();
		const session = await createSession(locals.db, token, result.user.id);
		setSessionCookie(cookies, token, session.expiresAt);
		// Back to the page that sent them here (a workshop's registration or check-in), else courses.
		redirect(303, localPath(url.searchParams.get('redirectTo'), localizeHref('/courses')));
	}
};
