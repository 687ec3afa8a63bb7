import { redirect } from '@sveltejs/kit';
import {
	cookieMaxAge,
	cookieName,
	deLocalizeHref,
	isLocale,
	localizeHref
} from '$lib/paraglide/runtime';
import { localPath } from '$lib/server/http/local-path';
import { config } from '$lib/server/config';
import { setMessageLanguage } from '$lib/server/messages/language';
import type { RequestHandler } from './$types';

/** The language switch: a plain form post, so it works without JavaScript; the cookie remembers. */
export const POST: RequestHandler = async ({ request, cookies, locals }) => {
	const form = await request.formData();
	const requested = String(form.get('locale') ?? '');
	const locale = isLocale(requested) ? requested : 'vi';
	cookies.set(cookieName, locale, {
		path: '/',
		maxAge: cookieMaxAge,
		httpOnly: false,
		sameSite: 'lax',
		// Explicit: kit's default is Secure except on http://localhost, which a phone on the LAN
		// (http://192.168.x.y) would silently drop.
		secure: config().secureCookies
	});
	// Signed in: messages (e-mail, phone) reach them in the language they now read the site in.
	if (locals.user) await setMessageLanguage(locals.db, locals.user.id, locale);
	const back = deLocalizeHref(localPath(String(form.get('back') ?? ''), '/'));
	redirect(303, localizeHref(back, { locale }));
};

export const GET: RequestHandler = () => redirect(303, '/');
