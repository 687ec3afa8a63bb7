import { readFileSync } from 'node:fs';
import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import type { RequestHandler } from './$types';

let body: Uint8Array<ArrayBuffer> | undefined;

/**
 * The fixed page `npm run bench` measures SvelteKit's own ceiling with: only when the server runs
 * with BENCH_CEILING=1, read once from the file BENCH_CEILING_FILE names (the bench writes the
 * signed-in lesson page's bytes there). Undefined otherwise, and the route answers 404.
 */
function ceilingBody(): Uint8Array<ArrayBuffer> | undefined {
	if (process.env.BENCH_CEILING !== '1' || !process.env.BENCH_CEILING_FILE) return undefined;
	body ??= new Uint8Array(readFileSync(process.env.BENCH_CEILING_FILE));
	return body;
}

/** A page served by SvelteKit with no database work: the ceiling `npm run bench` compares with. */
export const GET: RequestHandler = () => {
	const page = ceilingBody();
	if (!page) error(404, m.error_not_found());
	return new Response(page, {
		headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }
	});
};
