// The one-pass report against the plain definition of each figure (one query per breakdown, as the
// report was first written), on varied data: two courses, learners active in both half-years and in
// several courses, repeated attempts, revoked and repeated certificates, learners without an
// organisation or an area.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { and, eq, gte, isNull, lt, sql, type SQL } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	audienceGroups,
	certificates,
	courses,
	courseVersions,
	enrolments,
	organisations,
	quizAttempts,
	quizzes,
	users
} from '$db/schema';
import { syncCourses } from '../courses/sync';
import { createTestDatabase, testEngines } from '../db/test-helpers';
import type { Database, DatabaseHandle } from '../db';
import { periodRange, previousPeriod, type HalfYear } from './period';
import { publicStatistics } from './public';
import { breakdowns, sixMonthlyReport, type Figures, type ReportScope } from './report';

const fixture = fileURLToPath(new URL('../courses/fixtures/good/mini-course', import.meta.url));
const H1: HalfYear = { year: 2026, half: 1 };
const H2: HalfYear = { year: 2026, half: 2 };

/** A small deterministic generator (mulberry32), so a failure can be reproduced. */
function random(seed: number) {
	return () => {
		seed = (seed + 0x6d2b79f5) | 0;
		let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

type Grouping = 'total' | (typeof breakdowns)[number];
type Expected = Record<Grouping, Map<string, { current: Figures; previous: Figures }>>;

/** The first implementation: every breakdown its own scan, distinct pairs as text. */
async function reference(db: Database, period: HalfYear, scope: ReportScope): Promise<Expected> {
	const start = sql`${periodRange(period).start.toISOString()}::timestamptz`;
	const prevStart = sql`${periodRange(previousPeriod(period)).start.toISOString()}::timestamptz`;
	const end = sql`${periodRange(period).end.toISOString()}::timestamptz`;
	const tree = (ids: string[]) =>
		sql`(with recursive tree(id) as (
			select id from organisations where id in (${sql.join(
				ids.map((id) => sql`${id}::uuid`),
				sql`, `
			)})
			union select o.id from organisations o join tree t on o.parent_id = t.id
		) select id from tree)`;
	const filter: SQL =
		scope.type === 'all'
			? sql`true`
			: scope.type === 'area'
				? sql`coalesce(u.area, o.area) = ${scope.area}`
				: scope.type === 'kind'
					? sql`o.kind = ${scope.kind}`
					: scope.type === 'organisation'
						? sql`u.organisation_id in ${tree([scope.organisationId])}`
						: scope.organisationIds.length === 0
							? sql`false`
							: sql`u.organisation_id in ${tree(scope.organisationIds)}`;
	const keys: Record<Grouping, SQL> = {
		total: sql`''`,
		audience: sql`u.audience`,
		kind: sql`coalesce(o.kind, '')`,
		area: sql`coalesce(u.area, o.area, '')`,
		course: sql`ev.course_id::text`
	};
	const pair = sql`ev.user_id::text || ':' || ev.course_id::text`;
	const counts = (w: SQL, s: string) => sql`
		count(*) filter (where ev.kind = 'enrolment' and ${w})::int as ${sql.raw(`enrolments_${s}`)},
		count(*) filter (where ev.kind = 'completion' and ${w})::int as ${sql.raw(`completions_${s}`)},
		count(*) filter (where ev.kind = 'certificate' and ${w})::int as ${sql.raw(`certificates_${s}`)},
		count(distinct ${pair}) filter (where ev.kind = 'attempt' and ${w})::int as ${sql.raw(`attempted_${s}`)},
		count(distinct ${pair}) filter (where ev.kind = 'attempt' and ev.passed and ${w})::int as ${sql.raw(`passed_${s}`)},
		count(distinct ev.user_id) filter (where ${w})::int as ${sql.raw(`learners_${s}`)}`;
	const out = {} as Expected;
	for (const by of ['total', ...breakdowns] as const) {
		const result = await db.execute(sql`
			with ev as (
				select 'enrolment' as kind, user_id, course_id, enrolled_at as at, null::boolean as passed
					from enrolments
				union all
				select 'completion', user_id, course_id, completed_at, null
					from enrolments where completed_at is not null
				union all
				select 'certificate', user_id, course_id, issued_at, null
					from certificates where revoked_at is null and kind = 'completion'
				union all
				select 'attempt', user_id, course_id, submitted_at, passed
					from quiz_attempts where state = 'submitted' and submitted_at is not null
			)
			select ${keys[by]} as key, ${counts(sql`ev.at >= ${start}`, 'cur')}, ${counts(sql`ev.at < ${start}`, 'prev')}
			from ev
			join users u on u.id = ev.user_id
			left join organisations o on o.id = u.organisation_id
			join courses c on c.id = ev.course_id
			where ev.at >= ${prevStart} and ev.at < ${end} and ${filter}
			group by 1`);
		const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as Record<
			string,
			unknown
		>[];
		const figures = (row: Record<string, unknown>, s: string) =>
			Object.fromEntries(
				['enrolments', 'completions', 'certificates', 'attempted', 'passed', 'learners'].map(
					(f) => [f, Number(row[`${f}_${s}`])]
				)
			) as unknown as Figures;
		out[by] = new Map(
			rows.map((row) => [
				String(row.key),
				{ current: figures(row, 'cur'), previous: figures(row, 'prev') }
			])
		);
	}
	return out;
}

describe.each(testEngines)('six-monthly report against its definition on %s', (engine) => {
	let handle: DatabaseHandle;
	let db: Database;
	let root: string;
	const scopes: ReportScope[] = [{ type: 'all' }];

	beforeAll(async () => {
		handle = await createTestDatabase(engine);
		db = handle.db;
		root = mkdtempSync(join(tmpdir(), 'sachhon-report-ref-'));
		cpSync(fixture, join(root, 'khoa-mot'), { recursive: true });
		cpSync(fixture, join(root, 'khoa-hai'), { recursive: true });
		await syncCourses(db, root, 'test');
		const courseRows = await db.select({ id: courses.id }).from(courses);
		expect(courseRows).toHaveLength(2);
		const plan = await Promise.all(
			courseRows.map(async ({ id }) => {
				const [version] = await db
					.select({ id: courseVersions.id })
					.from(courseVersions)
					.where(eq(courseVersions.courseId, id));
				const [quiz] = await db
					.select({ id: quizzes.id })
					.from(quizzes)
					.where(eq(quizzes.courseId, id));
				return { courseId: id, versionId: version.id, quizId: quiz.id };
			})
		);

		const [factory, school] = await db
			.insert(organisations)
			.values([
				{ name: 'Công ty Dừa', kind: 'enterprise', area: 'Châu Thành' },
				{ name: 'Trường Cao đẳng', kind: 'school', area: null }
			])
			.returning();
		const [workshop] = await db
			.insert(organisations)
			.values({ name: 'Phân xưởng', kind: 'enterprise', area: 'Ba Tri', parentId: factory.id })
			.returning();
		scopes.push(
			{ type: 'area', area: 'Châu Thành' },
			{ type: 'area', area: 'Ba Tri' },
			{ type: 'kind', kind: 'enterprise' },
			{ type: 'organisation', organisationId: factory.id },
			{ type: 'organisations', organisationIds: [workshop.id, school.id] },
			{ type: 'organisations', organisationIds: [] }
		);

		const rand = random(20260101);
		const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)];
		// 1 April 2025 to 1 February 2027: mostly inside the two reports' three half-years, some not.
		const from = Date.parse('2025-04-01T00:00:00Z');
		const span = Date.parse('2027-02-01T00:00:00Z') - from;
		const when = () => new Date(from + Math.floor(rand() * span));
		const later = (d: Date) => new Date(d.getTime() + Math.floor(rand() * 90 * 86_400_000));

		let register = 0;
		for (let i = 0; i < 60; i++) {
			const org = pick([factory, workshop, school, null]);
			const [user] = await db
				.insert(users)
				.values({
					username: `hoc-vien-${i}`,
					passwordHash: 'x',
					fullName: `Học Viên ${i}`,
					audience: pick(audienceGroups),
					organisationId: org?.id ?? null,
					area: rand() < 0.3 ? pick(['Châu Thành', 'Ba Tri', 'Mỏ Cày Nam']) : null
				})
				.returning();
			for (const { courseId, versionId, quizId } of plan) {
				if (rand() < 0.25) continue;
				const enrolledAt = when();
				const completedAt = rand() < 0.6 ? later(enrolledAt) : null;
				await db
					.insert(enrolments)
					.values({ userId: user.id, courseId, source: 'self', enrolledAt, completedAt });
				const attempts = Math.floor(rand() * 4);
				for (let number = 1; number <= attempts; number++) {
					const open = number === attempts && rand() < 0.2;
					await db.insert(quizAttempts).values({
						quizId,
						userId: user.id,
						courseId,
						courseVersionId: versionId,
						number,
						state: open ? 'in_progress' : 'submitted',
						submittedAt: open ? null : later(enrolledAt),
						snapshot: {},
						maxScore: 10,
						passed: open ? null : pick([true, false, false, null])
					});
				}
				const issued = completedAt ? 1 + Math.floor(rand() * 2) : 0;
				for (let c = 0; c < issued; c++) {
					register++;
					const issuedAt = later(completedAt!);
					await db.insert(certificates).values({
						code: `ref-${register}-${engine}`,
						number: `SH-REF-${register}`,
						registerNumber: register,
						userId: user.id,
						courseId,
						courseVersionId: versionId,
						fullName: user.fullName,
						courseTitle: { vi: 'Khóa' },
						courseVersion: 1,
						hours: 1.5,
						completedAt: completedAt!,
						issuedAt,
						revokedAt: rand() < 0.25 ? later(issuedAt) : null,
						credential: {},
						signature: 'x',
						keyId: 'k'
					});
				}
			}
		}
	});
	afterAll(async () => {
		await handle?.close();
		rmSync(root, { recursive: true, force: true });
	});

	async function expectSame(period: HalfYear, scope: ReportScope) {
		const [report, expected] = await Promise.all([
			sixMonthlyReport(db, period, scope),
			reference(db, period, scope)
		]);
		const label = `${period.year}-H${period.half} ${JSON.stringify(scope)}`;
		const empty = (figures: Figures) => Object.values(figures).every((n) => n === 0);
		const totals = expected.total.get('');
		if (totals) expect({ ...report.total, label }).toMatchObject({ ...totals, label });
		else expect(empty(report.total.current) && empty(report.total.previous), label).toBe(true);
		for (const by of breakdowns) {
			const got = new Map(
				report.groups[by].map((r) => [r.key, { current: r.current, previous: r.previous }])
			);
			expect({ by, label, groups: got }).toEqual({ by, label, groups: expected[by] });
		}
	}

	it('gives every figure of every breakdown as the plain definition does, in every scope', async () => {
		// The data must exercise what distinct counting is about.
		const all = await sixMonthlyReport(db, H1, { type: 'all' });
		const perCourse = all.groups.course.reduce((n, r) => n + r.current.learners, 0);
		expect(perCourse).toBeGreaterThan(all.total.current.learners);
		expect(all.total.current.attempted).toBeGreaterThan(all.total.current.passed);
		for (const period of [H1, H2]) for (const scope of scopes) await expectSame(period, scope);
	});

	it("gives a half-year's figures as the previous half-year of the next report", async () => {
		const [h1, h2] = await Promise.all([
			sixMonthlyReport(db, H1, { type: 'all' }),
			sixMonthlyReport(db, H2, { type: 'all' })
		]);
		expect(h2.total.previous).toEqual(h1.total.current);
		const none = { ...h1.total.current };
		for (const f of Object.keys(none) as (keyof Figures)[]) none[f] = 0;
		for (const by of breakdowns)
			for (const row of h1.groups[by]) {
				// A group with nothing in H1 itself (only in H2 2025) is absent from H2's report.
				const next = h2.groups[by].find((r) => r.key === row.key);
				expect(next?.previous ?? none).toEqual(row.current);
			}
		const stats = await publicStatistics(db, H2);
		expect(stats.totals[3].enrolments).toBe(h2.total.current.enrolments);
		expect(stats.totals[2].enrolments).toBe(h1.total.current.enrolments);
	});

	it('gives reports asked for at the same time the same figures, each its own copy', async () => {
		const reports = await Promise.all(
			Array.from({ length: 5 }, () => sixMonthlyReport(db, H1, { type: 'all' }))
		);
		for (const report of reports.slice(1)) {
			expect(report).toEqual(reports[0]);
			expect(report.total).not.toBe(reports[0].total);
		}
		await expectSame(H1, { type: 'all' });
	});

	it('reflects a revocation at once, also in a past half-year', async () => {
		const { start, end } = periodRange(H1);
		const [{ id }] = await db
			.select({ id: certificates.id })
			.from(certificates)
			.where(
				and(
					isNull(certificates.revokedAt),
					gte(certificates.issuedAt, start),
					lt(certificates.issuedAt, end)
				)
			)
			.limit(1);
		const before = await sixMonthlyReport(db, H1, { type: 'all' });
		await db.update(certificates).set({ revokedAt: new Date() }).where(eq(certificates.id, id));
		const after = await sixMonthlyReport(db, H1, { type: 'all' });
		expect(after.total.current.certificates).toBe(before.total.current.certificates - 1);
		await expectSame(H1, { type: 'all' });
	});
});
