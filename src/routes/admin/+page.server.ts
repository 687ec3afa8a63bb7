import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { adminOverview } from '$lib/server/reports/overview';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	if (!locals.user?.isAdmin) error(403, m.error_forbidden());
	return { overview: await adminOverview(locals.db) };
};
