import { and, asc, eq, isNull } from 'drizzle-orm';
import { assignments, submissions } from '$db/schema';
import type { Database } from '$lib/server/db';

export type AssignmentStanding =
	'not_started' | 'draft' | 'submitted' | 'returned' | 'passed' | 'not_passed';

/**
 * A course's current assignments for its outline, each with one learner's standing (their latest
 * round): one query, the learner's rounds joined in.
 */
export async function courseAssignments(db: Database, courseId: string, userId: string | null) {
	const rows = await db
		.select({
			id: assignments.id,
			slug: assignments.slug,
			title: assignments.title,
			required: assignments.required,
			afterLesson: assignments.afterLesson,
			round: submissions.round,
			state: submissions.state,
			passed: submissions.passed
		})
		.from(assignments)
		.leftJoin(
			submissions,
			userId
				? and(eq(submissions.assignmentId, assignments.id), eq(submissions.userId, userId))
				: and(eq(submissions.assignmentId, assignments.id), isNull(submissions.id))
		)
		.where(and(eq(assignments.courseId, courseId), isNull(assignments.retiredAt)))
		.orderBy(asc(assignments.slug), asc(submissions.round));
	const bySlug = new Map<string, (typeof rows)[number]>();
	// Rounds come oldest first: the last one seen is the learner's latest.
	for (const row of rows)
		if (!bySlug.has(row.slug) || row.round !== null) bySlug.set(row.slug, row);
	return [...bySlug.values()].map((row) => ({
		slug: row.slug,
		title: row.title,
		required: row.required,
		afterLesson: row.afterLesson,
		standing: standingOf(row.state, row.passed)
	}));
}

function standingOf(
	state: 'draft' | 'submitted' | 'returned' | 'graded' | null,
	passed: boolean | null
): AssignmentStanding {
	if (state === null) return 'not_started';
	if (state === 'graded') return passed ? 'passed' : 'not_passed';
	return state;
}
