import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { contentDisposition } from '$lib/server/http/content-disposition';
import { workshopAccess } from '$lib/server/workshops/access';
import { dossierZip } from '$lib/server/workshops/dossier-zip';
import { viewerOf } from '../../options.server';
import type { RequestHandler } from './$types';

/** The class record (hồ sơ lớp), for the workshop's planners and trainers; 404 for anyone else. */
export const GET: RequestHandler = async ({ locals, params }) => {
	if (!locals.user) error(401, m.error_forbidden());
	const access = await workshopAccess(locals.db, viewerOf(locals), params.id);
	if (!access?.takeAttendance) error(404, m.error_not_found());
	const zip = await dossierZip(locals.db, access.workshop.id);
	if (!zip) error(404, m.error_not_found());
	return new Response(zip.bytes as Uint8Array<ArrayBuffer>, {
		headers: {
			'content-type': 'application/zip',
			'content-disposition': contentDisposition(zip.fileName),
			'cache-control': 'no-store'
		}
	});
};
