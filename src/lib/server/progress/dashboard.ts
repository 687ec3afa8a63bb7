import { and, desc, eq, sql } from 'drizzle-orm';
import { courses, enrolments, enrolmentSummaries } from '$db/schema';
import { vietnamDay } from '$lib/vietnam-time';
import type { Database } from '../db';
import { byUrgency, deadlineFor, earliestDueOn } from '../cohorts/deadline';
import { progressPercent } from './arithmetic';
import type { LessonState } from './index';

/**
 * The lesson to continue with, as nextLesson (arithmetic.ts) picks it from the course's current
 * lessons in order: the last opened if not done, else the first not done after it, else the first
 * not done, else the first. Read for one enrolment through the lessons' course index and the
 * learner's progress key.
 */
const nextLesson = sql<LessonState | string | null>`(
	select json_build_object('courseId', l.course_id, 'id', l.id, 'slug', l.slug,
		'position', l.position, 'title', l.title, 'moduleSlug', l.module_slug,
		'moduleTitle', l.module_title, 'minutes', l.minutes, 'required', l.required,
		'completed', p.completed_at is not null, 'secondsSpent', coalesce(p.seconds_spent, 0))
	from lessons l
	left join lesson_progress p on p.lesson_id = l.id and p.user_id = ${enrolments.userId}
	where l.course_id = ${courses.id} and l.retired_at is null
	order by case
		when l.id = ${enrolments.lastLessonId} and p.completed_at is null then 0
		when p.completed_at is null and l.position > (select last.position from lessons last
			where last.id = ${enrolments.lastLessonId} and last.course_id = ${courses.id}
				and last.retired_at is null) then 1
		when p.completed_at is null then 2
		else 3 end, l.position
	limit 1)`;

/** Reading time on the course's current lessons. */
const secondsSpent = sql<number>`(select coalesce(sum(p.seconds_spent), 0)
	from lesson_progress p join lessons l on l.id = p.lesson_id
	where p.user_id = ${enrolments.userId} and p.course_id = ${courses.id} and l.retired_at is null)`;

/** Required lessons, for an enrolment whose summary was never stored (rows written raw). */
const requiredLessons = sql`(select count(*) from lessons l
	where l.course_id = ${courses.id} and l.required and l.retired_at is null)`;

/**
 * The learner's dashboard: every active enrolment with its progress and deadline, in one query.
 * Lessons done, required and the percentage come from the enrolment's summary (summary.ts); the
 * lesson to continue with and the reading time from the course's lessons. Courses under way come
 * most urgent first (byUrgency), then by latest activity.
 */
export async function dashboard(db: Database, userId: string, now = new Date()) {
	const rows = await db
		.select({
			courseId: courses.id,
			slug: courses.slug,
			title: courses.title,
			hours: courses.hours,
			enrolledAt: enrolments.enrolledAt,
			completedAt: enrolments.completedAt,
			lastLessonId: enrolments.lastLessonId,
			lastActivityAt: enrolments.lastActivityAt,
			dueOn: earliestDueOn(enrolments.userId, courses.id),
			completedRequired: sql<number>`coalesce(${enrolmentSummaries.lessonsDone}, 0)`.mapWith(
				Number
			),
			required:
				sql<number>`coalesce(${enrolmentSummaries.lessonsRequired}, ${requiredLessons})`.mapWith(
					Number
				),
			percent: enrolmentSummaries.percent,
			next: nextLesson,
			secondsSpent: secondsSpent.mapWith(Number)
		})
		.from(enrolments)
		.innerJoin(courses, eq(enrolments.courseId, courses.id))
		.leftJoin(enrolmentSummaries, eq(enrolmentSummaries.enrolmentId, enrolments.id))
		.where(and(eq(enrolments.userId, userId), eq(enrolments.status, 'active')))
		.orderBy(desc(sql`coalesce(${enrolments.lastActivityAt}, ${enrolments.enrolledAt})`));
	const today = vietnamDay(now);
	const courseList = rows.map(({ percent, next, ...r }) => ({
		...r,
		percent: percent ?? progressPercent(r.completedRequired, r.required),
		next: (typeof next === 'string' ? (JSON.parse(next) as LessonState) : next) ?? null,
		deadline: deadlineFor(r.dueOn, r.completedAt !== null, today)
	}));
	return {
		inProgress: courseList.filter((c) => !c.completedAt).sort(byUrgency),
		completed: courseList.filter((c) => c.completedAt)
	};
}
