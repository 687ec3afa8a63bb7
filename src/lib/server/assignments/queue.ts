import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { assignments, cohortMembers, courses, submissions, users } from '$db/schema';
import type { Database } from '../db';
import { gradedCourseIds, inGradedCourses, type GraderViewer } from './access';

// The grading queue: handed-in work across the courses a trainer grades, oldest first.

export const queueStatuses = ['waiting', 'graded', 'returned', 'all'] as const;
export type QueueStatus = (typeof queueStatuses)[number];

export interface QueueFilter {
	courseId?: string | null;
	cohortId?: string | null;
	status?: QueueStatus;
	/** At most this many rows (the page shows the oldest first). */
	limit?: number;
}

/** The submissions a grader may grade, filtered; waiting work oldest first, decided newest first. */
export async function gradingQueue(db: Database, grader: GraderViewer, filter: QueueFilter = {}) {
	const ids = await gradedCourseIds(db, grader);
	const status = filter.status ?? 'waiting';
	const where: SQL[] = [inGradedCourses(ids) as SQL, sql`${submissions.state} <> 'draft'`];
	if (status === 'waiting') where.push(eq(submissions.state, 'submitted'));
	if (status === 'graded') where.push(eq(submissions.state, 'graded'));
	if (status === 'returned') where.push(eq(submissions.state, 'returned'));
	if (filter.courseId) where.push(eq(submissions.courseId, filter.courseId));
	if (filter.cohortId)
		where.push(
			sql`exists (select 1 from ${cohortMembers} where ${cohortMembers.cohortId} = ${filter.cohortId}
				and ${cohortMembers.userId} = ${submissions.userId})`
		);
	const rows = await db
		.select({
			id: submissions.id,
			round: submissions.round,
			state: submissions.state,
			submittedAt: submissions.submittedAt,
			late: submissions.late,
			moderated: submissions.moderated,
			points: submissions.points,
			maxPoints: submissions.maxPoints,
			passed: submissions.passed,
			decidedAt: submissions.decidedAt,
			learner: { id: users.id, fullName: users.fullName },
			assignment: { slug: assignments.slug, title: assignments.title },
			course: { id: courses.id, slug: courses.slug, title: courses.title },
			// For a moderated submission: blind markings made final so far (0, 1 or 2).
			markings: sql<number>`(select count(distinct m.role)::int from submission_marks m
				where m.submission_id = ${submissions.id} and m.role in ('first', 'second') and not m.draft)`
		})
		.from(submissions)
		.innerJoin(users, eq(users.id, submissions.userId))
		.innerJoin(assignments, eq(assignments.id, submissions.assignmentId))
		.innerJoin(courses, eq(courses.id, submissions.courseId))
		.where(and(...where))
		.orderBy(
			status === 'waiting' ? asc(submissions.submittedAt) : desc(submissions.decidedAt),
			asc(submissions.id)
		)
		.limit(filter.limit ?? 200);
	return rows.map((r) => ({ ...r, markings: Number(r.markings) }));
}

/** The courses a grader grades that have assignments, for the queue's filter. */
export async function gradedCourses(db: Database, grader: GraderViewer) {
	const ids = await gradedCourseIds(db, grader);
	return db
		.selectDistinct({ id: courses.id, slug: courses.slug, title: courses.title })
		.from(courses)
		.innerJoin(assignments, eq(assignments.courseId, courses.id))
		.where(ids === null ? sql`true` : ids.length ? inArray(courses.id, ids) : sql`false`)
		.orderBy(asc(courses.slug));
}

/** How many handed-in submissions wait for this grader: the menu's badge. */
export async function waitingCount(db: Database, grader: GraderViewer): Promise<number> {
	const ids = await gradedCourseIds(db, grader);
	if (ids !== null && ids.length === 0) return 0;
	const [row] = await db
		.select({ n: sql<number>`count(*)::int` })
		.from(submissions)
		.where(and(inGradedCourses(ids) as SQL, eq(submissions.state, 'submitted')));
	return Number(row?.n ?? 0);
}
