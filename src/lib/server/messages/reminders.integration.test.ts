import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliveries, enrolments, messagePreferences, notifications, type Course } from '$db/schema';
import { addDays, dayStart } from '$lib/vietnam-time';
import { grantRole } from '../auth/roles';
import { staffScope } from '../auth/staff';
import { assignCourse } from '../cohorts/assign';
import { createCohort } from '../cohorts/cohorts';
import { addMembers } from '../cohorts/members';
import { syncCourses } from '../courses/sync';
import { createTestDatabase, testEngines } from '../db/test-helpers';
import type { Database, DatabaseHandle } from '../db';
import { getCourseBySlug } from '../enrolment';
import { createOrganisation } from '../organisations';
import { makeUser } from '$testing/factories';
import { makeCourse, makeGraduate } from '$testing/certificates';
import { issueCertificate } from '../certificates/issue';
import { mondayOf, sweepReminders } from './reminders';

const fixture = fileURLToPath(new URL('../courses/fixtures/good/mini-course', import.meta.url));
const TODAY = '2026-12-15';
/** `hour` o'clock in Vietnam on `day`. */
const at = (day: string, hour: number) => new Date(dayStart(day).getTime() + hour * 3600_000);
const email = ['email'] as const;

describe.each(testEngines)('reminders and the daily digest on %s', (engine) => {
	let handle: DatabaseHandle;
	let db: Database;
	let root: string;
	const course: Record<string, Course> = {};

	beforeAll(async () => {
		handle = await createTestDatabase(engine);
		db = handle.db;
		root = mkdtempSync(join(tmpdir(), 'sachhon-reminders-'));
		for (const slug of ['nuoc-thai', 'nang-luong']) {
			cpSync(fixture, join(root, slug), { recursive: true });
			rmSync(join(root, slug, 'final.quiz.yaml'));
		}
		await syncCourses(db, root, 'test');
		for (const slug of ['nuoc-thai', 'nang-luong'])
			course[slug] = (await getCourseBySlug(db, slug))!;
	});
	afterAll(async () => {
		await handle?.close();
		rmSync(root, { recursive: true, force: true });
	});

	/** The reminders in a person's inbox (the assignment's own message aside). */
	async function inbox(userId: string) {
		return (
			await db
				.select({ key: notifications.key, kind: notifications.kind, params: notifications.params })
				.from(notifications)
				.where(and(eq(notifications.userId, userId), eq(notifications.inDigest, true)))
				.orderBy(notifications.createdAt, notifications.key)
		).map((n) => n.key.replace(/:[0-9a-f-]{36}/g, ''));
	}
	async function digests(userId: string) {
		return db
			.select()
			.from(deliveries)
			.where(and(eq(deliveries.userId, userId), eq(deliveries.kind, 'digest')))
			.orderBy(deliveries.createdAt);
	}

	it('reminds of a due date at 7 days and 1 day, then overdue once and weekly, never once completed', async () => {
		const admin = await makeUser(db, { isAdmin: true });
		const scope = await staffScope(db, admin);
		const org = (await createOrganisation(db, { name: 'Trường A', kind: 'school', area: null })).id;
		const cohort = (await createCohort(db, scope, admin.id, {
			organisationId: org,
			name: 'K24A',
			year: 2026
		}))!;
		const lan = await makeUser(db, { identifier: 'lan@example.vn' });
		const done = await makeUser(db, { identifier: 'done@example.vn' });
		const manager = await makeUser(db, { identifier: 'quanly@example.vn' });
		await grantRole(db, null, manager.id, 'manager', org);
		await addMembers(db, admin.id, cohort.id, [lan.id, done.id]);
		const dueOn = addDays(TODAY, 5);
		await assignCourse(db, admin.id, cohort.id, course['nuoc-thai'].id, dueOn);
		await db
			.update(enrolments)
			.set({ completedAt: at(TODAY, 8) })
			.where(eq(enrolments.userId, done.id));

		// Nine days before: nothing yet.
		await sweepReminders(db, { now: at(addDays(dueOn, -9), 10), channels: email });
		expect(await inbox(lan.id)).toEqual([]);
		// Five days before, twice in the day: once.
		await sweepReminders(db, { now: at(TODAY, 10), channels: email });
		await sweepReminders(db, { now: at(TODAY, 11), channels: email });
		expect(await inbox(lan.id)).toEqual([`course_due:7:${dueOn}`]);
		// The day before, and on the day: the 1-day reminder, once.
		await sweepReminders(db, { now: at(addDays(dueOn, -1), 10), channels: email });
		await sweepReminders(db, { now: at(dueOn, 10), channels: email });
		// The day after, then a week later: overdue once, then weekly.
		await sweepReminders(db, { now: at(addDays(dueOn, 1), 10), channels: email });
		await sweepReminders(db, { now: at(addDays(dueOn, 3), 10), channels: email });
		await sweepReminders(db, { now: at(addDays(dueOn, 8), 10), channels: email });
		expect(await inbox(lan.id)).toEqual([
			`course_due:7:${dueOn}`,
			`course_due:1:${dueOn}`,
			`course_overdue:${dueOn}:w0`,
			`course_overdue:${dueOn}:w1`
		]);
		expect(await inbox(done.id)).toEqual([]);
		// The manager hears of the class once a week, with the count.
		const managerInbox = await db
			.select()
			.from(notifications)
			.where(eq(notifications.userId, manager.id));
		expect(managerInbox.map((n) => [n.key, n.params.overdue])).toEqual([
			[`cohort_overdue:${cohort.id}:${mondayOf(addDays(dueOn, 1))}`, 1],
			[`cohort_overdue:${cohort.id}:${mondayOf(addDays(dueOn, 8))}`, 1]
		]);
	});

	it('sends at most one digest a day per channel, held until 07:00, carrying only what is new', async () => {
		const admin = await makeUser(db, { isAdmin: true });
		const scope = await staffScope(db, admin);
		const org = (
			await createOrganisation(db, { name: 'Công ty B', kind: 'enterprise', area: null })
		).id;
		const cohort = (await createCohort(db, scope, admin.id, {
			organisationId: org,
			name: 'Ca sáng',
			year: 2026
		}))!;
		const minh = await makeUser(db, { identifier: 'minh@example.vn' });
		const student = await makeUser(db, { identifier: 'hs-minh' });
		await addMembers(db, admin.id, cohort.id, [minh.id, student.id]);
		const day = '2027-03-01';
		await assignCourse(db, admin.id, cohort.id, course['nuoc-thai'].id, addDays(day, 3));
		await assignCourse(db, admin.id, cohort.id, course['nang-luong'].id, addDays(day, 6));

		// 00:05 in Vietnam: two reminders, one digest, held until 07:00.
		await sweepReminders(db, { now: at(day, 0.1), channels: email });
		let rows = await digests(minh.id);
		expect(rows).toHaveLength(1);
		expect(rows[0].notBefore).toEqual(at(day, 7));
		expect(rows[0].params).toMatchObject({ day, since: null });
		// Later runs that day add no second digest.
		await sweepReminders(db, { now: at(day, 9), channels: email });
		expect(await digests(minh.id)).toHaveLength(1);
		// A student without an address has the inbox only.
		expect(await digests(student.id)).toEqual([]);
		expect(await inbox(student.id)).toHaveLength(2);

		// Next day: nothing new, no digest; two days on, the 1-day reminder: a digest since the first.
		await sweepReminders(db, { now: at(addDays(day, 1), 9), channels: email });
		expect(await digests(minh.id)).toHaveLength(1);
		await sweepReminders(db, { now: at(addDays(day, 2), 9), channels: email });
		rows = await digests(minh.id);
		expect(rows).toHaveLength(2);
		expect(rows[1].params?.since).toBe(rows[0].createdAt.toISOString());
		expect(rows[1].notBefore).toEqual(at(addDays(day, 2), 9));
	});

	it('makes no digest for someone who turned those reminders off on that channel', async () => {
		const admin = await makeUser(db, { isAdmin: true });
		const scope = await staffScope(db, admin);
		const org = (await createOrganisation(db, { name: 'Sở C', kind: 'agency', area: null })).id;
		const cohort = (await createCohort(db, scope, admin.id, {
			organisationId: org,
			name: 'Cán bộ',
			year: 2026
		}))!;
		const quiet = await makeUser(db, { identifier: 'quiet@example.vn' });
		await db.insert(messagePreferences).values({
			userId: quiet.id,
			kind: 'course_due',
			channel: 'email',
			enabled: false
		});
		await addMembers(db, admin.id, cohort.id, [quiet.id]);
		const day = '2027-05-10';
		await assignCourse(db, admin.id, cohort.id, course['nang-luong'].id, addDays(day, 2));
		await sweepReminders(db, { now: at(day, 9), channels: email });
		expect(await inbox(quiet.id)).toEqual([`course_due:7:${addDays(day, 2)}`]);
		expect(await digests(quiet.id)).toEqual([]);
	});

	it('reminds of a certificate expiring at 90, 30 and 7 days, then expired, until it is renewed', async () => {
		const course = await makeCourse(db, { validityMonths: 12 });
		const completedAt = at('2026-01-10', 9);
		const holder = await makeGraduate(db, course.id, completedAt);
		const issued = await issueCertificate(db, {
			userId: holder.id,
			courseId: course.id,
			now: completedAt,
			completedAt,
			settings: {
				issuer: 'Trung tâm Khuyến công',
				signatoryName: undefined,
				signatoryTitle: 'Giám đốc',
				place: 'Vĩnh Long',
				signingKey: undefined
			}
		});
		expect(issued.ok).toBe(true);
		const expiry = (days: number) => at(addDays('2027-01-10', -days), 10);
		// A hundred days before: nothing; then each threshold once, however often swept.
		for (const now of [expiry(100), expiry(80), expiry(60), expiry(29), expiry(20), expiry(6)])
			await sweepReminders(db, { now, channels: email });
		await sweepReminders(db, { now: at('2027-01-11', 10), channels: email });
		await sweepReminders(db, { now: at('2027-01-12', 10), channels: email });
		const reminders = await db
			.select({ kind: notifications.kind, params: notifications.params })
			.from(notifications)
			.where(and(eq(notifications.userId, holder.id), eq(notifications.inDigest, true)))
			.orderBy(notifications.createdAt);
		expect(reminders.map((r) => [r.kind, r.params.daysLeft ?? null])).toEqual([
			['certificate_expiring', 80],
			['certificate_expiring', 29],
			['certificate_expiring', 6],
			['certificate_expired', null]
		]);
		expect(reminders[0].params).toMatchObject({ slug: course.slug, expiresOn: '2027-01-10' });
	});
});
