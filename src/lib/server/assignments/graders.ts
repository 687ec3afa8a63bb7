import { and, asc, eq } from 'drizzle-orm';
import { courseGraders, users } from '$db/schema';
import { recordAudit } from '../audit';
import { mayWriteCourses } from '../authoring/access';
import type { Database } from '../db';

// Who grades a course's assignments besides its authors and the administrators: trainers the course's
// owner (or an administrator) appoints. Each change is audited in the transaction that makes it.

/** The appointed graders of a course, by name. */
export async function courseGraderList(db: Database, courseId: string) {
	return db
		.select({
			userId: users.id,
			name: users.fullName,
			email: users.email,
			username: users.username,
			isAdmin: users.isAdmin,
			lead: courseGraders.lead,
			appointedAt: courseGraders.appointedAt
		})
		.from(courseGraders)
		.innerJoin(users, eq(users.id, courseGraders.userId))
		.where(eq(courseGraders.courseId, courseId))
		.orderBy(asc(users.fullName));
}

export type AppointResult = { ok: true; changed: boolean } | { ok: false; reason: 'not_trainer' };

/**
 * Appoints a person to grade a course (or changes whether they lead). Only a trainer somewhere or an
 * administrator may grade: the same people who may write courses.
 */
export async function appointGrader(
	db: Database,
	input: {
		courseId: string;
		grader: { id: string; isAdmin: boolean };
		lead: boolean;
		actorId: string;
		now?: Date;
	}
): Promise<AppointResult> {
	const { courseId, grader, lead, actorId } = input;
	if (!(await mayWriteCourses(db, grader))) return { ok: false, reason: 'not_trainer' };
	return db.transaction(async (tx) => {
		const [before] = await tx
			.select({ lead: courseGraders.lead })
			.from(courseGraders)
			.where(and(eq(courseGraders.courseId, courseId), eq(courseGraders.userId, grader.id)))
			.for('update');
		if (before && before.lead === lead) return { ok: true, changed: false };
		await tx
			.insert(courseGraders)
			.values({
				courseId,
				userId: grader.id,
				lead,
				appointedBy: actorId,
				appointedAt: input.now ?? new Date()
			})
			.onConflictDoUpdate({
				target: [courseGraders.courseId, courseGraders.userId],
				set: { lead }
			});
		await recordAudit(tx, {
			actorId,
			action: 'grader.appointed',
			subjectId: courseId,
			details: { userId: grader.id, lead }
		});
		return { ok: true, changed: true };
	});
}

/** Removes an appointed grader; false when they were not one. Their markings stay. */
export async function removeGrader(
	db: Database,
	input: { courseId: string; userId: string; actorId: string }
): Promise<boolean> {
	const { courseId, userId, actorId } = input;
	return db.transaction(async (tx) => {
		const gone = await tx
			.delete(courseGraders)
			.where(and(eq(courseGraders.courseId, courseId), eq(courseGraders.userId, userId)))
			.returning({ userId: courseGraders.userId });
		if (gone.length === 0) return false;
		await recordAudit(tx, {
			actorId,
			action: 'grader.removed',
			subjectId: courseId,
			details: { userId }
		});
		return true;
	});
}
