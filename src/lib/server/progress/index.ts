import { and, asc, count, eq, inArray, isNull, or, sql, sum, type SQL } from 'drizzle-orm';
import { enrolments, lessonProgress, lessons, users } from '$db/schema';
import type { Database } from '../db';
import { queryRows } from '../db/rows';
import { acceptedCourseInvitation } from '../invitations';
import { withinReach, type Reach } from '../organisations/reach';
import { creditSeconds, nextLesson, progressPercent } from './arithmetic';
import { evaluateCompletion } from './completion';
import { refreshSummaries } from './summary';

export * from './arithmetic';
export { completeMissedCompletions, evaluateCompletion } from './completion';
export { refreshSummaries, type SummaryScope } from './summary';

export interface Activity {
	userId: string;
	courseId: string;
	/** The lesson the learner is on: the one viewed, or the one whose page a button was pressed on. */
	lessonId: string;
	/** Mark the lesson complete as well. */
	complete?: boolean;
	/**
	 * The lesson the learner goes on to from here by a button ("next", "complete and next"): it
	 * becomes their current lesson at once, since showing it (a GET) records nothing.
	 */
	goingTo?: string;
	now?: Date;
}

/**
 * Records that a learner is on a lesson: a view of it (sent by the page once shown, never by loading
 * it: preloads and prefetchers load pages nobody reads), a heartbeat, completing it, or moving on
 * from it by a button. The time since their previous activity is credited to the lesson they were on
 * then, so reading time is counted without JavaScript (button to button) and more finely with it
 * (views and heartbeats). Returns whether this made the course complete; does nothing for a learner
 * not enrolled (a trainer previewing, say).
 */
export async function recordActivity(
	db: Database,
	activity: Activity
): Promise<{ tracked: boolean; courseCompleted: boolean }> {
	const now = activity.now ?? new Date();
	// A view is the platform's most frequent write: two statements, no transaction of its own.
	if (!activity.complete)
		return { tracked: (await moveTo(db, activity, now)) !== null, courseCompleted: false };
	// Completing can complete the course and issue its certificate: all of it or none.
	return db.transaction(async (tx) => {
		const moved = await moveTo(tx, activity, now);
		if (!moved) return { tracked: false, courseCompleted: false };
		const courseCompleted =
			!moved.completed && (await evaluateCompletion(tx, moved.enrolmentId, now));
		// A lesson done counts in the summary even in a course complete already (a later version's).
		await refreshSummaries(tx, { enrolmentIds: [moved.enrolmentId] });
		return { tracked: true, courseCompleted };
	});
}

/**
 * Makes this lesson (or the one the learner goes on to) the learner's current one and credits the
 * time since their previous activity to the lesson they were on. The update reads the previous values
 * under the enrolment row's lock, so concurrent requests of one learner each credit a different
 * interval, once; the credits then add up in any order. Null when the learner is not (or no longer)
 * enrolled.
 */
async function moveTo(db: Database, activity: Activity, now: Date) {
	const { userId, courseId, lessonId, goingTo } = activity;
	const current = goingTo ?? lessonId;
	const at = sql`${now.toISOString()}::timestamptz`;
	const [moved] = await queryRows<{
		id: string;
		completed: boolean;
		previous_lesson_id: string | null;
		previous_at: number | null;
	}>(
		db,
		sql`update ${enrolments} set last_lesson_id = ${current}::uuid, last_activity_at = ${at}
			from (select id, last_lesson_id, last_activity_at from ${enrolments}
				where user_id = ${userId}::uuid and course_id = ${courseId}::uuid and status = 'active'
				for update) previous
			where ${enrolments.id} = previous.id
			returning ${enrolments.id}, ${enrolments.completedAt} is not null as completed,
				previous.last_lesson_id as previous_lesson_id,
				extract(epoch from previous.last_activity_at) * 1000 as previous_at`
	);
	if (!moved) return null;
	const previousLesson = moved.previous_lesson_id;
	const credit =
		previousLesson && moved.previous_at !== null
			? creditSeconds(new Date(Number(moved.previous_at)), now)
			: 0;
	// The lesson on hand and the one gone on to count as viewed (a first view, no time yet); the
	// previous lesson gets the time credited.
	const seconds = new Map([[lessonId, 0]]);
	if (goingTo) seconds.set(goingTo, 0);
	if (previousLesson && credit > 0)
		seconds.set(previousLesson, (seconds.get(previousLesson) ?? 0) + credit);
	const rows = [...seconds].map(([id, secondsSpent]) => ({
		userId,
		lessonId: id,
		courseId,
		firstViewedAt: now,
		secondsSpent,
		completedAt: activity.complete && id === lessonId ? now : null
	}));
	// One statement for the time credited and the visit; rows that would not change are not written.
	// Rows in lesson order: two tabs crossing between the same two lessons lock them in one order.
	rows.sort((a, b) => (a.lessonId < b.lessonId ? -1 : 1));
	await db
		.insert(lessonProgress)
		.values(rows)
		.onConflictDoUpdate({
			target: [lessonProgress.userId, lessonProgress.lessonId],
			set: {
				secondsSpent: sql`${lessonProgress.secondsSpent} + excluded.seconds_spent`,
				completedAt: sql`coalesce(${lessonProgress.completedAt}, excluded.completed_at)`
			},
			setWhere: sql`excluded.seconds_spent > 0 or (excluded.completed_at is not null and ${lessonProgress.completedAt} is null)`
		});
	return { enrolmentId: moved.id, completed: moved.completed };
}

export interface LessonState {
	courseId: string;
	id: string;
	slug: string;
	position: number;
	title: { vi: string; en?: string };
	moduleSlug: string | null;
	moduleTitle: { vi: string; en?: string } | null;
	minutes: number;
	required: boolean;
	completed: boolean;
	secondsSpent: number;
}

/** A course's current lessons in order, with one learner's progress on each. */
export async function lessonStates(db: Database, userId: string | null, courseIds: string[]) {
	if (courseIds.length === 0) return [];
	return db
		.select({
			courseId: lessons.courseId,
			id: lessons.id,
			slug: lessons.slug,
			position: lessons.position,
			title: lessons.title,
			moduleSlug: lessons.moduleSlug,
			moduleTitle: lessons.moduleTitle,
			minutes: lessons.minutes,
			required: lessons.required,
			completedAt: lessonProgress.completedAt,
			secondsSpent: lessonProgress.secondsSpent
		})
		.from(lessons)
		.leftJoin(
			lessonProgress,
			and(
				eq(lessonProgress.lessonId, lessons.id),
				// No user (a visitor or a preview): no progress row matches.
				userId ? eq(lessonProgress.userId, userId) : sql`false`
			)
		)
		.where(and(inArray(lessons.courseId, courseIds), isNull(lessons.retiredAt)))
		.orderBy(asc(lessons.courseId), asc(lessons.position))
		.then((rows) =>
			rows.map((r) => ({
				courseId: r.courseId,
				id: r.id,
				slug: r.slug,
				position: r.position,
				title: r.title,
				moduleSlug: r.moduleSlug,
				moduleTitle: r.moduleTitle,
				minutes: r.minutes,
				required: r.required,
				completed: r.completedAt !== null,
				secondsSpent: r.secondsSpent ?? 0
			}))
		);
}

export function summarise(states: LessonState[], lastLessonId: string | null) {
	const required = states.filter((l) => l.required);
	const completedRequired = required.filter((l) => l.completed).length;
	return {
		percent: progressPercent(completedRequired, required.length),
		completedRequired,
		required: required.length,
		next: nextLesson(states, lastLessonId) ?? null,
		secondsSpent: states.reduce((s, l) => s + l.secondsSpent, 0)
	};
}

export { dashboard } from './dashboard';

/**
 * A course's enrolled learners with their progress, for trainers and administrators: the people
 * within the viewer's reach, and those who accepted the viewer's organisations' invitation to the
 * course. One aggregate query.
 */
export async function courseLearners(db: Database, courseId: string, reach: Reach) {
	const filters: SQL[] = [eq(enrolments.courseId, courseId)];
	if (!reach.everyone) {
		if (reach.organisationIds.length === 0) return [];
		filters.push(
			or(withinReach(reach), acceptedCourseInvitation(courseId, reach.organisationIds))!
		);
	}
	const rows = await db
		.select({
			userId: users.id,
			fullName: users.fullName,
			email: users.email,
			username: users.username,
			status: enrolments.status,
			source: enrolments.source,
			enrolledAt: enrolments.enrolledAt,
			completedAt: enrolments.completedAt,
			lastActivityAt: enrolments.lastActivityAt,
			completedRequired: count(
				sql`case when ${lessons.required} and ${lessons.retiredAt} is null then ${lessonProgress.completedAt} end`
			),
			secondsSpent: sum(lessonProgress.secondsSpent)
		})
		.from(enrolments)
		.innerJoin(users, eq(enrolments.userId, users.id))
		.leftJoin(
			lessonProgress,
			and(
				eq(lessonProgress.userId, enrolments.userId),
				eq(lessonProgress.courseId, enrolments.courseId)
			)
		)
		.leftJoin(lessons, eq(lessons.id, lessonProgress.lessonId))
		.where(and(...filters))
		.groupBy(users.id, enrolments.id)
		.orderBy(asc(users.fullName));
	const [{ required }] = await db
		.select({ required: count() })
		.from(lessons)
		.where(
			and(eq(lessons.courseId, courseId), eq(lessons.required, true), isNull(lessons.retiredAt))
		);
	return rows.map((r) => ({
		...r,
		percent: progressPercent(Number(r.completedRequired), Number(required)),
		secondsSpent: Number(r.secondsSpent ?? 0)
	}));
}
