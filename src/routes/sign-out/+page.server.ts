import { redirect } from '@sveltejs/kit';
import { localizeHref } from '$lib/paraglide/runtime';
import { deleteSessionCookie } from '$lib/server/auth/cookies';
import { invalidateSession } from '$lib/server/auth/session';
import type { Actions, PageServerLoad } from './$types';

// Signing out changes state, so it is a POST; a GET just goes home.
export const load: PageServerLoad = () => redirect(303, localizeHref('/'));

export const actions: Actions = {
	default: async ({ locals, cookies }) => {
		if (locals.session) await invalidateSession(locals.db, locals.session.id);
		deleteSessionCookie(cookies);
		redirect(303, localizeHref('/sign-in?notice=signed-out'));
	}
};
