import { error, redirect, type Handle } from '@sveltejs/kit';
import { cookieName, extractLocaleFromUrl, localizeHref } from '$lib/paraglide/runtime';
import { paraglideMiddleware } from '$lib/paraglide/server';
import { SESSION_COOKIE, validateSessionToken } from '../auth/session';
import { deleteSessionCookie, setSessionCookie } from '../auth/cookies';
import { scopeOf } from '../auth/staff';
import { withQueryCount } from '../bench/query-count';
import { appDatabase } from '../db/app';
import { log } from '../log';
import { guardDecision } from './route-access';
import { m } from '$lib/paraglide/messages';

/**
 * A reader who chose English and comes back to a plain (Vietnamese) address is sent to its English
 * twin. Only for page loads: links, data requests and files keep the language their address says.
 */
export const handleReturningReader: Handle = ({ event, resolve }) => {
	const { request, url, cookies } = event;
	if (
		request.method === 'GET' &&
		request.headers.get('sec-fetch-dest') === 'document' &&
		cookies.get(cookieName) === 'en' &&
		extractLocaleFromUrl(url) !== 'en' &&
		// Safe on the raw path: an address with the /en prefix never gets this far.
		!url.pathname.startsWith('/course-files/') &&
		!url.pathname.startsWith('/.well-known/')
	) {
		redirect(307, localizeHref(url.pathname + url.search, { locale: 'en' }));
	}
	return resolve(event);
};

export const handleLocale: Handle = ({ event, resolve }) =>
	paraglideMiddleware(event.request, ({ request, locale }) => {
		event.request = request;
		return resolve(event, {
			transformPageChunk: ({ html }) => html.replace('%paraglide.lang%', locale)
		});
	});

export const handleSecurityHeaders: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	// The CSP itself comes from kit.csp in svelte.config.js, with frame-ancestors 'none'.
	response.headers.set('X-Content-Type-Options', 'nosniff');
	response.headers.set('Referrer-Policy', 'strict-origin-when-cross-origin');
	response.headers.set('X-Frame-Options', 'DENY');
	response.headers.set('Permissions-Policy', 'camera=(), microphone=(), geolocation=()');
	return response;
};

export const handleDatabase: Handle = async ({ event, resolve }) => {
	const { db, engine } = await appDatabase();
	event.locals.db = db;
	event.locals.engine = engine;
	return resolve(event);
};

export const handleSession: Handle = async ({ event, resolve }) => {
	const token = event.cookies.get(SESSION_COOKIE);
	event.locals.user = null;
	event.locals.session = null;
	event.locals.scope = scopeOf(null, []);
	event.locals.unread = 0;
	if (token) {
		const { session, user, roles, renewed, unread } = await validateSessionToken(
			event.locals.db,
			token
		);
		if (session) {
			if (renewed) setSessionCookie(event.cookies, token, session.expiresAt);
			event.locals.session = session;
			event.locals.user = user;
			event.locals.scope = scopeOf(user, roles);
			event.locals.unread = unread;
		} else {
			deleteSessionCookie(event.cookies);
		}
	}
	return resolve(event);
};

/** Route protection (hooks/route-access.ts), decided on the route, never on the language's address. */
export const handleGuard: Handle = async ({ event, resolve }) => {
	const decision = guardDecision({
		routeId: event.route.id,
		method: event.request.method,
		user: event.locals.user
	});
	if (decision === 'sign-in') {
		// The address as asked, language prefix and all, so the reader comes back to the same page.
		const back = event.url.pathname + event.url.search;
		redirect(303, localizeHref(`/sign-in?redirectTo=${encodeURIComponent(back)}`));
	}
	if (decision === 'new-password') redirect(303, localizeHref('/account/new-password'));
	if (decision === 'privacy-consent' || decision === 'privacy-guardian') {
		const page = decision === 'privacy-consent' ? '/privacy/consent' : '/privacy/guardian';
		// A page asked for is where agreeing leads back to; an action is not repeated.
		const back = event.url.pathname + event.url.search;
		redirect(
			303,
			localizeHref(
				event.request.method === 'GET' ? `${page}?redirectTo=${encodeURIComponent(back)}` : page
			)
		);
	}
	if (decision === 'forbidden') error(403, m.error_forbidden());
	return resolve(event);
};

/** A load balancer's request id when it sends a sane one, else our own. */
function requestIdOf(request: Request): string {
	const given = request.headers.get('x-request-id');
	return given && /^[\w.:-]{8,128}$/.test(given) ? given : crypto.randomUUID();
}

/**
 * One JSON log line per request, with an id that also goes back in `x-request-id`. Only the user's
 * id is logged: no names, e-mail addresses or query strings (they can carry personal data).
 */
export const handleRequestLog: Handle = async ({ event, resolve }) => {
	const started = performance.now();
	event.locals.requestId = requestIdOf(event.request);
	const response = await resolve(event);
	response.headers.set('x-request-id', event.locals.requestId);
	log().info(
		{
			requestId: event.locals.requestId,
			method: event.request.method,
			path: event.url.pathname,
			status: response.status,
			ms: Math.round(performance.now() - started),
			userId: event.locals.user?.id
		},
		'request'
	);
	return response;
};

/**
 * With BENCH_COUNT_QUERIES=1 (`npm run bench` only), the number of database queries this request
 * made, as `x-query-count`. hooks.server.ts leaves this handle out of the sequence otherwise.
 */
export const handleQueryCount: Handle = ({ event, resolve }) =>
	withQueryCount(async (counter) => {
		const response = await resolve(event);
		response.headers.set('x-query-count', String(counter.queries));
		return response;
	});
