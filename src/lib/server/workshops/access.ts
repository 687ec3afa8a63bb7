import { and, eq } from 'drizzle-orm';
import {
	workshopRegistrations,
	workshops,
	workshopTrainers,
	type Workshop,
	type WorkshopRegistration
} from '$db/schema';
import type { Database } from '../db';
import type { StaffScope } from '../auth/staff';
import { reachOf } from '../organisations/reach';

/** Who is asking: the signed-in user (or null for a visitor) and their staff scope (`locals.scope`). */
export interface WorkshopViewer {
	user: { id: string; isAdmin: boolean } | null;
	scope: StaffScope;
}

/** What a viewer may do with one workshop: the one answer every workshop page and action asks for. */
export interface WorkshopAccess {
	workshop: Workshop;
	/**
	 * Plan it (edit, sessions, trainers, register cohorts and people, open and close it), see its
	 * people: administrators, and managers and trainers of its organisation or one above it.
	 */
	plan: boolean;
	/** Listed as one of its trainers. */
	trainer: boolean;
	/**
	 * Take attendance (tap the names, paper, walk-ins) and record it outside the check-in window,
	 * which is audited: its trainers and whoever may plan it.
	 */
	takeAttendance: boolean;
	/** The viewer's own registration, if any (whatever its status). */
	registration: WorkshopRegistration | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether this scope may plan workshops for an organisation (its own, or one beneath its own). */
export async function mayPlanFor(
	db: Database,
	scope: StaffScope,
	organisationId: string
): Promise<boolean> {
	if (scope.admin) return true;
	if (scope.organisationIds.length === 0) return false;
	const reach = await reachOf(db, scope);
	return reach.everyone || reach.organisationIds.includes(organisationId);
}

/**
 * A workshop with what the viewer may do, or undefined when it does not exist or is not theirs to
 * see (a 404 either way): a draft is seen only by those who plan it and its trainers; an open or
 * closed workshop by anyone (its public page), though only planners and trainers see its people
 * and a participant only their own record.
 */
export async function workshopAccess(
	db: Database,
	viewer: WorkshopViewer,
	workshopId: string
): Promise<WorkshopAccess | undefined> {
	if (!UUID.test(workshopId)) return undefined;
	const [workshop] = await db.select().from(workshops).where(eq(workshops.id, workshopId));
	if (!workshop) return undefined;
	const user = viewer.user;
	const [plan, trainerRow, registration] = await Promise.all([
		user ? mayPlanFor(db, viewer.scope, workshop.organisationId) : false,
		user
			? db
					.select({ userId: workshopTrainers.userId })
					.from(workshopTrainers)
					.where(
						and(eq(workshopTrainers.workshopId, workshopId), eq(workshopTrainers.userId, user.id))
					)
					.then((rows) => rows[0])
			: undefined,
		user
			? db
					.select()
					.from(workshopRegistrations)
					.where(
						and(
							eq(workshopRegistrations.workshopId, workshopId),
							eq(workshopRegistrations.userId, user.id)
						)
					)
					.then((rows) => rows[0] ?? null)
			: null
	]);
	const trainer = trainerRow !== undefined;
	if (workshop.status === 'draft' && !plan && !trainer) return undefined;
	return { workshop, plan, trainer, takeAttendance: plan || trainer, registration };
}
