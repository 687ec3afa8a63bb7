import { error, type Handle } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { config } from '../config';

/**
 * Cross-site form posts, in one place. SvelteKit's own check compares the browser's `Origin` with the
 * address adapter-node reconstructs, and without `ORIGIN` adapter-node assumes https: every post from
 * `http://localhost:3000`, `http://127.0.0.1:3000` or a phone on the LAN was refused. So kit's check is
 * off (svelte.config.js, `csrf.trustedOrigins: ['*']`) and this one decides instead:
 *
 * - with `ORIGIN` set, a post must come from exactly that origin (as before);
 * - without it, from a page on the host the request was sent to (the `Host` header): the scheme is not
 *   compared, because without `ORIGIN` we cannot know whether a proxy terminated TLS. A page on another
 *   site cannot forge its `Origin`, so cross-site posts stay refused.
 */

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
// The content types a plain HTML form can send without a CORS preflight (as SvelteKit checks).
const FORM_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'];

function isFormPost(request: Request): boolean {
	if (!UNSAFE.has(request.method)) return false;
	const type = request.headers.get('content-type')?.split(';', 1)[0].trim().toLowerCase() ?? '';
	return FORM_TYPES.includes(type);
}

/** Whether a post carrying `origin` (the browser's `Origin` header) may reach this server at `url`. */
export function isSameSiteOrigin(
	origin: string | null,
	url: URL,
	configuredOrigin: string | undefined
): boolean {
	if (!origin || origin === 'null') return false;
	if (configuredOrigin) return origin === new URL(configuredOrigin).origin;
	try {
		return new URL(origin).host === url.host;
	} catch {
		return false;
	}
}

/**
 * Without `ORIGIN` (or a `PROTOCOL_HEADER` from a proxy), adapter-node builds every request's address
 * as https although the server speaks plain http. Say http, so links built from the request (reset
 * links, certificate QR codes, the share link) and cookie defaults match what the reader typed.
 */
export function correctProtocol(url: URL, env: Record<string, string | undefined>): void {
	if (!env.ORIGIN && !env.PROTOCOL_HEADER && url.protocol === 'https:') url.protocol = 'http:';
}

/** First in the sequence, so everything after it sees the address the reader used. */
export const handleRequestProtocol: Handle = ({ event, resolve }) => {
	correctProtocol(event.url, process.env);
	return resolve(event);
};

/**
 * Routes another site may post to, by route id. Only the one-click unsubscribe of RFC 8058: a
 * mail provider posts `List-Unsubscribe=One-Click` to the link in our e-mail from its own servers,
 * with no Origin of ours (or none at all). Nothing is forged there: the token in the address is
 * the whole authority (messages/unsubscribe.ts), it names one person, kind and channel, and all
 * a post can do with it is turn that kind of message off.
 */
const openToOtherSites = new Set(['/unsubscribe/[token]']);

/** Whether a form post to `routeId` must come from this site. */
export function needsSameSite(routeId: string | null): boolean {
	return !(routeId && openToOtherSites.has(routeId));
}

export const handleCrossSitePosts: Handle = ({ event, resolve }) => {
	const { request, url } = event;
	if (
		isFormPost(request) &&
		needsSameSite(event.route.id) &&
		!isSameSiteOrigin(request.headers.get('origin'), url, config().origin)
	)
		error(403, m.error_cross_site_post());
	return resolve(event);
};
