import { and, eq, gt, gte, inArray, isNotNull, isNull, lt, lte, or, sql } from 'drizzle-orm';
import {
	certificates,
	cohortCourses,
	cohortMembers,
	cohorts,
	courses,
	enrolments,
	notifications,
	roleAssignments,
	workshopRegistrations,
	workshopSessions,
	workshops
} from '$db/schema';
import type { MessageChannel } from '$lib/messages';
import { addDays, dayEnd, dayStart, daysBetween, vietnamDay } from '$lib/vietnam-time';
import type { Database } from '../db';
import { configuredChannels, enqueue, notify, reachable, type Message } from './outbox';

/** Thresholds of the certificate reminders, in days before expiry: the nearest one passed is sent. */
export const EXPIRY_REMINDER_DAYS = [90, 30, 7] as const;
/** A learner is told of an overdue course once, then weekly for this many weeks; then the manager's digest carries it. */
export const OVERDUE_WEEKS = 8;
/** An expired certificate is announced only if it expired this recently (not the archive of years past). */
const EXPIRED_NOTICE_DAYS = 30;

export interface SweepOutcome {
	reminders: number;
	digests: number;
}

/**
 * The reminders due today in Vietnam, put in the inbox once each (their keys), and one digest a
 * day per person and channel carrying those not yet sent (held until 07:00 by quiet hours). Runs
 * every hour; a run missed (the server was down) is made up by the next, as every rule is a
 * threshold passed, not a day matched.
 */
export async function sweepReminders(
	db: Database,
	options: { now?: Date; channels?: readonly MessageChannel[] } = {}
): Promise<SweepOutcome> {
	const now = options.now ?? new Date();
	const today = vietnamDay(now);
	const messages = [
		...(await courseDeadlines(db, today)),
		...(await cohortOverdue(db, today)),
		...(await certificateExpiry(db, now, today)),
		...(await workshopTomorrow(db, today))
	];
	let reminders = 0;
	for (let i = 0; i < messages.length; i += 500) {
		const chunk = messages.slice(i, i + 500);
		reminders += (await db.transaction((tx) => notify(tx, chunk, { now, channels: [] }))).notified;
	}
	const digests = await makeDigests(db, now, today, options.channels ?? configuredChannels());
	return { reminders, digests };
}

/** Courses assigned to a class with a due date, not completed: due in 7 days, in 1 day, overdue. */
async function courseDeadlines(db: Database, today: string): Promise<Message[]> {
	const rows = await db
		.select({
			userId: cohortMembers.userId,
			cohortId: cohortCourses.cohortId,
			courseId: cohortCourses.courseId,
			dueOn: cohortCourses.dueOn,
			title: courses.title,
			slug: courses.slug
		})
		.from(cohortCourses)
		.innerJoin(cohortMembers, eq(cohortMembers.cohortId, cohortCourses.cohortId))
		.innerJoin(cohorts, eq(cohorts.id, cohortCourses.cohortId))
		.innerJoin(courses, eq(courses.id, cohortCourses.courseId))
		.leftJoin(
			enrolments,
			and(
				eq(enrolments.userId, cohortMembers.userId),
				eq(enrolments.courseId, cohortCourses.courseId)
			)
		)
		.where(
			and(
				isNotNull(cohortCourses.dueOn),
				lte(cohortCourses.dueOn, addDays(today, 7)),
				gte(cohortCourses.dueOn, addDays(today, -7 * OVERDUE_WEEKS)),
				isNull(enrolments.completedAt),
				or(isNull(enrolments.status), eq(enrolments.status, 'active')),
				// A class that is over is not chased.
				or(isNull(cohorts.endsOn), gte(cohorts.endsOn, today))
			)
		);
	return rows.map((r) => {
		const dueOn = r.dueOn!;
		const daysLeft = daysBetween(today, dueOn);
		const base = {
			course: r.title.vi,
			...(r.title.en ? { courseEn: r.title.en } : {}),
			slug: r.slug
		};
		const link = `/courses/${r.slug}`;
		const at = `${r.cohortId}:${r.courseId}:${dueOn}`;
		if (daysLeft >= 0) {
			const threshold = daysLeft <= 1 ? 1 : 7;
			return {
				userId: r.userId,
				kind: 'course_due' as const,
				key: `course_due:${threshold}:${at}`,
				params: { ...base, dueOn, daysLeft },
				link
			};
		}
		// Week 0 is the day after the due date; then once a week.
		const week = Math.floor((-daysLeft - 1) / 7);
		return {
			userId: r.userId,
			kind: 'course_overdue' as const,
			key: `course_overdue:${at}:w${week}`,
			params: { ...base, dueOn, daysOverdue: -daysLeft },
			link
		};
	});
}

/** Each week, to the managers of a class's organisation: how many of its courses are overdue. */
async function cohortOverdue(db: Database, today: string): Promise<Message[]> {
	const counts = await db
		.select({
			cohortId: cohorts.id,
			name: cohorts.name,
			organisationId: cohorts.organisationId,
			overdue: sql<number>`count(*)::int`
		})
		.from(cohortCourses)
		.innerJoin(cohorts, eq(cohorts.id, cohortCourses.cohortId))
		.innerJoin(cohortMembers, eq(cohortMembers.cohortId, cohortCourses.cohortId))
		.leftJoin(
			enrolments,
			and(
				eq(enrolments.userId, cohortMembers.userId),
				eq(enrolments.courseId, cohortCourses.courseId)
			)
		)
		.where(
			and(
				isNotNull(cohortCourses.dueOn),
				lt(cohortCourses.dueOn, today),
				isNull(enrolments.completedAt),
				or(isNull(enrolments.status), eq(enrolments.status, 'active')),
				or(isNull(cohorts.endsOn), gte(cohorts.endsOn, today))
			)
		)
		.groupBy(cohorts.id, cohorts.name, cohorts.organisationId);
	if (counts.length === 0) return [];
	const managers = await db
		.select({ userId: roleAssignments.userId, organisationId: roleAssignments.organisationId })
		.from(roleAssignments)
		.where(
			and(
				eq(roleAssignments.role, 'manager'),
				inArray(roleAssignments.organisationId, [...new Set(counts.map((c) => c.organisationId))])
			)
		);
	const week = mondayOf(today);
	return counts.flatMap((c) =>
		managers
			.filter((m) => m.organisationId === c.organisationId)
			.map((m) => ({
				userId: m.userId,
				kind: 'cohort_overdue' as const,
				key: `cohort_overdue:${c.cohortId}:${week}`,
				params: { cohort: c.name, cohortId: c.cohortId, overdue: c.overdue },
				link: `/manage/cohorts/${c.cohortId}`
			}))
	);
}

/** The Monday of the week `day` is in: weekly messages are keyed by it. */
export function mondayOf(day: string): string {
	// 1970-01-05 was a Monday.
	const offset = (((daysBetween('1970-01-05', day) % 7) + 7) % 7) as number;
	return addDays(day, -offset);
}

/** Certificates that expire within 90, 30 and 7 days, or have just expired, and are not renewed. */
async function certificateExpiry(db: Database, now: Date, today: string): Promise<Message[]> {
	const rows = await db
		.select({
			id: certificates.id,
			userId: certificates.userId,
			code: certificates.code,
			title: certificates.courseTitle,
			expiresAt: certificates.expiresAt,
			slug: courses.slug
		})
		.from(certificates)
		.leftJoin(courses, eq(courses.id, certificates.courseId))
		.where(
			and(
				isNotNull(certificates.expiresAt),
				isNull(certificates.revokedAt),
				// Renewed (and the renewal stands): nothing to remind.
				sql`not exists (select 1 from certificates renewal
					where renewal.renews_id = ${certificates.id} and renewal.revoked_at is null)`,
				lte(certificates.expiresAt, dayEnd(addDays(today, EXPIRY_REMINDER_DAYS[0]))),
				gt(certificates.expiresAt, dayStart(addDays(today, -EXPIRED_NOTICE_DAYS)))
			)
		);
	return rows.map((r) => {
		const expiresOn = vietnamDay(r.expiresAt!);
		const base = {
			course: r.title.vi,
			...(r.title.en ? { courseEn: r.title.en } : {}),
			code: r.code,
			slug: r.slug,
			expiresOn
		};
		const link = r.slug ? `/courses/${r.slug}` : `/certificates/${r.code}`;
		if (r.expiresAt!.getTime() <= now.getTime())
			return {
				userId: r.userId,
				kind: 'certificate_expired' as const,
				key: `certificate_expired:${r.id}`,
				params: base,
				link
			};
		const daysLeft = daysBetween(today, expiresOn);
		const threshold = EXPIRY_REMINDER_DAYS.filter((d) => daysLeft <= d).at(-1)!;
		return {
			userId: r.userId,
			kind: 'certificate_expiring' as const,
			key: `certificate_expiring:${threshold}:${r.id}`,
			params: { ...base, daysLeft },
			link
		};
	});
}

/** The day before a workshop's session: its registered participants. */
async function workshopTomorrow(db: Database, today: string): Promise<Message[]> {
	const tomorrow = addDays(today, 1);
	const rows = await db
		.select({
			userId: workshopRegistrations.userId,
			workshopId: workshops.id,
			title: workshops.title,
			venue: workshops.venue,
			startsAt: sql<number>`(extract(epoch from min(${workshopSessions.startsAt})) * 1000)::float8`
		})
		.from(workshopSessions)
		.innerJoin(workshops, eq(workshops.id, workshopSessions.workshopId))
		.innerJoin(
			workshopRegistrations,
			and(
				eq(workshopRegistrations.workshopId, workshops.id),
				eq(workshopRegistrations.status, 'registered')
			)
		)
		.where(
			and(
				eq(workshops.status, 'open'),
				gte(workshopSessions.startsAt, dayStart(tomorrow)),
				lt(workshopSessions.startsAt, dayEnd(tomorrow))
			)
		)
		.groupBy(workshopRegistrations.userId, workshops.id, workshops.title, workshops.venue);
	return rows.map((r) => ({
		userId: r.userId,
		kind: 'workshop_reminder' as const,
		key: `workshop_reminder:${r.workshopId}:${tomorrow}`,
		params: {
			workshop: r.title,
			workshopId: r.workshopId,
			startsAt: new Date(Number(r.startsAt)).toISOString(),
			venue: r.venue
		},
		link: `/w/${r.workshopId}`
	}));
}

/**
 * One digest per person, channel and day, carrying the reminders made since their previous digest
 * on that channel; made only when at least one of them is of a kind the person wants there.
 */
async function makeDigests(
	db: Database,
	now: Date,
	today: string,
	channels: readonly MessageChannel[]
): Promise<number> {
	let made = 0;
	for (const channel of channels) {
		// The person's previous digest on this channel: what this one carries starts after it.
		const previousDigest = sql`(select max(previous.created_at) from deliveries previous
			where previous.user_id = "notifications"."user_id" and previous.kind = 'digest'
			and previous.channel = ${channel})`;
		const pending = await db
			.select({
				userId: notifications.userId,
				kinds: sql<string[]>`array_agg(distinct "notifications"."kind")`,
				// Milliseconds since 1970: both engines' drivers give a float8 as a number.
				since: sql<number | null>`(extract(epoch from ${previousDigest}) * 1000)::float8`
			})
			.from(notifications)
			.where(
				and(
					eq(notifications.inDigest, true),
					gt(notifications.createdAt, addDaysAtStart(today, -EXPIRED_NOTICE_DAYS)),
					sql`"notifications"."created_at" > coalesce(${previousDigest}, '-infinity')`
				)
			)
			.groupBy(notifications.userId);
		if (pending.length === 0) continue;
		const reach = await reachable(
			db,
			pending.map((p) => p.userId),
			[channel]
		);
		const wanted = pending.filter((p) =>
			p.kinds.some((kind) => reach.allows(p.userId, kind as never, channel))
		);
		made += await db.transaction((tx) =>
			enqueue(
				tx,
				wanted.map((p) => ({
					key: `digest:${p.userId}:${today}:${channel}`,
					userId: p.userId,
					channel,
					kind: 'digest' as const,
					params: {
						day: today,
						since: p.since === null ? null : new Date(Number(p.since)).toISOString(),
						until: now.toISOString()
					}
				})),
				now
			)
		);
	}
	return made;
}

function addDaysAtStart(day: string, days: number): Date {
	return dayStart(addDays(day, days));
}
