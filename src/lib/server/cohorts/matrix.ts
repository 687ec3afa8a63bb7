import { sql } from 'drizzle-orm';
import type { Localised } from '$db/schema';
import type { Database } from '../db';
import { cellFor, type Cell } from './cells';

export interface MatrixCourse {
	id: string;
	slug: string;
	title: Localised;
	dueOn: string | null;
}

export interface MatrixRow {
	userId: string;
	fullName: string;
	identifier: string;
	cells: Cell[];
	completed: number;
}

export interface Matrix {
	courses: MatrixCourse[];
	rows: MatrixRow[];
}

type Key = `${string}:${string}`;
const key = (userId: string, courseId: string): Key => `${userId}:${courseId}`;

async function rows<T>(db: Database, query: ReturnType<typeof sql>): Promise<T[]> {
	const result = (await db.execute(query)) as unknown as { rows?: T[] } | T[];
	return Array.isArray(result) ? result : (result.rows ?? []);
}

/**
 * Learners × assigned courses in five aggregated queries, whatever the size of the cohort: courses,
 * members, enrolments with certificates, lesson counts, quiz attempts.
 */
export async function cohortMatrix(
	db: Database,
	cohortId: string,
	now = new Date()
): Promise<Matrix> {
	const [courseRows, memberRows, enrolmentRows, lessonRows, quizRows] = await Promise.all([
		rows<{ id: string; slug: string; title: Localised; due_on: string | null; required: number }>(
			db,
			sql`select c.id, c.slug, c.title, cc.due_on::text as due_on,
				(select count(*)::int from lessons l where l.course_id = c.id and l.required and l.retired_at is null) as required
			from cohort_courses cc join courses c on c.id = cc.course_id
			where cc.cohort_id = ${cohortId}::uuid order by c.slug`
		),
		rows<{ id: string; full_name: string; identifier: string }>(
			db,
			sql`select u.id, u.full_name, coalesce(u.username, u.email) as identifier
			from cohort_members m join users u on u.id = m.user_id
			where m.cohort_id = ${cohortId}::uuid order by u.full_name, u.id`
		),
		rows<{ user_id: string; course_id: string; completed_at: string | null; code: string | null }>(
			db,
			sql`select e.user_id, e.course_id, e.completed_at::text as completed_at,
				(select ct.code from certificates ct where ct.user_id = e.user_id and ct.course_id = e.course_id
					and ct.revoked_at is null order by ct.issued_at desc limit 1) as code
			from enrolments e
			join cohort_members m on m.user_id = e.user_id and m.cohort_id = ${cohortId}::uuid
			join cohort_courses cc on cc.course_id = e.course_id and cc.cohort_id = ${cohortId}::uuid`
		),
		rows<{ user_id: string; course_id: string; touched: number; required_done: number }>(
			db,
			sql`select p.user_id, p.course_id, count(*)::int as touched,
				count(*) filter (where p.completed_at is not null and l.required and l.retired_at is null)::int as required_done
			from lesson_progress p join lessons l on l.id = p.lesson_id
			join cohort_members m on m.user_id = p.user_id and m.cohort_id = ${cohortId}::uuid
			join cohort_courses cc on cc.course_id = p.course_id and cc.cohort_id = ${cohortId}::uuid
			group by p.user_id, p.course_id`
		),
		rows<{ user_id: string; course_id: string; attempts: number; best: number | null }>(
			db,
			sql`select a.user_id, a.course_id, count(*)::int as attempts,
				max(a.percent) filter (where a.state = 'submitted') as best
			from quiz_attempts a
			join cohort_members m on m.user_id = a.user_id and m.cohort_id = ${cohortId}::uuid
			join cohort_courses cc on cc.course_id = a.course_id and cc.cohort_id = ${cohortId}::uuid
			group by a.user_id, a.course_id`
		)
	]);
	const enrolment = new Map(enrolmentRows.map((r) => [key(r.user_id, r.course_id), r]));
	const lessons = new Map(lessonRows.map((r) => [key(r.user_id, r.course_id), r]));
	const quiz = new Map(quizRows.map((r) => [key(r.user_id, r.course_id), r]));
	const courses = courseRows.map((c) => ({
		id: c.id,
		slug: c.slug,
		title: c.title,
		dueOn: c.due_on
	}));
	return {
		courses,
		rows: memberRows.map((m) => {
			const cells = courseRows.map((c) => {
				const k = key(m.id, c.id);
				const e = enrolment.get(k);
				const l = lessons.get(k);
				const q = quiz.get(k);
				return cellFor(
					{
						completedAt: e?.completed_at ? new Date(e.completed_at) : null,
						lessonsTouched: Number(l?.touched ?? 0),
						requiredDone: Number(l?.required_done ?? 0),
						required: Number(c.required),
						attempts: Number(q?.attempts ?? 0),
						bestPercent: q?.best == null ? null : Number(q.best),
						certificateCode: e?.code ?? null,
						dueOn: c.due_on
					},
					now
				);
			});
			return {
				userId: m.id,
				fullName: m.full_name,
				identifier: m.identifier,
				cells,
				completed: cells.filter((c) => c.state === 'completed').length
			};
		})
	};
}
