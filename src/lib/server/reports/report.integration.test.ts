import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	certificates,
	courses,
	courseVersions,
	enrolments,
	organisations,
	quizAttempts,
	quizzes,
	users,
	type AudienceGroup
} from '$db/schema';
import { syncCourses } from '../courses/sync';
import { createTestDatabase, testEngines } from '../db/test-helpers';
import type { Database, DatabaseHandle } from '../db';
import { makeUser } from '$testing/factories';
import { byDirectiveItem, reportTrend } from './charts';
import { publicStatistics } from './public';
import { sixMonthlyReport, type ReportRow } from './report';

const fixture = fileURLToPath(new URL('../courses/fixtures/good/mini-course', import.meta.url));
const H1 = { year: 2026, half: 1 } as const;

describe.each(testEngines)('six-monthly report on %s', (engine) => {
	let handle: DatabaseHandle;
	let db: Database;
	let root: string;
	let courseId: string, versionId: string, quizId: string;
	let factory: string, school: string, workshop: string;
	let certificateCount = 0;

	async function learner(audience: AudienceGroup, organisationId: string | null, area?: string) {
		const user = await makeUser(db, { audience });
		await db
			.update(users)
			.set({ organisationId, area: area ?? null })
			.where(eq(users.id, user.id));
		return user.id;
	}

	async function enrol(userId: string, enrolledAt: string, completedAt?: string) {
		await db.insert(enrolments).values({
			userId,
			courseId,
			source: 'self',
			enrolledAt: new Date(enrolledAt),
			completedAt: completedAt ? new Date(completedAt) : null
		});
	}

	async function attempt(userId: string, number: number, submittedAt: string, passed: boolean) {
		await db.insert(quizAttempts).values({
			quizId,
			userId,
			courseId,
			courseVersionId: versionId,
			number,
			state: 'submitted',
			submittedAt: new Date(submittedAt),
			snapshot: {},
			maxScore: 10,
			score: passed ? 9 : 2,
			percent: passed ? 90 : 20,
			passed
		});
	}

	async function certify(userId: string, issuedAt: string, revoked = false) {
		certificateCount++;
		await db.insert(certificates).values({
			code: `code-${certificateCount}-${engine}`,
			number: `SH-TEST-${certificateCount}`,
			registerNumber: certificateCount,
			userId,
			courseId,
			courseVersionId: versionId,
			fullName: 'Học Viên',
			courseTitle: { vi: 'Khóa' },
			courseVersion: 1,
			hours: 4,
			completedAt: new Date(issuedAt),
			issuedAt: new Date(issuedAt),
			revokedAt: revoked ? new Date(issuedAt) : null,
			credential: {},
			signature: 'x',
			keyId: 'k'
		});
	}

	beforeAll(async () => {
		handle = await createTestDatabase(engine);
		db = handle.db;
		root = mkdtempSync(join(tmpdir(), 'sachhon-report-'));
		cpSync(fixture, join(root, 'khoa-bao-cao'), { recursive: true });
		await syncCourses(db, root, 'test');
		[{ id: courseId }] = await db.select({ id: courses.id }).from(courses);
		[{ id: versionId }] = await db.select({ id: courseVersions.id }).from(courseVersions);
		[{ id: quizId }] = await db.select({ id: quizzes.id }).from(quizzes);
		const orgs = await db
			.insert(organisations)
			.values([
				{ name: 'Công ty Dừa', kind: 'enterprise', area: 'Châu Thành' },
				{ name: 'Trường Cao đẳng', kind: 'school', area: 'Mỏ Cày Nam' }
			])
			.returning();
		[factory, school] = orgs.map((o) => o.id);
		[{ id: workshop }] = await db
			.insert(organisations)
			.values({ name: 'Phân xưởng', kind: 'enterprise', area: 'Châu Thành', parentId: factory })
			.returning();

		// H1 2026: three operational staff of the factory (one in its workshop), two students.
		const a = await learner('operational', factory);
		const b = await learner('operational', factory);
		const c = await learner('operational', workshop);
		const s1 = await learner('student', school);
		const s2 = await learner('student', school, 'Ba Tri');
		// 23:30 on 30 June in Vietnam is 16:30 UTC: still H1.
		await enrol(a, '2026-06-30T23:30:00+07:00', '2026-06-30T23:45:00+07:00');
		await enrol(b, '2026-02-01T09:00:00+07:00', '2026-03-01T09:00:00+07:00');
		await enrol(c, '2026-01-01T00:00:00+07:00');
		await enrol(s1, '2026-04-10T10:00:00+07:00');
		// 00:10 on 1 July in Vietnam: H2, not in this report.
		await enrol(s2, '2026-07-01T00:10:00+07:00');
		await attempt(a, 1, '2026-06-30T23:40:00+07:00', false);
		await attempt(a, 2, '2026-06-30T23:44:00+07:00', true);
		await attempt(b, 1, '2026-02-20T09:00:00+07:00', true);
		await attempt(s1, 1, '2026-05-20T09:00:00+07:00', false);
		await certify(a, '2026-06-30T23:50:00+07:00');
		await certify(b, '2026-03-01T09:00:00+07:00');
		await certify(s1, '2026-05-01T09:00:00+07:00', true);

		// H2 2025: one factory worker enrolled and passed.
		const old = await learner('operational', factory);
		await enrol(old, '2025-12-31T23:59:00+07:00', '2025-12-31T23:59:30+07:00');
		await attempt(old, 1, '2025-12-31T23:59:10+07:00', true);
		// 31 December 2025 17:30 UTC is 1 January 2026 in Vietnam: H1 2026.
		const newYear = await learner('manager', factory);
		await enrol(newYear, '2025-12-31T17:30:00Z');
	});
	afterAll(async () => {
		await handle?.close();
		rmSync(root, { recursive: true, force: true });
	});

	const find = (rows: ReportRow[], key: string) => rows.find((r) => r.key === key);

	it('counts the half-year in Vietnam time, with the change from the one before', async () => {
		const report = await sixMonthlyReport(db, H1, { type: 'all' });
		expect(report.previous).toEqual({ year: 2025, half: 2 });
		const t = report.total;
		expect(t.current).toMatchObject({ enrolments: 5, completions: 2, certificates: 2 });
		expect(t.previous).toMatchObject({ enrolments: 1, completions: 1, certificates: 0 });
		expect(t.change.enrolments).toEqual({ delta: 4, percent: 400 });
		expect(t.change.certificates).toEqual({ delta: 2, percent: null });
		// a passed (on the second go), b passed, s1 failed: 2 of 3 learner × course pairs.
		expect(t.current).toMatchObject({ attempted: 3, passed: 2 });
		expect(t.passRate).toBe(66.7);
		expect(t.previousPassRate).toBe(100);
		expect(t.passRateChange).toBe(-33.3);
	});

	it('breaks the figures down by audience, kind, area and course', async () => {
		const { groups } = await sixMonthlyReport(db, H1, { type: 'all' });
		expect(find(groups.audience, 'operational')?.current.enrolments).toBe(3);
		expect(find(groups.audience, 'student')?.current.enrolments).toBe(1);
		expect(find(groups.audience, 'manager')?.current.enrolments).toBe(1);
		expect(find(groups.kind, 'enterprise')?.current).toMatchObject({
			enrolments: 4,
			completions: 2,
			certificates: 2
		});
		expect(find(groups.kind, 'school')?.current.certificates).toBe(0);
		expect(find(groups.area, 'Châu Thành')?.current.enrolments).toBe(4);
		expect(find(groups.area, 'Mỏ Cày Nam')?.current.enrolments).toBe(1);
		expect(find(groups.area, 'Ba Tri')).toBeUndefined();
		expect(groups.course).toHaveLength(1);
		expect(groups.course[0].key).toBe(courseId);
		expect(groups.course[0].title?.vi).toBeTruthy();
	});

	it('limits the report to a scope', async () => {
		const org = await sixMonthlyReport(db, H1, { type: 'organisation', organisationId: factory });
		// The workshop belongs to the factory.
		expect(org.total.current.enrolments).toBe(4);
		const school_ = await sixMonthlyReport(db, H1, { type: 'kind', kind: 'school' });
		expect(school_.total.current.enrolments).toBe(1);
		const area = await sixMonthlyReport(db, H1, { type: 'area', area: 'Mỏ Cày Nam' });
		expect(area.total.current.enrolments).toBe(1);
		const mine = await sixMonthlyReport(db, H1, {
			type: 'organisations',
			organisationIds: [workshop]
		});
		expect(mine.total.current.enrolments).toBe(1);
		const none = await sixMonthlyReport(db, H1, { type: 'organisations', organisationIds: [] });
		expect(none.total.current.enrolments).toBe(0);
		expect(none.groups.audience).toEqual([]);
	});

	it('puts the record of 00:10 on 1 July in H2', async () => {
		const h2 = await sixMonthlyReport(db, { year: 2026, half: 2 }, { type: 'all' });
		expect(h2.total.current.enrolments).toBe(1);
		expect(h2.total.previous.enrolments).toBe(5);
	});

	it('publishes only groups of five learners or more', async () => {
		const stats = await publicStatistics(db, H1);
		expect(stats.totals.map((t) => t.period)).toHaveLength(4);
		const h1 = stats.totals[3];
		expect(h1).toMatchObject({ suppressed: false, learners: 5, enrolments: 5, certificates: 2 });
		// H2 2025 had one learner: withheld.
		expect(stats.totals[2]).toMatchObject({ suppressed: true, enrolments: null });
		const area = stats.areas.find((a) => a.key === 'Châu Thành');
		expect(area).toMatchObject({ suppressed: true, learners: null, enrolments: null });
		expect(stats.courses[0]).toMatchObject({ suppressed: false, enrolments: 5 });
	});

	it('draws the trend over four half-years and the figures by directive item', async () => {
		const h2 = await sixMonthlyReport(db, { year: 2026, half: 2 }, { type: 'all' });
		const trend = await reportTrend(db, h2, { type: 'all' });
		expect(trend.map((t) => [t.key, t.enrolments, t.completions, t.certificates])).toEqual([
			['2025-H1', 0, 0, 0],
			['2025-H2', 1, 1, 0],
			['2026-H1', 5, 2, 2],
			['2026-H2', 1, 0, 0]
		]);
		// The course serves items 1b and 6: each counts all of its figures.
		const report = await sixMonthlyReport(db, H1, { type: 'all' });
		expect(await byDirectiveItem(db, report)).toEqual([
			{ key: '1b', enrolments: 5, completions: 2, certificates: 2 },
			{ key: '6', enrolments: 5, completions: 2, certificates: 2 }
		]);
	});
});
