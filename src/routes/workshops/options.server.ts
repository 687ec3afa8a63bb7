import { localise } from '$lib/localise';
import { listCohorts } from '$lib/server/cohorts/cohorts';
import { courseViewer } from '$lib/server/courses/access';
import { listCatalogue } from '$lib/server/courses/catalogue';
import { config } from '$lib/server/config';
import { listOrganisations } from '$lib/server/organisations';
import { reachOf } from '$lib/server/organisations/reach';
import { quizChoices } from '$lib/server/workshops/day-plan';
import { templateChoices } from '$lib/server/workshops/templates';

/**
 * What the workshop form offers this staff member: the organisations they may plan for (their own
 * and those beneath, as workshops/access.ts mayPlanFor decides), the configured areas, their
 * classes, and the published courses their organisations' people may have (plan.ts checks the one
 * chosen against the workshop's own organisation).
 */
export async function workshopFormOptions(locals: App.Locals) {
	const reach = await reachOf(locals.db, locals.scope);
	const organisations = (await listOrganisations(locals.db)).filter(
		(o) => reach.everyone || reach.organisationIds.includes(o.id)
	);
	const [cohorts, viewer] = await Promise.all([
		listCohorts(locals.db, locals.scope),
		courseViewer(locals.db, locals.user, locals.scope)
	]);
	// As a learner of those organisations sees the catalogue: published courses only.
	const courses = await listCatalogue(locals.db, {}, { userId: null, ...viewer, staff: false });
	const [quizzes, surveys] = await Promise.all([
		quizChoices(
			locals.db,
			courses.map((c) => c.id)
		),
		templateChoices(locals.db, locals.scope)
	]);
	return {
		/** The courses' quizzes, for the pre- and post-test (the form shows the chosen course's). */
		quizzes,
		/** Survey templates not archived: the platform's and those of organisations in reach. */
		surveys,
		courses: courses.map((c) => ({ value: c.id, label: localise(c.title) })),
		organisations: organisations.map((o) => ({ value: o.id, label: o.name })),
		areas: config().areas,
		cohorts: cohorts.map((c) => ({ value: c.id, label: `${c.name} · ${c.organisationName}` }))
	};
}

/** The viewer as the workshop functions take it. */
export const viewerOf = (locals: App.Locals) => ({ user: locals.user, scope: locals.scope });
