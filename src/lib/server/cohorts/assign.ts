import { and, asc, eq } from 'drizzle-orm';
import { cohortCourses, courses } from '$db/schema';
import type { Database } from '../db';
import { recordAudit } from '../audit';
import { enrolInCohortCourses } from './members';

/** Assigns a course (or changes its due date) and enrols every current member. */
export async function assignCourse(
	db: Database,
	actorId: string | null,
	cohortId: string,
	courseId: string,
	dueOn: string | null
): Promise<void> {
	await db.transaction(async (tx) => {
		await tx
			.insert(cohortCourses)
			.values({ cohortId, courseId, dueOn, assignedBy: actorId })
			.onConflictDoUpdate({
				target: [cohortCourses.cohortId, cohortCourses.courseId],
				set: { dueOn }
			});
		await enrolInCohortCourses(tx, cohortId, actorId);
		await recordAudit(tx, {
			actorId,
			action: 'cohort.course_assigned',
			subjectId: cohortId,
			details: { courseId, dueOn }
		});
	});
}

/** Unassigning keeps the members' enrolments and progress. */
export async function unassignCourse(db: Database, cohortId: string, courseId: string) {
	await db
		.delete(cohortCourses)
		.where(and(eq(cohortCourses.cohortId, cohortId), eq(cohortCourses.courseId, courseId)));
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
