import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { ceilingBody } from '$lib/server/bench/ceiling';
import type { RequestHandler } from './$types';

/** A page served by SvelteKit with no database work: the ceiling `npm run bench` compares with. */
export const GET: RequestHandler = () => {
	const body = ceilingBody();
	if (!body) error(404, m.error_not_found());
	return new Response(body, {
		headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }
	});
};
