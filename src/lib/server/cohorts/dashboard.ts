import { sql, type SQL } from 'drizzle-orm';
import type { Localised } from '$db/schema';
import { vietnamDay } from '$lib/vietnam-time';
import type { Database } from '../db';
import type { StaffScope } from '../auth/staff';

async function rows<T>(db: Database, query: SQL): Promise<T[]> {
	const result = (await db.execute(query)) as unknown as { rows?: T[] } | T[];
	return Array.isArray(result) ? result : (result.rows ?? []);
}

function scoped(scope: StaffScope): SQL {
	if (scope.admin) return sql`true`;
	if (scope.organisationIds.length === 0) return sql`false`;
	return sql`co.organisation_id in (${sql.join(
		scope.organisationIds.map((id) => sql`${id}::uuid`),
		sql`, `
	)})`;
}

export interface CohortSummary {
	id: string;
	name: string;
	year: number;
	term: string | null;
	organisationName: string;
	members: number;
	courses: number;
	/** Completed (member, assigned course) pairs out of all of them. */
	completed: number;
	overdue: number;
}

export interface OverdueItem {
	cohortId: string;
	cohortName: string;
	userId: string;
	fullName: string;
	courseTitle: Localised;
	dueOn: string;
}

/** The manager's dashboard in two queries: each cohort's completion, and who is overdue on what. */
export async function managerDashboard(db: Database, scope: StaffScope, now = new Date()) {
	// Overdue is pastDue's rule (from the day after the due day in Vietnam), here in SQL.
	const today = vietnamDay(now);
	const where = scoped(scope);
	const [summaries, overdue] = await Promise.all([
		rows<Record<string, unknown>>(
			db,
			sql`select co.id, co.name, co.year, co.term, o.name as organisation_name,
				(select count(*)::int from cohort_members m where m.cohort_id = co.id) as members,
				(select count(*)::int from cohort_courses cc where cc.cohort_id = co.id) as courses,
				(select count(*)::int from cohort_members m join cohort_courses cc on cc.cohort_id = m.cohort_id
					join enrolments e on e.user_id = m.user_id and e.course_id = cc.course_id
					where m.cohort_id = co.id and e.completed_at is not null) as completed,
				(select count(*)::int from cohort_members m join cohort_courses cc on cc.cohort_id = m.cohort_id
					left join enrolments e on e.user_id = m.user_id and e.course_id = cc.course_id
					where m.cohort_id = co.id and cc.due_on < ${today}::date and e.completed_at is null) as overdue
			from cohorts co join organisations o on o.id = co.organisation_id
			where ${where} order by co.year desc, co.name`
		),
		rows<Record<string, unknown>>(
			db,
			sql`select co.id as cohort_id, co.name as cohort_name, u.id as user_id, u.full_name,
				c.title as course_title, cc.due_on::text as due_on
			from cohorts co join cohort_members m on m.cohort_id = co.id
			join users u on u.id = m.user_id
			join cohort_courses cc on cc.cohort_id = co.id join courses c on c.id = cc.course_id
			left join enrolments e on e.user_id = m.user_id and e.course_id = cc.course_id
			where ${where} and cc.due_on < ${today}::date and e.completed_at is null
			order by cc.due_on, co.name, u.full_name limit 200`
		)
	]);
	return {
		cohorts: summaries.map((r): CohortSummary => ({
			id: String(r.id),
			name: String(r.name),
			year: Number(r.year),
			term: (r.term as string | null) ?? null,
			organisationName: String(r.organisation_name),
			members: Number(r.members),
			courses: Number(r.courses),
			completed: Number(r.completed),
			overdue: Number(r.overdue)
		})),
		overdue: overdue.map((r): OverdueItem => ({
			cohortId: String(r.cohort_id),
			cohortName: String(r.cohort_name),
			userId: String(r.user_id),
			fullName: String(r.full_name),
			courseTitle: r.course_title as Localised,
			dueOn: String(r.due_on)
		}))
	};
}
