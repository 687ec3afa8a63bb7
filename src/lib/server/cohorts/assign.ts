import { and, asc, eq } from 'drizzle-orm';
import { cohortCourses, courses } from '$db/schema';
import type { Database } from '../db';
import { recordAudit } from '../audit';
import { organisationViewer } from '../courses/access';
import { listCatalogue } from '../courses/catalogue';
import { tellAssigned, tellDueChanged } from './assigned-messages';
import { enrolInCohortCourses } from './members';

/**
 * The courses a class may be given: those its organisation's learners may have (courses/access.ts),
 * published and listed. An organisation's own course goes to its classes and no one else's.
 */
export async function assignableCourses(db: Database, cohort: { organisationId: string }) {
	const viewer = await organisationViewer(db, cohort.organisationId);
	return listCatalogue(db, {}, { userId: null, ...viewer });
}

/** The assignment's due date now, its row locked until the transaction ends; undefined if none. */
async function lockedDueOn(tx: Database, cohortId: string, courseId: string) {
	const [row] = await tx
		.select({ dueOn: cohortCourses.dueOn })
		.from(cohortCourses)
		.where(and(eq(cohortCourses.cohortId, cohortId), eq(cohortCourses.courseId, courseId)))
		.for('update');
	return row ? row.dueOn : undefined;
}

/**
 * Assigns a course (or changes its due date) and enrols every current member. The members are told
 * (messages/outbox.ts, in this transaction): of a new assignment, and of a due date that changed.
 */
export async function assignCourse(
	db: Database,
	actorId: string | null,
	cohortId: string,
	courseId: string,
	dueOn: string | null
): Promise<void> {
	await db.transaction(async (tx) => {
		const before = await lockedDueOn(tx, cohortId, courseId);
		await tx
			.insert(cohortCourses)
			.values({ cohortId, courseId, dueOn, assignedBy: actorId })
			.onConflictDoUpdate({
				target: [cohortCourses.cohortId, cohortCourses.courseId],
				set: { dueOn }
			});
		await enrolInCohortCourses(tx, cohortId, actorId);
		if (before === undefined) await tellAssigned(tx, cohortId, { courseId });
		else if (before !== dueOn) await tellDueChanged(tx, cohortId, courseId);
		await recordAudit(tx, {
			actorId,
			action: 'cohort.course_assigned',
			subjectId: cohortId,
			details: { courseId, dueOn }
		});
	});
}

/**
 * A new due date (or none) for a course the cohort has; false when it is not assigned. Members who
 * have not finished the course are told when the date is a different one.
 */
export async function changeDueDate(
	db: Database,
	actorId: string | null,
	cohortId: string,
	courseId: string,
	dueOn: string | null
): Promise<boolean> {
	return db.transaction(async (tx) => {
		const before = await lockedDueOn(tx, cohortId, courseId);
		if (before === undefined) return false;
		const changed = await tx
			.update(cohortCourses)
			.set({ dueOn })
			.where(and(eq(cohortCourses.cohortId, cohortId), eq(cohortCourses.courseId, courseId)))
			.returning({ courseId: cohortCourses.courseId });
		if (changed.length === 0) return false;
		if (before !== dueOn) await tellDueChanged(tx, cohortId, courseId);
		await recordAudit(tx, {
			actorId,
			action: 'cohort.course_due_changed',
			subjectId: cohortId,
			details: { courseId, dueOn }
		});
		return true;
	});
}

/**
 * Unassigning keeps the members' enrolments and progress: they may finish the course, it is no
 * longer asked of them (nor overdue). False when it was not assigned.
 */
export async function unassignCourse(
	db: Database,
	actorId: string | null,
	cohortId: string,
	courseId: string
): Promise<boolean> {
	return db.transaction(async (tx) => {
		const removed = await tx
			.delete(cohortCourses)
			.where(and(eq(cohortCourses.cohortId, cohortId), eq(cohortCourses.courseId, courseId)))
			.returning({ courseId: cohortCourses.courseId });
		if (removed.length === 0) return false;
		await recordAudit(tx, {
			actorId,
			action: 'cohort.course_unassigned',
			subjectId: cohortId,
			details: { courseId }
		});
		return true;
	});
}

export function assignedCourses(db: Database, cohortId: string) {
	return db
		.select({
			courseId: courses.id,
			slug: courses.slug,
			title: courses.title,
			dueOn: cohortCourses.dueOn
		})
		.from(cohortCourses)
		.innerJoin(courses, eq(courses.id, cohortCourses.courseId))
		.where(eq(cohortCourses.cohortId, cohortId))
		.orderBy(asc(courses.slug));
}
