import { reviewQueue } from '$lib/server/authoring/review';
import { requireReviewer } from './access.server';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	requireReviewer(locals, url);
	return { queue: await reviewQueue(locals.db) };
};
