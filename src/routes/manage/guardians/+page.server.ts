import { listCohorts } from '$lib/server/cohorts/cohorts';
import { config } from '$lib/server/config';
import { minorsInReach } from '$lib/server/privacy/guardians';
import { vietnamDay } from '$lib/vietnam-time';
import { requireStaff } from '../access.server';
import type { PageServerLoad } from './$types';

/**
 * The minors in the manager's reach (their organisations and those beneath; administrators
 * everyone), waiting for a guardian's consent or with one recorded, by class if asked.
 */
export const load: PageServerLoad = async ({ locals, url }) => {
	const { scope } = await requireStaff(locals);
	const cohorts = await listCohorts(locals.db, scope);
	const asked = url.searchParams.get('cohort') ?? '';
	const cohortId = cohorts.some((c) => c.id === asked) ? asked : '';
	const minorAge = config().privacy.minorAge;
	const minors = await minorsInReach(locals.db, scope, {
		today: vietnamDay(new Date()),
		minorAge,
		cohortId: cohortId || undefined
	});
	return {
		minorAge,
		cohortId,
		cohorts: cohorts.map((c) => ({ value: c.id, label: `${c.name} · ${c.year}` })),
		awaiting: minors.filter((r) => !r.guardianConsentAt),
		recorded: minors.filter((r) => r.guardianConsentAt)
	};
};
