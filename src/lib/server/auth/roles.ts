import { and, eq } from 'drizzle-orm';
import { organisations, roleAssignments, users, type OrganisationRole } from '$db/schema';
import type { Database } from '../db';
import { recordAudit } from '../audit';

export interface Roles {
	isAdmin: boolean;
	/** organisationId → the roles held there. */
	byOrganisation: Map<string, Set<OrganisationRole>>;
}

export async function rolesOf(db: Database, userId: string): Promise<Roles> {
	const [user] = await db
		.select({ isAdmin: users.isAdmin })
		.from(users)
		.where(eq(users.id, userId));
	const rows = await db
		.select({ role: roleAssignments.role, organisationId: roleAssignments.organisationId })
		.from(roleAssignments)
		.where(eq(roleAssignments.userId, userId));
	const byOrganisation = new Map<string, Set<OrganisationRole>>();
	for (const r of rows) {
		const set = byOrganisation.get(r.organisationId) ?? new Set();
		set.add(r.role);
		byOrganisation.set(r.organisationId, set);
	}
	return { isAdmin: user?.isAdmin ?? false, byOrganisation };
}

/**
 * Whether the user may act in an organisation with one of the given roles. Administrators may act
 * everywhere; a manager or trainer only in the organisations they were appointed to.
 */
export function mayActIn(
	roles: Roles,
	organisationId: string,
	allowed: OrganisationRole[]
): boolean {
	if (roles.isAdmin) return true;
	const held = roles.byOrganisation.get(organisationId);
	return !!held && allowed.some((r) => held.has(r));
}

export async function listRoleAssignments(db: Database, userId: string) {
	return db
		.select({
			id: roleAssignments.id,
			role: roleAssignments.role,
			organisationId: roleAssignments.organisationId,
			organisationName: organisations.name
		})
		.from(roleAssignments)
		.innerJoin(organisations, eq(roleAssignments.organisationId, organisations.id))
		.where(eq(roleAssignments.userId, userId))
		.orderBy(organisations.name);
}

export async function grantRole(
	db: Database,
	actorId: string | null,
	userId: string,
	role: OrganisationRole,
	organisationId: string
): Promise<void> {
	await db.transaction(async (tx) => {
		const added = await tx
			.insert(roleAssignments)
			.values({ userId, role, organisationId })
			.onConflictDoNothing()
			.returning({ id: roleAssignments.id });
		if (added.length > 0) {
			await recordAudit(tx, {
				actorId,
				action: 'role.granted',
				subjectId: userId,
				details: { role, organisationId }
			});
		}
	});
}

export async function revokeRole(
	db: Database,
	actorId: string | null,
	userId: string,
	role: OrganisationRole,
	organisationId: string
): Promise<void> {
	await db.transaction(async (tx) => {
		const removed = await tx
			.delete(roleAssignments)
			.where(
				and(
					eq(roleAssignments.userId, userId),
					eq(roleAssignments.role, role),
					eq(roleAssignments.organisationId, organisationId)
				)
			)
			.returning({ id: roleAssignments.id });
		if (removed.length > 0) {
			await recordAudit(tx, {
				actorId,
				action: 'role.revoked',
				subjectId: userId,
				details: { role, organisationId }
			});
		}
	});
}

export async function setAdministrator(
	db: Database,
	actorId: string | null,
	userId: string,
	isAdmin: boolean
): Promise<void> {
	await db.transaction(async (tx) => {
		await tx.update(users).set({ isAdmin }).where(eq(users.id, userId));
		await recordAudit(tx, {
			actorId,
			action: isAdmin ? 'role.granted' : 'role.revoked',
			subjectId: userId,
			details: { role: 'admin' }
		});
	});
}
