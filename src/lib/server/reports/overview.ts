import { sql } from 'drizzle-orm';
import type { Localised } from '$db/schema';
import type { Database } from '../db';
import { periodOf, periodRange, type HalfYear } from './period';

/**
 * The administrator's overview: the half-year so far at a glance, in three queries whatever the
 * number of courses and organisations.
 *
 * "Activity" of a learner in the half-year, the one definition the page states: they enrolled in a
 * course, opened a lesson, completed a course or handed in a quiz since the half-year began (in
 * Vietnam). An organisation "has reported no activity" when none of its learners did: neither its
 * members (accounts that name it as their organisation) nor the members of its classes.
 */
export interface Overview {
	period: HalfYear;
	/** The instant the half-year began. */
	since: Date;
	/** Accounts that are not administrators. */
	accounts: number;
	/** Learners with activity in the half-year. */
	activeLearners: number;
	enrolments: number;
	completions: number;
	/** Issued in the half-year and not revoked. */
	certificates: number;
	/** Published courses, highest completion rate first; those nobody enrolled in last. */
	courses: CourseCompletion[];
	quietOrganisations: QuietOrganisation[];
}

export interface CourseCompletion {
	id: string;
	slug: string;
	title: Localised;
	/** Every enrolment so far, and those completed. */
	enrolled: number;
	completed: number;
	/** Percent, one decimal; null with no enrolment. */
	rate: number | null;
}

export interface QuietOrganisation {
	id: string;
	name: string;
	kind: string;
	area: string | null;
	/** Accounts naming it as their organisation. */
	members: number;
}

function rowsOf<T>(result: unknown): T[] {
	// postgres.js returns the rows; PGlite returns { rows }.
	return (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as T[];
}

/** Learners with activity in [start, end), as a subquery of user ids. */
function activeLearners(start: Date, end: Date) {
	const from = sql`${start.toISOString()}::timestamptz`;
	const to = sql`${end.toISOString()}::timestamptz`;
	const within = (column: string) =>
		sql`(${sql.raw(column)} >= ${from} and ${sql.raw(column)} < ${to})`;
	return sql`
		select user_id from enrolments
		where ${within('enrolled_at')} or ${within('completed_at')} or ${within('last_activity_at')}
		union
		select user_id from quiz_attempts where state = 'submitted' and ${within('submitted_at')}`;
}

export async function adminOverview(db: Database, now = new Date()): Promise<Overview> {
	const period = periodOf(now);
	const { start, end } = periodRange(period);
	const from = sql`${start.toISOString()}::timestamptz`;
	const to = sql`${end.toISOString()}::timestamptz`;
	const active = activeLearners(start, end);

	const [totals, courseRows, quiet] = await Promise.all([
		db.execute(sql`
			select
				(select count(*) from users where not is_admin)::int as accounts,
				(select count(*) from (${active}) a)::int as active,
				(select count(*) from enrolments where enrolled_at >= ${from} and enrolled_at < ${to})::int
					as enrolments,
				(select count(*) from enrolments where completed_at >= ${from} and completed_at < ${to})::int
					as completions,
				(select count(*) from certificates
					where revoked_at is null and issued_at >= ${from} and issued_at < ${to})::int as certificates`),
		db.execute(sql`
			select c.id, c.slug, c.title, count(e.id)::int as enrolled, count(e.completed_at)::int as completed
			from courses c left join enrolments e on e.course_id = c.id
			where c.status = 'published'
			group by c.id`),
		db.execute(sql`
			with active as (${active})
			select o.id, o.name, o.kind, o.area,
				(select count(*) from users u where u.organisation_id = o.id)::int as members
			from organisations o
			where not exists (
					select 1 from active a join users u on u.id = a.user_id where u.organisation_id = o.id)
				and not exists (
					select 1 from active a
					join cohort_members cm on cm.user_id = a.user_id
					join cohorts co on co.id = cm.cohort_id
					where co.organisation_id = o.id)`)
	]);
	const [t] = rowsOf<Record<string, number>>(totals);
	const courses = rowsOf<Omit<CourseCompletion, 'rate'>>(courseRows)
		.map((c) => ({
			...c,
			rate: c.enrolled ? Math.round((c.completed / c.enrolled) * 1000) / 10 : null
		}))
		.sort(
			(a, b) =>
				(b.rate ?? -1) - (a.rate ?? -1) || b.enrolled - a.enrolled || a.slug.localeCompare(b.slug)
		);
	const quietOrganisations = rowsOf<QuietOrganisation>(quiet).sort((a, b) =>
		a.name.localeCompare(b.name, 'vi')
	);
	return {
		period,
		since: start,
		accounts: Number(t.accounts),
		activeLearners: Number(t.active),
		enrolments: Number(t.enrolments),
		completions: Number(t.completions),
		certificates: Number(t.certificates),
		courses,
		quietOrganisations
	};
}
