import { readFile } from 'node:fs/promises';
import { resolve, sep } from 'node:path';
import { error } from '@sveltejs/kit';
import { publishedFile } from '$lib/server/courses/versions';
import { config } from '$lib/server/config';
import { sha256 } from '$lib/server/courses/files';
import { etagMatches, servedFileHeaders, servedFileType } from '$lib/server/courses/served-files';
import type { RequestHandler } from './$types';

/** A file of a course from the courses/ folder published before versions kept their files. */
async function folderFile(slug: string, path: string): Promise<Uint8Array | null> {
	const folder = resolve(config().coursesDir, slug);
	const file = resolve(folder, path);
	if (!file.startsWith(folder + sep)) return null;
	const body = await readFile(file).catch(() => null);
	return body && new Uint8Array(body);
}

/**
 * Images and documents of the version of a course learners see, for its lessons. Nothing else
 * leaves the course. The ETag is the file's hash: a file changes address only when its bytes change.
 */
export const GET: RequestHandler = async ({ locals, params, request }) => {
	const type = servedFileType(params.path);
	if (!type || !/^[a-z0-9-]+$/.test(params.slug)) error(404);
	const found = await publishedFile(locals.db, params.slug, params.path);
	let hash: string;
	let content: Uint8Array;
	if (found?.from === 'store') ({ hash, content } = found);
	else {
		const fromFolder = found?.from === 'folder' && (await folderFile(params.slug, params.path));
		if (!fromFolder) error(404);
		content = fromFolder;
		hash = sha256(content);
	}
	const headers = {
		...servedFileHeaders(type, params.path),
		etag: `"${hash}"`,
		'cache-control': 'public, max-age=3600'
	};
	if (etagMatches(request.headers.get('if-none-match'), headers.etag))
		return new Response(null, { status: 304, headers });
	return new Response(content as Uint8Array<ArrayBuffer>, { headers });
};
