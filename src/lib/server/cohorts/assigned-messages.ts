import { and, eq, inArray, isNull, type SQL } from 'drizzle-orm';
import { cohortCourses, cohortMembers, courses, enrolments, type Localised } from '$db/schema';
import type { Database } from '../db';
import { notify, type Message } from '../messages/outbox';

/** A course's title as a message carries it: Vietnamese, and English when there is one. */
export function courseTitleParams(title: Localised): { course: string; courseEn?: string } {
	return { course: title.vi, ...(title.en ? { courseEn: title.en } : {}) };
}

interface Assigned {
	userId: string;
	courseId: string;
	slug: string;
	title: Localised;
	dueOn: string | null;
}

function message(row: Assigned, key: string): Message {
	return {
		userId: row.userId,
		kind: 'course_assigned',
		key,
		params: { ...courseTitleParams(row.title), slug: row.slug, dueOn: row.dueOn },
		link: `/courses/${row.slug}`
	};
}

function assignedTo(tx: Database, cohortId: string, where: SQL | undefined) {
	return tx
		.select({
			userId: cohortMembers.userId,
			courseId: cohortCourses.courseId,
			slug: courses.slug,
			title: courses.title,
			dueOn: cohortCourses.dueOn
		})
		.from(cohortMembers)
		.innerJoin(cohortCourses, eq(cohortCourses.cohortId, cohortMembers.cohortId))
		.innerJoin(courses, eq(courses.id, cohortCourses.courseId))
		.where(and(eq(cohortMembers.cohortId, cohortId), where));
}

/**
 * Tells members that their cohort's courses are theirs, with the due date: every member of one
 * course just assigned, or the members just added of all the cohort's courses. In the caller's
 * transaction. Once per person, cohort and course (`course_assigned:<cohort>:<course>`): assigning
 * again, or leaving and joining again, tells no one twice.
 */
export async function tellAssigned(
	tx: Database,
	cohortId: string,
	only: { courseId: string } | { userIds: string[] }
): Promise<void> {
	if ('userIds' in only && only.userIds.length === 0) return;
	const rows = await assignedTo(
		tx,
		cohortId,
		'courseId' in only
			? eq(cohortCourses.courseId, only.courseId)
			: inArray(cohortMembers.userId, only.userIds)
	);
	await notify(
		tx,
		rows.map((row) => message(row, `course_assigned:${cohortId}:${row.courseId}`))
	);
}

/**
 * Tells the members who have not finished a course that its due date changed. Each change is a
 * message of its own, keyed by the new date and the moment of the change, so moving the date
 * back to an earlier choice tells them again; the caller calls this only when the date did change.
 */
export async function tellDueChanged(
	tx: Database,
	cohortId: string,
	courseId: string,
	now = new Date()
): Promise<void> {
	const rows = await tx
		.select({
			userId: cohortMembers.userId,
			courseId: cohortCourses.courseId,
			slug: courses.slug,
			title: courses.title,
			dueOn: cohortCourses.dueOn
		})
		.from(cohortMembers)
		.innerJoin(cohortCourses, eq(cohortCourses.cohortId, cohortMembers.cohortId))
		.innerJoin(courses, eq(courses.id, cohortCourses.courseId))
		.leftJoin(
			enrolments,
			and(eq(enrolments.userId, cohortMembers.userId), eq(enrolments.courseId, courseId))
		)
		.where(
			and(
				eq(cohortMembers.cohortId, cohortId),
				eq(cohortCourses.courseId, courseId),
				isNull(enrolments.completedAt)
			)
		);
	await notify(
		tx,
		rows.map((row) =>
			message(
				row,
				`course_assigned:${cohortId}:${courseId}:due:${row.dueOn ?? 'none'}:${now.getTime()}`
			)
		),
		{ now }
	);
}
