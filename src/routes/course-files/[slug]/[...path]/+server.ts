import { readFile } from 'node:fs/promises';
import { resolve, sep } from 'node:path';
import { error } from '@sveltejs/kit';
import { config } from '$lib/server/config';
import type { RequestHandler } from './$types';

const TYPES: Record<string, string> = {
	svg: 'image/svg+xml',
	png: 'image/png',
	jpg: 'image/jpeg',
	jpeg: 'image/jpeg',
	webp: 'image/webp',
	gif: 'image/gif',
	pdf: 'application/pdf'
};

/** Images and documents from a course folder, for its lessons. Nothing else leaves the folder. */
export const GET: RequestHandler = async ({ params }) => {
	const extension = params.path.split('.').pop()?.toLowerCase() ?? '';
	const type = TYPES[extension];
	if (!type || !/^[a-z0-9-]+$/.test(params.slug)) error(404);
	const folder = resolve(config().coursesDir, params.slug);
	const file = resolve(folder, params.path);
	if (!file.startsWith(folder + sep)) error(404);
	const body = await readFile(file).catch(() => null);
	if (!body) error(404);
	return new Response(new Uint8Array(body), {
		headers: {
			'content-type': type,
			'cache-control': 'public, max-age=3600',
			// An SVG opened on its own must not run script.
			'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; sandbox"
		}
	});
};
