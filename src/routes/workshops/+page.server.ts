import { error, redirect } from '@sveltejs/kit';
import { fail, setError, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { m } from '$lib/paraglide/messages';
import { localizeHref } from '$lib/paraglide/runtime';
import { workshopSchema } from '$lib/schemas/workshops';
import { getCohort } from '$lib/server/cohorts/cohorts';
import { config } from '$lib/server/config';
import { createWorkshop, plannedWorkshops } from '$lib/server/workshops/plan';
import { dayPlanError } from './day-plan-errors';
import { viewerOf, workshopFormOptions } from './options.server';
import type { Actions, PageServerLoad } from './$types';

/** Trainers, managers and administrators; anyone else is turned away. */
function requireStaff(locals: App.Locals) {
	if (!locals.user) error(401, m.error_forbidden());
	if (!locals.scope.staff) error(403, m.manage_forbidden());
}

export const load: PageServerLoad = async ({ locals }) => {
	requireStaff(locals);
	const options = await workshopFormOptions(locals);
	const planned = await plannedWorkshops(locals.db, viewerOf(locals));
	const workshops = planned.map((w) => ({
		id: w.id,
		title: w.title,
		venue: w.venue,
		status: w.status,
		first: w.firstSession
	}));
	const form = await superValidate(zod4(workshopSchema));
	form.data.registrationMode = 'open';
	if (options.organisations.length === 1) form.data.organisationId = options.organisations[0].value;
	return { ...options, workshops, form };
};

export const actions: Actions = {
	create: async ({ locals, request }) => {
		requireStaff(locals);
		const form = await superValidate(request, zod4(workshopSchema));
		if (!form.valid) return fail(400, { form });
		if (form.data.area && !config().areas.includes(form.data.area))
			return setError(form, 'area', m.error_invalid());
		if (form.data.cohortId && !(await getCohort(locals.db, locals.scope, form.data.cohortId)))
			return setError(form, 'cohortId', m.workshop_error_cohort());
		const result = await createWorkshop(locals.db, viewerOf(locals), form.data);
		if (!result.ok) {
			const day = dayPlanError(result.reason);
			if (day) return setError(form, day.field, day.message);
			return result.reason === 'course'
				? setError(form, 'courseId', m.workshop_error_course())
				: setError(form, 'organisationId', m.workshop_error_not_allowed());
		}
		redirect(303, localizeHref(`/workshops/${result.workshop.id}?created`));
	}
};
