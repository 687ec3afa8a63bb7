import type { Cookies } from '@sveltejs/kit';
import { config } from '../config';
import { SESSION_COOKIE } from './session';

/** HttpOnly so scripts cannot read it, Lax so cross-site posts do not carry it, Secure on https. */
export function setSessionCookie(cookies: Cookies, token: string, expiresAt: Date): void {
	cookies.set(SESSION_COOKIE, token, {
		httpOnly: true,
		sameSite: 'lax',
		secure: config().secureCookies,
		expires: expiresAt,
		path: '/'
	});
}

export function deleteSessionCookie(cookies: Cookies): void {
	cookies.delete(SESSION_COOKIE, { path: '/', secure: config().secureCookies });
}
