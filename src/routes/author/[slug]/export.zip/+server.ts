import { join } from 'node:path';
import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { draftTree } from '$lib/server/authoring/drafts';
import { currentVersion, versionFiles } from '$lib/server/courses/versions';
import { courseZip } from '$lib/server/authoring/zip';
import { config } from '$lib/server/config';
import { readCourseFolder, type CourseFiles } from '$lib/server/courses/files';
import { requireAuthor } from '../../access.server';
import type { RequestHandler } from './$types';
import { contentDisposition } from '$lib/server/http/content-disposition';

function zipResponse(slug: string, files: CourseFiles, fileName: string): Response {
	const body = courseZip(slug, files);
	return new Response(body as Uint8Array<ArrayBuffer>, {
		headers: {
			'content-type': 'application/zip',
			'content-length': String(body.byteLength),
			'content-disposition': contentDisposition(fileName),
			'cache-control': 'private, no-store'
		}
	});
}

/**
 * The course as a zip of its folder, as in courses/: the version learners see (`<slug>-v3.zip`), or
 * with `?draft=1` the draft (`<slug>-ban-nhap.zip`). For its authors and administrators; a course
 * from the courses/ folder can be exported too.
 */
export const GET: RequestHandler = async ({ locals, url, params }) => {
	const { course } = await requireAuthor(locals, url, params.slug);
	if (url.searchParams.get('draft') === '1') {
		const files = await draftTree(locals.db, course.id);
		if (files.size === 0) error(404, m.author_export_no_draft());
		return zipResponse(course.slug, files, `${course.slug}-ban-nhap.zip`);
	}
	const version = await currentVersion(locals.db, course.id);
	if (!version) error(404, m.author_export_not_published());
	let files = await versionFiles(locals.db, version.id);
	// Versions published from the folder before files were stored: the folder is their source.
	if (files.size === 0 && course.origin === 'files')
		files = readCourseFolder(join(config().coursesDir, course.slug));
	if (files.size === 0) error(404, m.author_export_no_files());
	return zipResponse(course.slug, files, `${course.slug}-v${version.number}.zip`);
};
