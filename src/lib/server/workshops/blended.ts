import { and, eq, inArray, sql } from 'drizzle-orm';
import { courses, workshopAttendance, workshops, workshopSessions } from '$db/schema';
import type { Database } from '../db';
import { attendanceMet, courseWorkshopRule, sessionsNeeded, type AttendanceRule } from './rules';

/** A learner's standing against a blended course's workshop requirement, for "what is left". */
export interface WorkshopStanding {
	rule: AttendanceRule;
	/** The workshop of the course they came furthest in (by share attended); null when none. */
	best: {
		workshopId: string;
		title: string;
		attended: number;
		total: number;
		/** Sessions of it the rule asks for. */
		needed: number;
	} | null;
	met: boolean;
}

/**
 * For each of the courses that asks for a workshop, where the learner stands: the workshop of the
 * course they attended most of, and whether it meets the rule (workshops/rules.ts, the one rule
 * completion applies too). Courses that ask none are absent from the map.
 */
export async function workshopStandings(
	db: Database,
	userId: string,
	courseIds: string[]
): Promise<Map<string, WorkshopStanding>> {
	const result = new Map<string, WorkshopStanding>();
	if (courseIds.length === 0) return result;
	const asking = (
		await db
			.select({ id: courses.id, completion: courses.completion })
			.from(courses)
			.where(
				and(inArray(courses.id, courseIds), sql`${courses.completion} -> 'workshop' is not null`)
			)
	).flatMap((c) => {
		const rule = courseWorkshopRule(c.completion.workshop);
		return rule ? [{ id: c.id, rule }] : [];
	});
	if (asking.length === 0) return result;
	const rows = await db
		.select({
			courseId: workshops.courseId,
			workshopId: workshops.id,
			title: workshops.title,
			total: sql<number>`count(distinct ${workshopSessions.id})::int`,
			attended: sql<number>`count(distinct ${workshopAttendance.sessionId})::int`
		})
		.from(workshops)
		.innerJoin(workshopSessions, eq(workshopSessions.workshopId, workshops.id))
		.leftJoin(
			workshopAttendance,
			and(
				eq(workshopAttendance.sessionId, workshopSessions.id),
				eq(workshopAttendance.userId, userId)
			)
		)
		.where(
			and(
				inArray(
					workshops.courseId,
					asking.map((c) => c.id)
				),
				// Drafts are not held yet; a learner is not sent to one.
				sql`${workshops.status} <> 'draft'`
			)
		)
		.groupBy(workshops.id);
	for (const { id, rule } of asking) {
		const mine = rows
			.filter((r) => r.courseId === id)
			.map((r) => ({ ...r, attended: Number(r.attended), total: Number(r.total) }));
		const met = mine.some((r) => attendanceMet(rule, r.attended, r.total));
		const best =
			mine
				.filter((r) => !met || attendanceMet(rule, r.attended, r.total))
				.sort(
					(a, b) => b.attended / b.total - a.attended / a.total || b.attended - a.attended
				)[0] ?? null;
		result.set(id, {
			rule,
			met,
			best: best && {
				workshopId: best.workshopId,
				title: best.title,
				attended: best.attended,
				total: best.total,
				needed: sessionsNeeded(rule, best.total) ?? best.total
			}
		});
	}
	return result;
}
