import { fail, message, setError, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { m } from '$lib/paraglide/messages';
import { cohortSchema } from '$lib/schemas/cohorts';
import { createCohort } from '$lib/server/cohorts/cohorts';
import { managerDashboard } from '$lib/server/cohorts/dashboard';
import { config } from '$lib/server/config';
import { listOrganisations } from '$lib/server/organisations';
import { minorsAwaitingConsent } from '$lib/server/privacy/guardians';
import { vietnamDay } from '$lib/vietnam-time';
import { requireStaff } from './access.server';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	const { scope } = await requireStaff(locals);
	const organisations = (await listOrganisations(locals.db)).filter(
		(o) => scope.admin || scope.organisationIds.includes(o.id)
	);
	const form = await superValidate(zod4(cohortSchema));
	if (organisations.length === 1) form.data.organisationId = organisations[0].id;
	const [dashboard, minorsWaiting] = await Promise.all([
		managerDashboard(locals.db, scope),
		minorsAwaitingConsent(locals.db, scope, {
			today: vietnamDay(new Date()),
			minorAge: config().privacy.minorAge
		})
	]);
	return {
		...dashboard,
		minorsWaiting: minorsWaiting.length,
		organisations: organisations.map((o) => ({ value: o.id, label: o.name })),
		form
	};
};

export const actions: Actions = {
	create: async ({ request, locals }) => {
		const { scope, userId } = await requireStaff(locals);
		const form = await superValidate(request, zod4(cohortSchema));
		if (!form.valid) return fail(400, { form });
		const cohort = await createCohort(locals.db, scope, userId, {
			...form.data,
			term: form.data.term || null,
			startsOn: form.data.startsOn || null,
			endsOn: form.data.endsOn || null
		});
		if (!cohort) return setError(form, 'organisationId', m.cohort_error_organisation());
		return message(form, { type: 'success', text: m.cohort_created({ name: cohort.name }) });
	}
};
