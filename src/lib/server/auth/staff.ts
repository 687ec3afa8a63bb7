import { eq } from 'drizzle-orm';
import { roleAssignments } from '$db/schema';
import type { Database } from '../db';

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
	// One query on every course and lesson page: the session already says whether they are an admin.
	const rows = await db
		.selectDistinct({ organisationId: roleAssignments.organisationId })
		.from(roleAssignments)
		.where(eq(roleAssignments.userId, user.id));
	const organisationIds = rows.map((r) => r.organisationId);
	return { staff: organisationIds.length > 0, admin: false, organisationIds };
}
