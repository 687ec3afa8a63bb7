import { and, eq, sql } from 'drizzle-orm';
import {
	courses,
	enrolments,
	lessonProgress,
	lessons,
	type Course,
	type Enrolment
} from '$db/schema';
import type { Database } from '../db';
import { parsedJson, preparedQuery } from '../db/prepared';
import type { LessonState } from '../progress';

/**
 * Everything a lesson page reads from the database for one reader, in one prepared statement: the
 * course, the reader's enrolment, and the course's current lessons in order with the reader's
 * progress on each. With the session (auth/session.ts) that makes two round trips for a signed-in
 * lesson view; the lesson's content comes from memory (courses/catalogue.ts lessonContent).
 */
export interface CourseReading {
	course: Course;
	enrolment: Enrolment | undefined;
	lessons: LessonState[];
}

/** A lesson state as json_build_object spells it. */
interface LessonRow {
	id: string;
	slug: string;
	position: number;
	title: LessonState['title'];
	moduleSlug: string | null;
	moduleTitle: LessonState['moduleTitle'];
	minutes: number;
	required: boolean;
	completed: boolean;
	secondsSpent: number;
}

const courseReadingQuery = preparedQuery('course_reading', (db, name) =>
	db
		.select({
			course: courses,
			enrolment: enrolments,
			// No reader (a visitor, a preview): the placeholder is null and no progress row matches.
			lessons: sql<LessonRow[] | string>`(
				select coalesce(json_agg(json_build_object(
					'id', l.id, 'slug', l.slug, 'position', l.position, 'title', l.title,
					'moduleSlug', l.module_slug, 'moduleTitle', l.module_title, 'minutes', l.minutes,
					'required', l.required, 'completed', p.completed_at is not null,
					'secondsSpent', coalesce(p.seconds_spent, 0)
				) order by l.position), '[]')
				from ${lessons} l
				left join ${lessonProgress} p on p.lesson_id = l.id and p.user_id = ${sql.placeholder('userId')}::uuid
				where l.course_id = ${courses.id} and l.retired_at is null
			)`
		})
		.from(courses)
		.leftJoin(
			enrolments,
			and(
				eq(enrolments.courseId, courses.id),
				eq(enrolments.userId, sql`${sql.placeholder('userId')}::uuid`)
			)
		)
		.where(eq(courses.slug, sql.placeholder('slug')))
		.prepare(name)
);

/** The course by slug as `userId` reads it (null: no one's progress), or undefined if none. */
export async function courseReading(
	db: Database,
	slug: string,
	userId: string | null
): Promise<CourseReading | undefined> {
	const [row] = await courseReadingQuery(db).execute({ slug, userId });
	if (!row) return undefined;
	const courseId = row.course.id;
	return {
		course: row.course,
		enrolment: row.enrolment ?? undefined,
		lessons: parsedJson<LessonRow[]>(row.lessons).map((l) => ({ courseId, ...l }))
	};
}
