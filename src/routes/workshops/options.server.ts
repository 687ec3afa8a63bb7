import { listCohorts } from '$lib/server/cohorts/cohorts';
import { config } from '$lib/server/config';
import { listOrganisations } from '$lib/server/organisations';
import { reachOf } from '$lib/server/organisations/reach';

/**
 * What the workshop form offers this staff member: the organisations they may plan for (their own
 * and those beneath, as workshops/access.ts mayPlanFor decides), the configured areas, their classes.
 */
export async function workshopFormOptions(locals: App.Locals) {
	const reach = await reachOf(locals.db, locals.scope);
	const organisations = (await listOrganisations(locals.db)).filter(
		(o) => reach.everyone || reach.organisationIds.includes(o.id)
	);
	const cohorts = await listCohorts(locals.db, locals.scope);
	return {
		organisations: organisations.map((o) => ({ value: o.id, label: o.name })),
		areas: config().areas,
		cohorts: cohorts.map((c) => ({ value: c.id, label: `${c.name} · ${c.organisationName}` }))
	};
}

/** The viewer as the workshop functions take it. */
export const viewerOf = (locals: App.Locals) => ({ user: locals.user, scope: locals.scope });
