import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import type { StaffScope } from '$lib/server/auth/staff';
import { getCohort } from '$lib/server/cohorts/cohorts';

type Locals = App.Locals;

/** A manager, trainer or administrator: anyone else is turned away. */
export async function requireStaff(locals: Locals): Promise<{ scope: StaffScope; userId: string }> {
	if (!locals.user) error(401, m.error_forbidden());
	const scope = locals.scope;
	if (!scope.staff) error(403, m.manage_forbidden());
	return { scope, userId: locals.user.id };
}

/** The cohort, if this user may manage it; another organisation's cohort is simply not found. */
export async function requireCohort(locals: Locals, id: string) {
	const { scope, userId } = await requireStaff(locals);
	const cohort = await getCohort(locals.db, scope, id);
	if (!cohort) error(404, m.error_not_found());
	return { scope, userId, cohort };
}
