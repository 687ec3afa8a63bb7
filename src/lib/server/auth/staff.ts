import { eq } from 'drizzle-orm';
import { roleAssignments } from '$db/schema';
import type { Database } from '../db';

export interface StaffScope {
	/** May preview any course, drafts included, and see learners. */
	staff: boolean;
	admin: boolean;
	/** A trainer somewhere, or an administrator: writes courses in the browser. */
	writes: boolean;
	/** A reviewer somewhere, or an administrator: approves courses for the province (authoring/review.ts). */
	reviews: boolean;
	/** Organisations whose people a non-administrator may see. */
	organisationIds: string[];
}

/** One role a user holds in one organisation. */
export interface RoleGrant {
	role: string;
	organisationId: string;
}

const NONE: StaffScope = {
	staff: false,
	admin: false,
	writes: false,
	reviews: false,
	organisationIds: []
};

/**
 * What a user may do as trainer, manager or administrator; learners get no scope. Requests have
 * theirs already (`locals.scope`, from the roles read with the session); this reads it for anyone.
 */
export async function staffScope(
	db: Database,
	user: { id: string; isAdmin: boolean } | null
): Promise<StaffScope> {
	if (!user) return NONE;
	if (user.isAdmin)
		return { staff: true, admin: true, writes: true, reviews: true, organisationIds: [] };
	// One query answers every question about the user's roles (pages ask several).
	const roles = await db
		.select({ organisationId: roleAssignments.organisationId, role: roleAssignments.role })
		.from(roleAssignments)
		.where(eq(roleAssignments.userId, user.id));
	return scopeOf(user, roles);
}

/** The scope given by a user's roles. */
export function scopeOf(user: { isAdmin: boolean } | null, roles: RoleGrant[]): StaffScope {
	if (!user) return NONE;
	if (user.isAdmin)
		return { staff: true, admin: true, writes: true, reviews: true, organisationIds: [] };
	// Reviewing courses gives no reach over an organisation's people (Law 91: the least access).
	const organisationIds = [
		...new Set(roles.filter((r) => r.role !== 'reviewer').map((r) => r.organisationId))
	];
	return {
		staff: organisationIds.length > 0,
		admin: false,
		writes: roles.some((r) => r.role === 'trainer'),
		reviews: roles.some((r) => r.role === 'reviewer'),
		organisationIds
	};
}
