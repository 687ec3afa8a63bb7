import { and, eq, inArray, sql } from 'drizzle-orm';
import { courseAuthors, courseGraders, submissions, type Submission } from '$db/schema';
import type { Database } from '../db';

// The one home of who may see and grade assignment work. A submission is the learner's own, and
// otherwise only its course's graders' and the administrators': not the learner's manager, not a
// grader of another course (Law 91: the least access).

export interface GraderViewer {
	id: string;
	isAdmin: boolean;
}

/**
 * The courses whose assignments this person grades: those they write (authors) and those they are
 * appointed to grade; null for administrators, who grade every course.
 */
export async function gradedCourseIds(
	db: Database,
	user: GraderViewer | null
): Promise<string[] | null> {
	if (!user) return [];
	if (user.isAdmin) return null;
	const rows = await db
		.select({ courseId: courseAuthors.courseId })
		.from(courseAuthors)
		.where(eq(courseAuthors.userId, user.id))
		.union(
			db
				.select({ courseId: courseGraders.courseId })
				.from(courseGraders)
				.where(eq(courseGraders.userId, user.id))
		);
	return rows.map((r) => r.courseId);
}

/** Whether this person grades the course's assignments. */
export async function mayGradeCourse(
	db: Database,
	user: GraderViewer | null,
	courseId: string
): Promise<boolean> {
	if (!user) return false;
	if (user.isAdmin) return true;
	const ids = await gradedCourseIds(db, user);
	return ids === null || ids.includes(courseId);
}

/**
 * Whether this person decides between two graders' marks of a moderated submission: an
 * administrator, the course's owner, or a grader appointed as lead.
 */
export async function isLeadGrader(
	db: Database,
	user: GraderViewer | null,
	courseId: string
): Promise<boolean> {
	if (!user) return false;
	if (user.isAdmin) return true;
	const [row] = await db
		.select({ one: sql<number>`1` })
		.from(courseAuthors)
		.where(
			and(
				eq(courseAuthors.courseId, courseId),
				eq(courseAuthors.userId, user.id),
				eq(courseAuthors.role, 'owner')
			)
		)
		.union(
			db
				.select({ one: sql<number>`1` })
				.from(courseGraders)
				.where(
					and(
						eq(courseGraders.courseId, courseId),
						eq(courseGraders.userId, user.id),
						eq(courseGraders.lead, true)
					)
				)
		);
	return row !== undefined;
}

export type SubmissionAccess = { submission: Submission; as: 'learner' | 'grader' };

/**
 * A submission and in what capacity this person may see it, or null: its learner (their own,
 * drafts included), or a grader of its course (never a draft: it is not handed in yet).
 */
export async function submissionAccess(
	db: Database,
	user: GraderViewer | null,
	submissionId: string
): Promise<SubmissionAccess | null> {
	if (!user || !/^[0-9a-f-]{36}$/i.test(submissionId)) return null;
	const [submission] = await db.select().from(submissions).where(eq(submissions.id, submissionId));
	if (!submission) return null;
	if (submission.userId === user.id) return { submission, as: 'learner' };
	if (submission.state === 'draft') return null;
	if (await mayGradeCourse(db, user, submission.courseId)) return { submission, as: 'grader' };
	return null;
}

/** A condition on `submissions` for the courses this person grades (true for administrators). */
export function inGradedCourses(ids: string[] | null) {
	if (ids === null) return sql`true`;
	if (ids.length === 0) return sql`false`;
	return inArray(submissions.courseId, ids);
}
