import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { config } from '$lib/server/config';
import { privacyOverview } from '$lib/server/privacy/overview';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	if (!locals.user?.isAdmin) error(403, m.error_forbidden());
	return {
		overview: await privacyOverview(locals.db, config().privacy.minorAge),
		minorAge: config().privacy.minorAge
	};
};
