import { error } from '@sveltejs/kit';
import { listUsers } from '$lib/server/auth/directory';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	if (!locals.user?.isAdmin) error(403);
	const q = (url.searchParams.get('q') ?? '').slice(0, 100);
	const page = Number.parseInt(url.searchParams.get('page') ?? '1', 10) || 1;
	return { q, ...(await listUsers(locals.db, { q, page })) };
};
