import { readFileSync } from 'node:fs';

let body: Uint8Array<ArrayBuffer> | undefined;

/**
 * The fixed page `npm run bench` measures SvelteKit's own ceiling with (routes/bench/ceiling): only
 * when the server runs with BENCH_CEILING=1, read once from the file BENCH_CEILING_FILE names.
 * Undefined otherwise, and the route answers 404.
 */
export function ceilingBody(): Uint8Array<ArrayBuffer> | undefined {
	if (process.env.BENCH_CEILING !== '1' || !process.env.BENCH_CEILING_FILE) return undefined;
	body ??= new Uint8Array(readFileSync(process.env.BENCH_CEILING_FILE));
	return body;
}
