import { error } from '@sveltejs/kit';
import { exportUserData } from '$lib/server/auth/directory';
import { learningRecordOf } from '$lib/server/progress/export';
import { vietnamDay } from '$lib/vietnam-time';
import type { RequestHandler } from './$types';
import { contentDisposition } from '$lib/server/http/content-disposition';

/** A user's own data as a JSON download; only ever the signed-in user's. */
export const GET: RequestHandler = async ({ locals }) => {
	if (!locals.user) error(401);
	const account = await exportUserData(locals.db, locals.user.id);
	if (!account) error(404);
	const data = { ...account, learning: await learningRecordOf(locals.db, locals.user.id) };
	const day = vietnamDay(new Date());
	return new Response(JSON.stringify(data, null, 2), {
		headers: {
			'content-type': 'application/json; charset=utf-8',
			'content-disposition': contentDisposition(`sach-hon-du-lieu-cua-toi-${day}.json`),
			'cache-control': 'no-store'
		}
	});
};
