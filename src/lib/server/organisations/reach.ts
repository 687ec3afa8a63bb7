import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { users } from '$db/schema';
import type { Database } from '../db';
import { withDescendants } from './tree';
import type { StaffScope } from '../auth/staff';

/**
 * Whose people a staff member may see and manage, with no one's consent needed: administrators
 * everyone; a manager or trainer the people of every organisation they hold a role in and of every
 * organisation beneath those. This is the one place that answers it: adding someone to a cohort or
 * enrolling someone by identifier asks it, and someone outside it is invited instead.
 */
export type Reach = { everyone: true } | { everyone: false; organisationIds: string[] };

export async function reachOf(db: Database, scope: StaffScope): Promise<Reach> {
	if (scope.admin) return { everyone: true };
	return { everyone: false, organisationIds: await withDescendants(db, scope.organisationIds) };
}

/**
 * A condition on `users` for the people within reach. Administrators belong to the platform, not
 * to the organisation their account names: no manager or trainer has them within reach.
 */
export function withinReach(reach: Reach): SQL {
	if (reach.everyone) return sql`true`;
	if (reach.organisationIds.length === 0) return sql`false`;
	return and(inArray(users.organisationId, reach.organisationIds), eq(users.isAdmin, false))!;
}

/** Whether this user is within the staff member's reach (an unknown id is not). */
export async function mayReach(db: Database, scope: StaffScope, userId: string): Promise<boolean> {
	const reach = await reachOf(db, scope);
	const [row] = await db
		.select({ id: users.id })
		.from(users)
		.where(and(eq(users.id, userId), withinReach(reach)));
	return row !== undefined;
}
