// The report's in-person figures against their definition written out in plain code over the
// seeded rows: workshops held (a session starting in the half-year, Vietnam time), participants
// (distinct people present), attendances (person × session), by audience, kind, area and course;
// people trained online or in a room counted once; tests, survey and certificates of attendance.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	audienceGroups,
	certificates,
	courses,
	enrolments,
	organisations,
	surveyResponses,
	surveyTemplates,
	users,
	workshopAttendance,
	workshops,
	workshopSessions,
	workshopTestScores
} from '$db/schema';
import { syncCourses } from '../courses/sync';
import { createTestDatabase, testEngines } from '../db/test-helpers';
import type { Database, DatabaseHandle } from '../db';
import { periodRange, previousPeriod, type HalfYear } from './period';
import { overwriteGetLocale } from '$lib/paraglide/runtime';
import { publicStatistics } from './public';
import { reportSheets } from './sheets';
import { breakdowns, sixMonthlyReport, type ReportScope } from './report';
import type { WorkshopFigures } from './workshops';

const fixture = fileURLToPath(new URL('../courses/fixtures/good/mini-course', import.meta.url));
const H1: HalfYear = { year: 2026, half: 1 };
const H2: HalfYear = { year: 2026, half: 2 };
/** The platform's survey (migration 0011): five rating questions and two comments. */
const DEFAULT_SURVEY = '7b0c6a52-3f1e-4c8e-9a51-2d4f6b8e1c01';

function random(seed: number) {
	return () => {
		seed = (seed + 0x6d2b79f5) | 0;
		let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

describe.each(testEngines)('in-person training in the report on %s', (engine) => {
	let handle: DatabaseHandle;
	let db: Database;
	let root: string;
	let courseId: string;
	const scopes: ReportScope[] = [{ type: 'all' }];
	const named: Record<string, string> = {};

	beforeAll(async () => {
		handle = await createTestDatabase(engine);
		db = handle.db;
		root = mkdtempSync(join(tmpdir(), 'sachhon-report-ws-'));
		cpSync(fixture, join(root, 'khoa-mot'), { recursive: true });
		await syncCourses(db, root, 'test');
		[{ id: courseId }] = await db.select({ id: courses.id }).from(courses);

		const [centre, factory] = await db
			.insert(organisations)
			.values([
				{ name: 'Trung tâm Khuyến công', kind: 'agency', area: 'Châu Thành' },
				{ name: 'Công ty Dừa', kind: 'enterprise', area: null }
			])
			.returning();
		const [branch] = await db
			.insert(organisations)
			.values({ name: 'Chi nhánh', kind: 'agency', area: 'Ba Tri', parentId: centre.id })
			.returning();
		scopes.push(
			{ type: 'area', area: 'Châu Thành' },
			{ type: 'area', area: 'Ba Tri' },
			{ type: 'kind', kind: 'enterprise' },
			{ type: 'organisation', organisationId: centre.id },
			{ type: 'organisations', organisationIds: [factory.id, branch.id] },
			{ type: 'organisations', organisationIds: [] }
		);

		const rand = random(20261203);
		const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)];
		const people = await db
			.insert(users)
			.values(
				Array.from({ length: 40 }, (_, i) => ({
					username: `nguoi-${i}`,
					passwordHash: 'x',
					fullName: `Người ${i}`,
					audience: pick(audienceGroups),
					organisationId: pick([centre.id, factory.id, branch.id, null])
				}))
			)
			.returning();

		// Twelve workshops at random, sessions from November 2025 to November 2026.
		const from = Date.parse('2025-11-01T00:00:00Z');
		const span = Date.parse('2026-11-30T00:00:00Z') - from;
		for (let i = 0; i < 12; i++) {
			const organisation = pick([centre, factory, branch]);
			const [w] = await db
				.insert(workshops)
				.values({
					title: `Tập huấn ${i}`,
					organisationId: organisation.id,
					area: rand() < 0.3 ? pick(['Mỏ Cày Nam', 'Ba Tri']) : null,
					courseId: rand() < 0.5 ? courseId : null,
					status: pick(['open', 'open', 'closed', 'draft'] as const),
					surveyTemplateId: DEFAULT_SURVEY
				})
				.returning();
			const sessions = await db
				.insert(workshopSessions)
				.values(
					Array.from({ length: 1 + Math.floor(rand() * 3) }, () => {
						const startsAt = new Date(from + Math.floor(rand() * span));
						return { workshopId: w.id, startsAt, endsAt: new Date(startsAt.getTime() + 3 * 3.6e6) };
					})
				)
				.returning();
			for (const s of sessions)
				for (const p of people)
					if (rand() < 0.3)
						await db.insert(workshopAttendance).values({
							sessionId: s.id,
							userId: p.id,
							method: 'tap',
							recordedAt: s.startsAt
						});
			for (const p of people) {
				if (rand() < 0.4) continue;
				for (const phase of ['pre', 'post'] as const)
					if (rand() < 0.7)
						await db.insert(workshopTestScores).values({
							workshopId: w.id,
							userId: p.id,
							phase,
							percent: Math.round(rand() * 100),
							source: 'paper'
						});
				if (rand() < 0.5)
					await db.insert(surveyResponses).values({
						workshopId: w.id,
						templateId: DEFAULT_SURVEY,
						userId: p.id,
						// One answer off the scale and a comment: neither is a rating.
						answers: {
							useful: 1 + Math.floor(rand() * 5),
							trainer: 1 + Math.floor(rand() * 5),
							examples: rand() < 0.1 ? 9 : 1 + Math.floor(rand() * 5),
							best: 'Ví dụ thực tế'
						}
					});
			}
		}

		// A workshop of the centre in the course on 2 September, with a certificate of attendance.
		const [september] = await db
			.insert(workshops)
			.values({ title: 'Tháng Chín', organisationId: centre.id, courseId, status: 'closed' })
			.returning();
		const [sept] = await db
			.insert(workshopSessions)
			.values({
				workshopId: september.id,
				startsAt: new Date('2026-09-02T01:00:00Z'),
				endsAt: new Date('2026-09-02T04:00:00Z')
			})
			.returning();
		named.sept = sept.id;
		named.factory = factory.id;
		await db.insert(certificates).values({
			kind: 'attendance',
			workshopId: september.id,
			code: `att-${engine}`,
			number: 'SH-ATT-1',
			registerNumber: 1,
			userId: people[0].id,
			fullName: 'Người 0',
			courseTitle: { vi: 'Tháng Chín' },
			courseVersion: 1,
			hours: 3,
			completedAt: new Date('2026-09-02T04:00:00Z'),
			issuedAt: new Date('2026-09-03T04:00:00Z'),
			credential: {},
			signature: 'x',
			keyId: 'k'
		});
	});
	afterAll(async () => {
		await handle?.close();
		rmSync(root, { recursive: true, force: true });
	});

	/** Every row the definition needs, read plainly; the arithmetic below is done in code. */
	async function seeded() {
		const [orgs, people, ws, sessions, attendance, scores, responses, templates] =
			await Promise.all([
				db.select().from(organisations),
				db.select().from(users),
				db.select().from(workshops),
				db.select().from(workshopSessions),
				db.select().from(workshopAttendance),
				db.select().from(workshopTestScores),
				db.select().from(surveyResponses),
				db.select().from(surveyTemplates)
			]);
		return { orgs, people, ws, sessions, attendance, scores, responses, templates };
	}

	async function expected(period: HalfYear, scope: ReportScope) {
		const data = await seeded();
		const org = new Map(data.orgs.map((o) => [o.id, o]));
		const tree = (ids: string[]) => {
			const out = new Set(ids);
			for (let grew = true; grew;) {
				grew = false;
				for (const o of data.orgs)
					if (o.parentId && out.has(o.parentId) && !out.has(o.id)) grew = out.add(o.id) !== null;
			}
			return out;
		};
		const areaOf = (w: (typeof data.ws)[number]) => w.area ?? org.get(w.organisationId)!.area;
		const inScope = (w: (typeof data.ws)[number]) => {
			const o = org.get(w.organisationId)!;
			if (scope.type === 'all') return true;
			if (scope.type === 'area') return areaOf(w) === scope.area;
			if (scope.type === 'kind') return o.kind === scope.kind;
			const ids = scope.type === 'organisation' ? [scope.organisationId] : scope.organisationIds;
			return tree(ids).has(w.organisationId);
		};
		const now = Date.now();
		const halves = { cur: periodRange(period), prev: periodRange(previousPeriod(period)) };
		const workshop = new Map(data.ws.map((w) => [w.id, w]));
		const person = new Map(data.people.map((p) => [p.id, p]));
		type Held = { session: string; w: (typeof data.ws)[number] };
		const held = (half: 'cur' | 'prev'): Held[] =>
			data.sessions
				.filter((s) => {
					const w = workshop.get(s.workshopId)!;
					const t = s.startsAt.getTime();
					const { start, end } = halves[half];
					return (
						t >= start.getTime() &&
						t < end.getTime() &&
						t <= now &&
						(w.status === 'open' || w.status === 'closed') &&
						inScope(w)
					);
				})
				.map((s) => ({ session: s.id, w: workshop.get(s.workshopId)! }));
		const keyOf = {
			total: () => '',
			audience: () => null,
			kind: (w: Held['w']) => org.get(w.organisationId)!.kind ?? '',
			area: (w: Held['w']) => areaOf(w) ?? '',
			course: (w: Held['w']) => w.courseId ?? ''
		};
		const figures = (half: 'cur' | 'prev') => {
			const groups = new Map<string, { w: Set<string>; p: Set<string>; a: number }>();
			const add = (group: string, w: string, p?: string) => {
				const g = groups.get(group) ?? { w: new Set(), p: new Set(), a: 0 };
				g.w.add(w);
				if (p) {
					g.p.add(p);
					g.a++;
				}
				groups.set(group, g);
			};
			for (const h of held(half)) {
				for (const by of ['total', 'kind', 'area', 'course'] as const)
					add(`${by}:${keyOf[by](h.w)}`, h.w.id);
				for (const a of data.attendance.filter((a) => a.sessionId === h.session)) {
					for (const by of ['total', 'kind', 'area', 'course'] as const)
						add(`${by}:${keyOf[by](h.w)}`, h.w.id, a.userId);
					add(`audience:${person.get(a.userId)!.audience}`, h.w.id, a.userId);
				}
			}
			return new Map(
				[...groups].map(([k, g]) => [
					k,
					{ workshops: g.w.size, participants: g.p.size, attendances: g.a } as WorkshopFigures
				])
			);
		};
		const cur = figures('cur');
		const prev = figures('prev');
		const none: WorkshopFigures = { workshops: 0, participants: 0, attendances: 0 };
		const groups: Record<
			string,
			Map<string, { current: WorkshopFigures; previous: WorkshopFigures }>
		> = {};
		for (const k of new Set([...cur.keys(), ...prev.keys()])) {
			const [by, key] = [k.slice(0, k.indexOf(':')), k.slice(k.indexOf(':') + 1)];
			groups[by] ??= new Map();
			groups[by].set(key, { current: cur.get(k) ?? none, previous: prev.get(k) ?? none });
		}

		// Tests and survey over the workshops held in the half-year.
		const heldNow = new Set(held('cur').map((h) => h.w.id));
		const pairs = new Map<string, { pre?: number; post?: number }>();
		for (const s of data.scores.filter((s) => heldNow.has(s.workshopId))) {
			const k = `${s.userId}:${s.workshopId}`;
			pairs.set(k, { ...pairs.get(k), [s.phase]: s.percent });
		}
		const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);
		const both = [...pairs.values()].filter((p) => p.pre !== undefined && p.post !== undefined);
		const rating = new Map(
			data.templates.map((t) => [t.id, t.questions.filter((q) => q.kind === 'rating')])
		);
		const answered = data.responses.filter((r) => heldNow.has(r.workshopId));
		const ratings = answered.flatMap((r) =>
			rating
				.get(r.templateId)!
				.map((q) => r.answers[q.id])
				.filter(
					(v): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 5
				)
		);
		return { groups, pairs, both, mean, answered, ratings };
	}

	async function expectSame(period: HalfYear, scope: ReportScope) {
		const [report, want] = await Promise.all([
			sixMonthlyReport(db, period, scope),
			expected(period, scope)
		]);
		const label = `${period.year}-H${period.half} ${JSON.stringify(scope)}`;
		const total = want.groups.total?.get('') ?? {
			current: { workshops: 0, participants: 0, attendances: 0 },
			previous: { workshops: 0, participants: 0, attendances: 0 }
		};
		expect({ label, current: report.inPerson.total.current }).toEqual({
			label,
			current: total.current
		});
		expect({ label, previous: report.inPerson.total.previous }).toEqual({
			label,
			previous: total.previous
		});
		for (const by of breakdowns) {
			const got = new Map(
				report.inPerson.groups[by].map((r) => [r.key, { current: r.current, previous: r.previous }])
			);
			expect({ label, by, got }).toEqual({ label, by, got: want.groups[by] ?? new Map() });
		}
		const round = (n: number | null, digits: number) =>
			n === null ? null : Math.round(n * 10 ** digits) / 10 ** digits;
		const o = report.inPerson.outcomes;
		const pre = [...want.pairs.values()].flatMap((p) => (p.pre === undefined ? [] : [p.pre]));
		const post = [...want.pairs.values()].flatMap((p) => (p.post === undefined ? [] : [p.post]));
		expect({ label, o }).toEqual({
			label,
			o: {
				preAverage: round(want.mean(pre), 1),
				postAverage: round(want.mean(post), 1),
				paired: want.both.length,
				gain: round(want.mean(want.both.map((p) => p.post! - p.pre!)), 1),
				responses: want.answered.length,
				satisfaction: round(want.mean(want.ratings), 2)
			}
		});
		return report;
	}

	it('counts every figure of every breakdown as its definition does, in every scope', async () => {
		for (const period of [H1, H2]) for (const scope of scopes) await expectSame(period, scope);
		// The seeded data exercises distinct counting: people at several workshops and sessions.
		const h2 = await sixMonthlyReport(db, H2, { type: 'all' });
		const perWorkshop = h2.inPerson.groups.course.reduce((n, r) => n + r.current.participants, 0);
		expect(h2.inPerson.total.current.attendances).toBeGreaterThan(
			h2.inPerson.total.current.participants
		);
		expect(perWorkshop).toBeGreaterThanOrEqual(h2.inPerson.total.current.participants);
		expect(h2.inPerson.outcomes.paired).toBeGreaterThan(0);
		expect(h2.inPerson.outcomes.satisfaction).not.toBeNull();
	});

	/** Someone new, outside the seeded rows, so a figure's change is theirs alone. */
	async function newcomer(name: string) {
		const [p] = await db
			.insert(users)
			.values({ username: name, passwordHash: 'x', fullName: name, audience: 'operational' })
			.returning();
		return p.id;
	}
	const present = (sessionId: string, userId: string) =>
		db
			.insert(workshopAttendance)
			.values({ sessionId, userId, method: 'qr', recordedAt: new Date() });
	const both = () =>
		Promise.all([
			sixMonthlyReport(db, H1, { type: 'all' }),
			sixMonthlyReport(db, H2, { type: 'all' })
		]);

	it('puts a session in its half-year by its start in Vietnam time, and a person in it once', async () => {
		const [h1, h2] = await both();
		// A factory's workshop with no course: 23:00 on 30 June (H1) and 01:00 on 1 July (H2), Vietnam.
		const [w] = await db
			.insert(workshops)
			.values({ title: 'Qua nửa năm', organisationId: named.factory, status: 'open' })
			.returning();
		const [lateJune, earlyJuly] = await db
			.insert(workshopSessions)
			.values([
				{
					workshopId: w.id,
					startsAt: new Date('2026-06-30T16:00:00Z'),
					endsAt: new Date('2026-06-30T16:30:00Z')
				},
				{
					workshopId: w.id,
					startsAt: new Date('2026-06-30T18:00:00Z'),
					endsAt: new Date('2026-06-30T20:00:00Z')
				}
			])
			.returning();
		// A draft is not held, nor a cancelled workshop, whoever was marked at them.
		const [draft, cancelled] = await db
			.insert(workshops)
			.values([
				{ title: 'Nháp', organisationId: named.factory, status: 'draft' },
				{ title: 'Đã hủy', organisationId: named.factory, status: 'cancelled' }
			])
			.returning();
		const [drafted, called] = await db
			.insert(workshopSessions)
			.values(
				[draft, cancelled].map((w) => ({
					workshopId: w.id,
					startsAt: earlyJuly.startsAt,
					endsAt: earlyJuly.endsAt
				}))
			)
			.returning();
		// Present at both sessions of one workshop and at another (in the course): one participant.
		const x = await newcomer('hai-noi');
		for (const s of [lateJune.id, earlyJuly.id, named.sept, drafted.id, called.id])
			await present(s, x);
		const [a1, a2] = await both();
		const change = (after: typeof h1, before: typeof h1) => ({
			workshops: after.inPerson.total.current.workshops - before.inPerson.total.current.workshops,
			participants:
				after.inPerson.total.current.participants - before.inPerson.total.current.participants,
			attendances:
				after.inPerson.total.current.attendances - before.inPerson.total.current.attendances
		});
		expect(change(a1, h1)).toEqual({ workshops: 1, participants: 1, attendances: 1 });
		expect(change(a2, h2)).toEqual({ workshops: 1, participants: 1, attendances: 2 });
		const group = (r: typeof h1, by: 'audience' | 'course', key: string) =>
			r.inPerson.groups[by].find((g) => g.key === key)?.current ?? {
				workshops: 0,
				participants: 0,
				attendances: 0
			};
		expect(group(a2, 'audience', 'operational').participants).toBe(
			group(h2, 'audience', 'operational').participants + 1
		);
		expect(group(a2, 'course', '').workshops).toBe(group(h2, 'course', '').workshops + 1);
		expect(group(a2, 'course', '').participants).toBe(group(h2, 'course', '').participants + 1);
		expect(group(a2, 'course', courseId).attendances).toBe(
			group(h2, 'course', courseId).attendances + 1
		);
		expect(a2.inPerson.groups.course.find((g) => g.key === courseId)?.title?.vi).toBeTruthy();
		await expectSame(H1, { type: 'all' });
		await expectSame(H2, { type: 'all' });
	});

	it('counts a person trained online and in a room once among the people trained', async () => {
		const [, before] = await both();
		const y = await newcomer('ca-hai');
		const z = await newcomer('chi-truc-tuyen');
		for (const userId of [y, z])
			await db.insert(enrolments).values({
				userId,
				courseId,
				source: 'self',
				enrolledAt: new Date('2026-10-01T03:00:00Z')
			});
		await present(named.sept, y);
		const [, after] = await both();
		expect(after.total.current.learners).toBe(before.total.current.learners + 2);
		expect(after.inPerson.total.current.participants).toBe(
			before.inPerson.total.current.participants + 1
		);
		expect(after.inPerson.trained.current).toBe(before.inPerson.trained.current + 2);
		// Every one of them is someone the report counts on one side or the other.
		const { trained, total } = after.inPerson;
		expect(trained.current).toBeGreaterThanOrEqual(
			Math.max(after.total.current.learners, total.current.participants)
		);
		expect(trained.current).toBeLessThan(after.total.current.learners + total.current.participants);
		// The certificate of attendance is the workshops', not the online courses'.
		expect(after.inPerson.attendanceCertificates).toBe(1);
		expect(after.total.current.certificates).toBe(0);
	});

	it('publishes workshop figures with the same small-group rule', async () => {
		const report = await sixMonthlyReport(db, H2, { type: 'all' });
		const stats = await publicStatistics(db, H2);
		expect(stats.workshops.total.workshops).toBe(report.inPerson.total.current.workshops);
		expect(stats.workshops.total.participants).toBe(report.inPerson.total.current.participants);
		for (const row of stats.workshops.areas) {
			const source = report.inPerson.groups.area.find((g) => g.key === row.key)!;
			expect(row.suppressed).toBe(source.current.participants < 5);
			expect(row.participants).toBe(row.suppressed ? null : source.current.participants);
		}
		expect(stats.workshops.audiences.some((r) => r.suppressed)).toBe(
			report.inPerson.groups.audience.some((g) => g.current.participants < 5)
		);
	});

	it('writes the in-person figures into the workbook', async () => {
		overwriteGetLocale(() => 'vi');
		const report = await sixMonthlyReport(db, H2, { type: 'all' });
		const sheets = reportSheets(report, 'Toàn tỉnh');
		const groups = sheets.find((s) => s.name === 'Tập huấn trực tiếp')!;
		const { current, previous } = report.inPerson.total;
		expect(groups.rows[0].slice(1)).toEqual([
			current.workshops,
			previous.workshops,
			current.participants,
			previous.participants,
			current.attendances,
			previous.attendances
		]);
		expect(groups.rows.map((r) => r[0])).toContain('Theo khóa học: Không thuộc khóa học nào');
		const summary = sheets.find((s) => s.name === 'Tổng hợp tập huấn')!;
		expect(summary.rows.find((r) => r[0] === 'Tổng số người được tập huấn')).toEqual([
			'Tổng số người được tập huấn',
			report.inPerson.trained.current,
			report.inPerson.trained.previous
		]);
	});
});
