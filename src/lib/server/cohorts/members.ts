import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { cohortMembers, quizAttempts, quizzes, users, type Cohort } from '$db/schema';
import type { Database } from '../db';
import { queryRows } from '../db/rows';
import type { StaffScope } from '../auth/staff';
import { reachOrInvite } from '../invitations';
import { recordAudit } from '../audit';
import { tellAssigned } from './assigned-messages';
import { getCohort } from './cohorts';
import { refreshSummaries } from '../progress/summary';

/**
 * Enrols the given members (all members when omitted) in every course assigned to the cohort, in
 * one statement; someone who had left an assigned course is enrolled again.
 */
export async function enrolInCohortCourses(
	db: Database,
	cohortId: string,
	actorId: string | null,
	userIds?: string[]
): Promise<void> {
	if (userIds?.length === 0) return;
	const only = userIds
		? sql`and m.user_id in (${sql.join(
				userIds.map((id) => sql`${id}::uuid`),
				sql`, `
			)})`
		: sql``;
	const enrolled = await queryRows<{ id: string }>(
		db,
		sql`insert into enrolments (user_id, course_id, source, enrolled_by)
		select m.user_id, c.course_id, 'cohort', ${actorId}::uuid
		from cohort_members m join cohort_courses c on c.cohort_id = m.cohort_id
		where m.cohort_id = ${cohortId}::uuid ${only}
		on conflict (user_id, course_id) do update set status = 'active', left_at = null
		where enrolments.status = 'left'
		returning enrolments.id`
	);
	// New enrolments start with their course's required lessons; returning ones keep their progress.
	await refreshSummaries(db, { enrolmentIds: enrolled.map((e) => e.id) });
}

/**
 * Adds users to a cohort and enrols them in its courses: joining later means being enrolled too,
 * and being told of them (in this transaction).
 */
export async function addMembers(
	db: Database,
	actorId: string | null,
	cohortId: string,
	userIds: string[]
): Promise<number> {
	if (userIds.length === 0) return 0;
	return db.transaction(async (tx) => {
		const added = await tx
			.insert(cohortMembers)
			.values(userIds.map((userId) => ({ cohortId, userId })))
			.onConflictDoNothing()
			.returning({ userId: cohortMembers.userId });
		await enrolInCohortCourses(tx, cohortId, actorId, userIds);
		await tellAssigned(tx, cohortId, { userIds: added.map((a) => a.userId) });
		if (added.length > 0)
			await recordAudit(tx, {
				actorId,
				action: 'cohort.members_added',
				subjectId: cohortId,
				details: { count: added.length }
			});
		return added.length;
	});
}

export type AddByIdentifierResult = 'added' | 'already' | 'invited' | 'not_found';

/**
 * Adds an account found by e-mail address or username, if it is within the staff member's reach
 * (their organisations' people; everyone for administrators). Anyone else is invited and joins only
 * by accepting: `invited` says nothing of whether the identifier names an account at all.
 */
export async function addMemberByIdentifier(
	db: Database,
	scope: StaffScope,
	actorId: string,
	cohort: Pick<Cohort, 'id' | 'organisationId'>,
	identifier: string
): Promise<AddByIdentifierResult> {
	const target = { organisationId: cohort.organisationId, cohortId: cohort.id };
	const found = await reachOrInvite(db, scope, actorId, target, identifier);
	if (found.kind !== 'reached') return found.kind;
	return (await addMembers(db, actorId, cohort.id, [found.user.id])) > 0 ? 'added' : 'already';
}

/** Removing members keeps their enrolments and progress; how many were members. */
export async function removeMembers(
	db: Database,
	actorId: string | null,
	cohortId: string,
	userIds: string[]
): Promise<number> {
	if (userIds.length === 0) return 0;
	return db.transaction(async (tx) => {
		const removed = await tx
			.delete(cohortMembers)
			.where(and(eq(cohortMembers.cohortId, cohortId), inArray(cohortMembers.userId, userIds)))
			.returning({ userId: cohortMembers.userId });
		if (removed.length > 0)
			await recordAudit(tx, {
				actorId,
				action: 'cohort.members_removed',
				subjectId: cohortId,
				details: { count: removed.length }
			});
		return removed.length;
	});
}

/**
 * Moves members of one cohort (the caller's, already checked) into another the same staff member
 * may manage — getCohort, the one access rule for cohorts; any other is `not_found`. They are
 * enrolled in its courses; their enrolments and progress stay. Only members of `from` move; how
 * many did, and the name of the cohort they moved to.
 */
export async function moveMembers(
	db: Database,
	scope: StaffScope,
	actorId: string | null,
	from: Pick<Cohort, 'id'>,
	toId: string,
	userIds: string[]
): Promise<{ count: number; to: string } | 'not_found'> {
	const to = await getCohort(db, scope, toId);
	if (!to) return 'not_found';
	if (userIds.length === 0 || from.id === to.id) return { count: 0, to: to.name };
	return db.transaction(async (tx) => {
		const moving = await tx
			.delete(cohortMembers)
			.where(and(eq(cohortMembers.cohortId, from.id), inArray(cohortMembers.userId, userIds)))
			.returning({ userId: cohortMembers.userId });
		const ids = moving.map((m) => m.userId);
		if (ids.length === 0) return { count: 0, to: to.name };
		const joined = await tx
			.insert(cohortMembers)
			.values(ids.map((userId) => ({ cohortId: to.id, userId })))
			.onConflictDoNothing()
			.returning({ userId: cohortMembers.userId });
		await enrolInCohortCourses(tx, to.id, actorId, ids);
		await tellAssigned(tx, to.id, { userIds: joined.map((j) => j.userId) });
		await recordAudit(tx, {
			actorId,
			action: 'cohort.members_moved',
			subjectId: from.id,
			details: { count: ids.length, to: to.id }
		});
		return { count: ids.length, to: to.name };
	});
}

export function listMembers(db: Database, cohortId: string) {
	return db
		.select({
			id: users.id,
			fullName: users.fullName,
			username: users.username,
			email: users.email,
			dateOfBirth: users.dateOfBirth,
			audience: users.audience
		})
		.from(cohortMembers)
		.innerJoin(users, eq(users.id, cohortMembers.userId))
		.where(eq(cohortMembers.cohortId, cohortId))
		.orderBy(asc(users.fullName));
}

/** Whether a user belongs to the cohort (for the learner drill-down). */
export async function isMember(db: Database, cohortId: string, userId: string): Promise<boolean> {
	const rows = await db
		.select({ userId: cohortMembers.userId })
		.from(cohortMembers)
		.where(and(eq(cohortMembers.cohortId, cohortId), eq(cohortMembers.userId, userId)));
	return rows.length > 0;
}

/** A member's quiz attempts in the given courses, newest first (for the drill-down). */
export function memberAttempts(db: Database, userId: string, courseIds: string[]) {
	if (courseIds.length === 0) return Promise.resolve([]);
	return db
		.select({
			id: quizAttempts.id,
			courseId: quizAttempts.courseId,
			quizTitle: quizzes.title,
			number: quizAttempts.number,
			state: quizAttempts.state,
			percent: quizAttempts.percent,
			passed: quizAttempts.passed,
			startedAt: quizAttempts.startedAt
		})
		.from(quizAttempts)
		.innerJoin(quizzes, eq(quizzes.id, quizAttempts.quizId))
		.where(and(eq(quizAttempts.userId, userId), inArray(quizAttempts.courseId, courseIds)))
		.orderBy(desc(quizAttempts.startedAt));
}
