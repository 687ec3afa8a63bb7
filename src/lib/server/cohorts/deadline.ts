// A learner's deadline for a course: the due date a manager set when assigning it to a cohort the
// learner belongs to, and how urgent it is. Managers see the same rule as "Quá hạn" in the matrix
// (cells.ts) and on their dashboard (dashboard.ts): overdue from the day after the due day, in Vietnam.
import { and, eq, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import { cohortCourses, cohortMembers } from '$db/schema';
import { daysBetween, pastDue, vietnamDay, type CalendarDay } from '$lib/vietnam-time';
import type { Database } from '../db';

/** 'overdue' is the matrix's state of the same name (cells.ts); the others come before it. */
export type DeadlineState = 'overdue' | 'due_today' | 'due';

export interface Deadline {
	dueOn: CalendarDay;
	state: DeadlineState;
	/** Days left while due (0 on the day), days late once overdue: never negative. */
	days: number;
}

/**
 * The deadline a learner is told of: none without a due date or once the course is complete (a
 * finished course is never late). `today` is `vietnamDay(now)`.
 */
export function deadlineFor(
	dueOn: CalendarDay | null,
	completed: boolean,
	today: CalendarDay
): Deadline | null {
	if (dueOn === null || completed) return null;
	const left = daysBetween(today, dueOn);
	if (pastDue(dueOn, today)) return { dueOn, state: 'overdue', days: -left };
	return { dueOn, state: left === 0 ? 'due_today' : 'due', days: left };
}

/**
 * Most urgent first: overdue (the longest overdue first), then the nearest due date, then courses
 * without one. Equal deadlines keep their order (Array.prototype.sort is stable).
 */
export function byUrgency(a: { deadline: Deadline | null }, b: { deadline: Deadline | null }) {
	if (a.deadline && b.deadline) return a.deadline.dueOn.localeCompare(b.deadline.dueOn);
	return a.deadline ? -1 : b.deadline ? 1 : 0;
}

/**
 * The earliest due date of a course among the learner's cohorts that were assigned it, as
 * "YYYY-MM-DD" or null: a column expression, so a list of courses needs no query per course.
 */
export function earliestDueOn(
	userId: AnyColumn | SQL,
	courseId: AnyColumn | SQL
): SQL<string | null> {
	return sql<string | null>`(select min(cc.due_on)::text from cohort_courses cc
		join cohort_members cm on cm.cohort_id = cc.cohort_id
		where cm.user_id = ${userId} and cc.course_id = ${courseId})`;
}

/** One learner's deadline for one course, for the course page. */
export async function learnerDeadline(
	db: Database,
	userId: string,
	courseId: string,
	completed: boolean,
	now = new Date()
): Promise<Deadline | null> {
	if (completed) return null;
	const [row] = await db
		.select({ dueOn: sql<string | null>`min(${cohortCourses.dueOn})::text` })
		.from(cohortCourses)
		.innerJoin(cohortMembers, eq(cohortMembers.cohortId, cohortCourses.cohortId))
		.where(and(eq(cohortMembers.userId, userId), eq(cohortCourses.courseId, courseId)));
	return deadlineFor(row?.dueOn ?? null, false, vietnamDay(now));
}
