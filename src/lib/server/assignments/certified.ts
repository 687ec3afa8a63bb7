import { and, asc, eq, isNull } from 'drizzle-orm';
import { assignments, submissions, type CertifiedAssessment } from '$db/schema';
import type { Database } from '../db';

/**
 * The graded work a completion certificate rests on: each required assignment of the course with the
 * learner's first pass (title, points, maximum, when graded), and how many required ones they have
 * not passed. A renewal is refused while any is missing (certificates/issue.ts).
 */
export async function certifiedAssessments(
	db: Database,
	userId: string,
	courseId: string
): Promise<{ passed: CertifiedAssessment[]; missing: number }> {
	const rows = await db
		.select({
			id: assignments.id,
			title: assignments.title,
			points: submissions.points,
			maxPoints: submissions.maxPoints,
			decidedAt: submissions.decidedAt,
			passed: submissions.passed,
			state: submissions.state
		})
		.from(assignments)
		.leftJoin(
			submissions,
			and(eq(submissions.assignmentId, assignments.id), eq(submissions.userId, userId))
		)
		.where(
			and(
				eq(assignments.courseId, courseId),
				eq(assignments.required, true),
				isNull(assignments.retiredAt)
			)
		)
		.orderBy(asc(assignments.slug), asc(submissions.decidedAt));
	const passed = new Map<string, CertifiedAssessment>();
	const all = new Set<string>();
	for (const row of rows) {
		all.add(row.id);
		if (passed.has(row.id) || row.state !== 'graded' || !row.passed || !row.decidedAt) continue;
		passed.set(row.id, {
			title: row.title,
			points: row.points ?? 0,
			maxPoints: row.maxPoints ?? 0,
			gradedAt: row.decidedAt.toISOString()
		});
	}
	return { passed: [...passed.values()], missing: all.size - passed.size };
}
