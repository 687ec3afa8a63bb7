import type { Database } from '../db';
import { rolesOf } from './roles';

export interface StaffScope {
	/** May preview any course, drafts included, and see learners. */
	staff: boolean;
	admin: boolean;
	/** Organisations whose people a non-administrator may see. */
	organisationIds: string[];
}

const NONE: StaffScope = { staff: false, admin: false, organisationIds: [] };

/** What a user may do as trainer, manager or administrator; learners get no scope. */
export async function staffScope(
	db: Database,
	user: { id: string; isAdmin: boolean } | null
): Promise<StaffScope> {
	if (!user) return NONE;
	if (user.isAdmin) return { staff: true, admin: true, organisationIds: [] };
	const roles = await rolesOf(db, user.id);
	const organisationIds = [...roles.byOrganisation.keys()];
	return { staff: organisationIds.length > 0, admin: false, organisationIds };
}
