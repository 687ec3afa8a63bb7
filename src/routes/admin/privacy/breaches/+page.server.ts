import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { AUTHORITY_DEADLINE, breachClock, listBreaches } from '$lib/server/privacy/breaches';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	if (!locals.user?.isAdmin) error(403, m.error_forbidden());
	const now = new Date();
	const breaches = await listBreaches(locals.db);
	return {
		deadline: AUTHORITY_DEADLINE,
		breaches: breaches.map((b) => ({
			id: b.id,
			title: b.title,
			status: b.status,
			discoveredAt: b.discoveredAt,
			peopleAffected: b.peopleAffected,
			clock: breachClock(b, now)
		}))
	};
};
