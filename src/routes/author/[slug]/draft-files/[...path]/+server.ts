import { error } from '@sveltejs/kit';
import { draftFile } from '$lib/server/authoring/drafts';
import { servedFileHeaders, servedFileType } from '$lib/server/courses/served-files';
import { requireAuthor } from '../../../access.server';
import type { RequestHandler } from './$types';

/**
 * Images and documents of a course's draft, for its authors' preview. Never cached: the draft
 * changes under the same address, and it is not public.
 */
export const GET: RequestHandler = async ({ locals, url, params }) => {
	const type = servedFileType(params.path);
	if (!type) error(404);
	const { course } = await requireAuthor(locals, url, params.slug);
	const file = await draftFile(locals.db, course.id, params.path);
	if (!file) error(404);
	return new Response(file.content as Uint8Array<ArrayBuffer>, {
		headers: { ...servedFileHeaders(type, params.path), 'cache-control': 'private, no-store' }
	});
};
