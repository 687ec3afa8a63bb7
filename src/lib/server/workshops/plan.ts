import { and, asc, eq, exists, inArray, ne, or, sql, type SQL } from 'drizzle-orm';
import {
	courses,
	users,
	workshopAttendance,
	workshops,
	workshopSessions,
	workshopTrainers,
	type Workshop,
	type WorkshopSession
} from '$db/schema';
import type { WorkshopForm } from '$lib/schemas/workshops';
import type { WorkshopStatus } from '$lib/workshops';
import type { Database } from '../db';
import { recordAudit } from '../audit';
import { mayViewCourse, organisationViewer } from '../courses/access';
import { reachOf } from '../organisations/reach';
import { mayPlanFor, workshopAccess, type WorkshopViewer } from './access';
import { closeWorkshop, reopenWorkshop } from './close';
import { dayPlanRefusal, type DayPlanRefusal } from './day-plan';
import { tellChanged, tellOpened } from './messages';
import { fillFreedSeats } from './registration';

/** What the plan's functions answer when they refuse: the page shows 404 or the message. */
export type PlanRefusal = 'not_found' | 'not_allowed';

/**
 * Whether a workshop of this organisation may belong to the course: the course is one its people
 * may have (published to the province, or to the organisation or one above it), as for a class.
 */
export async function courseFitsOrganisation(
	db: Database,
	organisationId: string,
	courseId: string | null
): Promise<boolean> {
	if (!courseId) return true;
	const [course] = await db
		.select({
			currentVersionId: courses.currentVersionId,
			status: courses.status,
			organisationId: courses.organisationId
		})
		.from(courses)
		.where(eq(courses.id, courseId));
	if (!course || course.status !== 'published') return false;
	return mayViewCourse(course, await organisationViewer(db, organisationId));
}

function columns(input: WorkshopForm) {
	return {
		title: input.title.normalize('NFC'),
		courseId: input.courseId || null,
		organisationId: input.organisationId,
		venue: input.venue.normalize('NFC'),
		area: input.area || null,
		capacity: input.capacity,
		audiences: input.audiences,
		registrationMode: input.registrationMode,
		cohortId: input.registrationMode === 'cohort' ? input.cohortId || null : null,
		preQuizId: input.courseId ? input.preQuizId || null : null,
		postQuizId: input.courseId ? input.postQuizId || null : null,
		surveyTemplateId: input.surveyTemplateId || null
	};
}

/**
 * A new workshop, a draft, by a trainer or manager of its organisation (or one above it) or an
 * administrator; 'not_allowed' otherwise (m.workshop_error_not_allowed beside the organisation);
 * 'course' when the course is not one that organisation's people may have; day-plan.ts's reasons
 * when a test or the survey does not fit.
 */
export async function createWorkshop(
	db: Database,
	viewer: WorkshopViewer,
	input: WorkshopForm
): Promise<
	| { ok: true; workshop: Workshop }
	| { ok: false; reason: 'not_allowed' | 'course' | DayPlanRefusal }
> {
	if (!viewer.user || !(await mayPlanFor(db, viewer.scope, input.organisationId)))
		return { ok: false, reason: 'not_allowed' };
	if (!(await courseFitsOrganisation(db, input.organisationId, input.courseId || null)))
		return { ok: false, reason: 'course' };
	const day = await dayPlanRefusal(db, input, null);
	if (day) return { ok: false, reason: day };
	const [workshop] = await db
		.insert(workshops)
		.values({ ...columns(input), createdBy: viewer.user.id })
		.returning();
	return { ok: true, workshop };
}

/**
 * Changes a workshop's plan; a larger capacity seats the waiting list at once. Those holding a seat
 * are told of a new venue, in the same transaction.
 */
export async function updateWorkshop(
	db: Database,
	viewer: WorkshopViewer,
	workshopId: string,
	input: WorkshopForm
): Promise<
	| { ok: true; workshop: Workshop; promoted: string[] }
	| { ok: false; reason: PlanRefusal | 'course' | DayPlanRefusal }
> {
	const access = await workshopAccess(db, viewer, workshopId);
	if (!access) return { ok: false, reason: 'not_found' };
	if (!access.plan) return { ok: false, reason: 'not_allowed' };
	// Moving it to another organisation needs the right to plan there too.
	if (
		input.organisationId !== access.workshop.organisationId &&
		!(await mayPlanFor(db, viewer.scope, input.organisationId))
	)
		return { ok: false, reason: 'not_allowed' };
	if (!(await courseFitsOrganisation(db, input.organisationId, input.courseId || null)))
		return { ok: false, reason: 'course' };
	const day = await dayPlanRefusal(db, input, access.workshop);
	if (day) return { ok: false, reason: day };
	const workshop = await db.transaction(async (tx) => {
		const [before] = await tx
			.select({ venue: workshops.venue })
			.from(workshops)
			.where(eq(workshops.id, workshopId))
			.for('update');
		const [after] = await tx
			.update(workshops)
			.set({ ...columns(input), updatedAt: sql`now()` })
			.where(eq(workshops.id, workshopId))
			.returning();
		if (before && before.venue !== after.venue) await tellChanged(tx, after);
		return after;
	});
	return { ok: true, workshop, promoted: await fillFreedSeats(db, workshopId) };
}

/**
 * Opens a draft for registration (telling those staff registered meanwhile), closes a workshop, or
 * takes one back to draft. Cancelling has its own rule (cancel.ts: a reason, everyone told), and
 * a cancelled workshop stays cancelled: both are 'not_allowed' here.
 */
export async function setWorkshopStatus(
	db: Database,
	viewer: WorkshopViewer,
	workshopId: string,
	status: WorkshopStatus
): Promise<{ ok: true } | { ok: false; reason: PlanRefusal }> {
	const access = await workshopAccess(db, viewer, workshopId);
	if (!access) return { ok: false, reason: 'not_found' };
	if (!access.plan) return { ok: false, reason: 'not_allowed' };
	if (status === 'cancelled' || access.workshop.status === 'cancelled')
		return { ok: false, reason: 'not_allowed' };
	// Closing and reopening keep their own rules (close.ts): when and by whom, the certificates.
	if (status === 'closed') {
		const closed = await closeWorkshop(db, viewer, workshopId);
		return closed.ok ? { ok: true } : { ok: false, reason: 'not_allowed' };
	}
	if (access.workshop.status === 'closed') {
		const reopened = await reopenWorkshop(db, viewer, workshopId);
		if (!reopened.ok) return reopened;
		if (status === 'open') return { ok: true };
	}
	await db.transaction(async (tx) => {
		const [changed] = await tx
			.update(workshops)
			.set({ status, updatedAt: sql`now()` })
			.where(and(eq(workshops.id, workshopId), ne(workshops.status, 'cancelled')))
			.returning();
		if (!changed) return;
		if (status === 'open' && access.workshop.status === 'draft') await tellOpened(tx, changed);
		await recordAudit(tx, {
			actorId: viewer.user?.id ?? null,
			action: 'workshop.status_changed',
			subjectId: workshopId,
			details: { status }
		});
	});
	return { ok: true };
}

/** Adds a session (instants from sessionSchema's output); an open workshop's seated are told. */
export async function addSession(
	db: Database,
	viewer: WorkshopViewer,
	workshopId: string,
	session: { startsAt: Date; endsAt: Date }
): Promise<{ ok: true; session: WorkshopSession } | { ok: false; reason: PlanRefusal }> {
	const access = await workshopAccess(db, viewer, workshopId);
	if (!access) return { ok: false, reason: 'not_found' };
	if (!access.plan) return { ok: false, reason: 'not_allowed' };
	const row = await db.transaction(async (tx) => {
		const [added] = await tx
			.insert(workshopSessions)
			.values({ workshopId, startsAt: session.startsAt, endsAt: session.endsAt })
			.returning();
		await tellChanged(tx, access.workshop);
		return added;
	});
	return { ok: true, session: row };
}

/**
 * Removes a session that nobody has attended yet; one with attendance stays
 * ('has_attendance': m.workshop_error_session_has_attendance), so no record is lost. An open
 * workshop's seated are told.
 */
export async function removeSession(
	db: Database,
	viewer: WorkshopViewer,
	sessionId: string
): Promise<{ ok: true } | { ok: false; reason: PlanRefusal | 'has_attendance' }> {
	if (!/^[0-9a-f-]{36}$/i.test(sessionId)) return { ok: false, reason: 'not_found' };
	const [session] = await db
		.select({ workshopId: workshopSessions.workshopId })
		.from(workshopSessions)
		.where(eq(workshopSessions.id, sessionId));
	if (!session) return { ok: false, reason: 'not_found' };
	const access = await workshopAccess(db, viewer, session.workshopId);
	if (!access) return { ok: false, reason: 'not_found' };
	if (!access.plan) return { ok: false, reason: 'not_allowed' };
	const deleted = await db.transaction(async (tx) => {
		const gone = await tx
			.delete(workshopSessions)
			.where(
				and(
					eq(workshopSessions.id, sessionId),
					sql`not exists (select 1 from ${workshopAttendance} where ${workshopAttendance.sessionId} = ${sessionId}::uuid)`
				)
			)
			.returning({ id: workshopSessions.id });
		if (gone.length > 0) await tellChanged(tx, access.workshop);
		return gone;
	});
	return deleted.length > 0 ? { ok: true } : { ok: false, reason: 'has_attendance' };
}

/** The workshop's sessions in order. */
export async function sessionsOf(db: Database, workshopId: string): Promise<WorkshopSession[]> {
	return db
		.select()
		.from(workshopSessions)
		.where(eq(workshopSessions.workshopId, workshopId))
		.orderBy(asc(workshopSessions.startsAt));
}

/**
 * Names someone as a trainer of the workshop: they then see its people and take attendance, so it
 * is audited like a role given.
 */
export async function addTrainer(
	db: Database,
	viewer: WorkshopViewer,
	workshopId: string,
	userId: string
): Promise<{ ok: true; added: boolean } | { ok: false; reason: PlanRefusal }> {
	const access = await workshopAccess(db, viewer, workshopId);
	if (!access) return { ok: false, reason: 'not_found' };
	if (!access.plan) return { ok: false, reason: 'not_allowed' };
	const added = await db
		.insert(workshopTrainers)
		.values({ workshopId, userId })
		.onConflictDoNothing()
		.returning({ userId: workshopTrainers.userId });
	if (added.length > 0)
		await recordAudit(db, {
			actorId: viewer.user?.id ?? null,
			action: 'workshop.trainer_added',
			subjectId: workshopId,
			details: { userId }
		});
	return { ok: true, added: added.length > 0 };
}

/** The workshop's trainers, by name, with the account they sign in with. */
export async function trainersOf(db: Database, workshopId: string) {
	const rows = await db
		.select({
			userId: workshopTrainers.userId,
			fullName: users.fullName,
			username: users.username,
			email: users.email
		})
		.from(workshopTrainers)
		.innerJoin(users, eq(users.id, workshopTrainers.userId))
		.where(eq(workshopTrainers.workshopId, workshopId))
		.orderBy(asc(users.fullName));
	return rows.map(({ username, email, ...r }) => ({ ...r, account: username ?? email ?? '' }));
}

export async function removeTrainer(
	db: Database,
	viewer: WorkshopViewer,
	workshopId: string,
	userId: string
): Promise<{ ok: true } | { ok: false; reason: PlanRefusal }> {
	const access = await workshopAccess(db, viewer, workshopId);
	if (!access) return { ok: false, reason: 'not_found' };
	if (!access.plan) return { ok: false, reason: 'not_allowed' };
	const removed = await db
		.delete(workshopTrainers)
		.where(and(eq(workshopTrainers.workshopId, workshopId), eq(workshopTrainers.userId, userId)))
		.returning({ userId: workshopTrainers.userId });
	if (removed.length > 0)
		await recordAudit(db, {
			actorId: viewer.user?.id ?? null,
			action: 'workshop.trainer_removed',
			subjectId: workshopId,
			details: { userId }
		});
	return { ok: true };
}

/** A workshop in a staff member's list, with when its first session starts and ends (none yet: null). */
export type PlannedWorkshop = Workshop & { firstSession: { startsAt: Date; endsAt: Date } | null };

/**
 * The workshops a staff member plans or trains at (their organisations' and those beneath, and any
 * they are a trainer of), soonest session first is the page's to sort; newest first here.
 */
export async function plannedWorkshops(
	db: Database,
	viewer: WorkshopViewer
): Promise<PlannedWorkshop[]> {
	if (!viewer.user) return [];
	const reach = await reachOf(db, viewer.scope);
	const trainerOf = exists(
		db
			.select({ one: sql`1` })
			.from(workshopTrainers)
			.where(
				and(
					eq(workshopTrainers.workshopId, workshops.id),
					eq(workshopTrainers.userId, viewer.user.id)
				)
			)
	);
	let where: SQL | undefined;
	if (reach.everyone) where = undefined;
	else if (reach.organisationIds.length === 0) where = trainerOf;
	else where = or(inArray(workshops.organisationId, reach.organisationIds), trainerOf);
	// The first session comes with each workshop (through the sessions' (workshop_id, starts_at)
	// index), so the list is one query however many workshops it shows. The outer table is named
	// in full: Drizzle leaves a one-table query's columns unqualified, which here would mean s.id.
	const first = (column: 'starts_at' | 'ends_at') =>
		sql`(select s.${sql.raw(column)} from ${workshopSessions} s
			where s.workshop_id = workshops.id order by s.starts_at limit 1)`.mapWith(
			workshopSessions.startsAt
		);
	const rows = await db
		.select({ workshop: workshops, startsAt: first('starts_at'), endsAt: first('ends_at') })
		.from(workshops)
		.where(where)
		.orderBy(sql`${workshops.createdAt} desc`);
	return rows.map(({ workshop, startsAt, endsAt }) => ({
		...workshop,
		firstSession: startsAt && endsAt ? { startsAt, endsAt } : null
	}));
}
