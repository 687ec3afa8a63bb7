import { readFile } from 'node:fs/promises';
import { resolve, sep } from 'node:path';
import { error } from '@sveltejs/kit';
import { mayViewCourseAs } from '$lib/server/courses/access';
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
	// The files of a course go to whoever may read its lessons, and to no one else: an
	// organisation's own course to its members (one rule, courses/access.ts).
	if (found && !(await mayViewCourseAs(locals.db, found.course, locals.user, locals.scope)))
		error(404);
	let hash: string;
	let content: Uint8Array;
	if (found?.from === 'store') ({ hash, content } = found);
	else {
		const fromFolder = found?.from === 'folder' && (await folderFile(params.slug, params.path));
		if (!fromFolder) error(404);
		content = fromFolder;
		hash = sha256(content);
	}
	const everyone = found?.course.status === 'published' && !found.course.organisationId;
	const headers = {
		...servedFileHeaders(type, params.path),
		etag: `"${hash}"`,
		// A shared cache may keep what anyone may have; the rest stays in the reader's browser.
		'cache-control': everyone ? 'public, max-age=3600' : 'private, max-age=3600'
	};
	if (etagMatches(request.headers.get('if-none-match'), headers.etag))
		return new Response(null, { status: 304, headers });
	return new Response(content as Uint8Array<ArrayBuffer>, { headers });
};
