import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { config } from '$lib/server/config';
import { minorsInReach } from '$lib/server/privacy/guardians';
import { vietnamDay } from '$lib/vietnam-time';
import type { PageServerLoad } from './$types';

/** Every minor on the platform, waiting for a guardian's consent or with one (administrators). */
export const load: PageServerLoad = async ({ locals }) => {
	if (!locals.scope.admin) error(403, m.error_forbidden());
	const minorAge = config().privacy.minorAge;
	const minors = await minorsInReach(locals.db, locals.scope, {
		today: vietnamDay(new Date()),
		minorAge
	});
	return {
		minorAge,
		awaiting: minors.filter((r) => !r.guardianConsentAt),
		recorded: minors.filter((r) => r.guardianConsentAt)
	};
};
