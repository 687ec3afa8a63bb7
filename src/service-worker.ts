/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
/// <reference types="@sveltejs/kit" />
/**
 * The trainer's list without network, and nothing else: registered only by the roster page
 * (svelte.config.js turns the automatic registration off). It keeps the app's built assets and the
 * roster pages visited (network first, the kept copy when the network fails); every other request
 * goes to the network untouched, posts are never kept, and signing out drops the kept lists (they
 * name people).
 */
import { build, files, version } from '$service-worker';
import { ROSTER_PATH, rosterCacheName } from '$lib/roster-offline';

const sw = self as unknown as ServiceWorkerGlobalScope;

const ASSETS_CACHE = `sachhon-assets-${version}`;
const ROSTER_CACHE = rosterCacheName(version);
const ASSETS = new Set([...build, ...files]);

sw.addEventListener('install', (event) => {
	event.waitUntil(caches.open(ASSETS_CACHE).then((cache) => cache.addAll([...ASSETS])));
});

sw.addEventListener('activate', (event) => {
	event.waitUntil(
		(async () => {
			for (const key of await caches.keys())
				if (key.startsWith('sachhon-') && key !== ASSETS_CACHE && key !== ROSTER_CACHE)
					await caches.delete(key);
			// The roster page that registered this worker is served by it from now, not at its next load.
			await sw.clients.claim();
		})()
	);
});

/** A roster page: the network's answer, kept; the kept one when there is no network. */
async function networkFirst(request: Request, key: string): Promise<Response> {
	const cache = await caches.open(ROSTER_CACHE);
	try {
		const response = await fetch(request);
		// Only the page itself: not a redirect to signing in, not an error page.
		if (response.ok && !response.redirected && response.type === 'basic')
			await cache.put(key, response.clone());
		return response;
	} catch (failure) {
		const kept = await cache.match(key);
		if (kept) return kept;
		throw failure;
	}
}

sw.addEventListener('fetch', (event) => {
	const { request } = event;
	const url = new URL(request.url);
	if (url.origin !== sw.location.origin) return;
	if (request.method !== 'GET') {
		if (/\/sign-out$/.test(url.pathname)) event.waitUntil(caches.delete(ROSTER_CACHE));
		return;
	}
	if (ASSETS.has(url.pathname)) {
		event.respondWith(
			caches.match(url.pathname, { cacheName: ASSETS_CACHE }).then((hit) => hit ?? fetch(request))
		);
		return;
	}
	// Keyed by the address without its query (?q=, kit's invalidation marks): one copy per list.
	if (ROSTER_PATH.test(url.pathname))
		event.respondWith(networkFirst(request, url.origin + url.pathname));
});
