import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cohortMembers, courses, enrolments, lessons, users, type Course } from '$db/schema';
import { syncCourses } from '../courses/sync';
import { createTestDatabase, testEngines } from '../db/test-helpers';
import type { Database, DatabaseHandle } from '../db';
import { getCourseBySlug } from '../enrolment';
import { recordActivity } from '../progress';
import { grantRole } from '../auth/roles';
import { staffScope } from '../auth/staff';
import { createOrganisation } from '../organisations';
import { makeUser } from '$testing/factories';
import { assignCourse } from './assign';
import { createCohort, getCohort, listCohorts } from './cohorts';
import { parseCsv } from '../intake/csv';
import { importRoster } from './import';
import { managerDashboard } from './dashboard';
import { cohortMatrix } from './matrix';
import { addMembers } from './members';

const fixture = fileURLToPath(new URL('../courses/fixtures/good/mini-course', import.meta.url));
const CSV =
	'\uFEFFHọ và tên,Tên đăng nhập hoặc email,Ngày sinh,Nhóm đối tượng,Mật khẩu\r\n' +
	'Lê Thị Mai,hs10a1-01,05/09/2010,Học sinh,\r\n' +
	'"Trần Văn Nam",nam.tran@example.vn,2010-01-02,student,dua-xiem-cho-lach-9\r\n';

/** Counts the statements a piece of code sends, by wrapping execute and the query builders. */
function counting(db: Database) {
	let count = 0;
	const wrapped = new Proxy(db, {
		get(target, prop, receiver) {
			const value = Reflect.get(target, prop, receiver);
			if (
				typeof value === 'function' &&
				['execute', 'select', 'insert', 'update', 'delete'].includes(String(prop))
			)
				return (...args: unknown[]) => {
					count++;
					return value.apply(target, args);
				};
			return value;
		}
	});
	return { db: wrapped, count: () => count };
}

describe.each(testEngines)('cohorts on %s', (engine) => {
	let handle: DatabaseHandle;
	let db: Database;
	let root: string;
	let course: Course;
	let orgA: string, orgB: string;
	let admin: { id: string; isAdmin: boolean };

	beforeAll(async () => {
		handle = await createTestDatabase(engine);
		db = handle.db;
		root = mkdtempSync(join(tmpdir(), 'sachhon-cohort-'));
		// Ten courses, for the 500 × 10 matrix; the other tests use the first.
		for (const slug of ['khoa-lop', ...Array.from({ length: 9 }, (_, i) => `khoa-lop-${i + 2}`)]) {
			cpSync(fixture, join(root, slug), { recursive: true });
			rmSync(join(root, slug, 'final.quiz.yaml'));
		}
		await syncCourses(db, root, 'test');
		course = (await getCourseBySlug(db, 'khoa-lop'))!;
		orgA = (await createOrganisation(db, { name: 'Trường A', kind: 'school', area: null })).id;
		orgB = (await createOrganisation(db, { name: 'Trường B', kind: 'school', area: null })).id;
		admin = await makeUser(db, { isAdmin: true });
	});
	afterAll(async () => {
		await handle?.close();
		rmSync(root, { recursive: true, force: true });
	});

	async function manager(organisationId: string) {
		const user = await makeUser(db, { audience: 'manager' });
		await grantRole(db, null, user.id, 'manager', organisationId);
		return { user, scope: await staffScope(db, user) };
	}

	async function newCohort(organisationId = orgA) {
		const scope = await staffScope(db, admin);
		return (await createCohort(db, scope, admin.id, { organisationId, name: '10A1', year: 2026 }))!;
	}

	it('shows a manager only their own organisation’s cohorts (another’s is not found)', async () => {
		const a = await newCohort(orgA);
		const b = await newCohort(orgB);
		const { scope, user } = await manager(orgA);
		expect((await getCohort(db, scope, a.id))?.id).toBe(a.id);
		expect(await getCohort(db, scope, b.id)).toBeUndefined();
		expect((await listCohorts(db, scope)).map((c) => c.organisationId)).not.toContain(orgB);
		expect(
			await createCohort(db, scope, user.id, { organisationId: orgB, name: 'x', year: 2026 })
		).toBeUndefined();
		const learner = await makeUser(db);
		expect(await getCohort(db, await staffScope(db, learner), a.id)).toBeUndefined();
	});

	it('imports a class with a BOM: accounts with one-time passwords, members, must change password', async () => {
		const cohort = await newCohort();
		const result = await importRoster(db, admin.id, cohort, parseCsv(CSV));
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		expect(result.credentials.map((c) => [c.identifier, c.generated])).toEqual([
			['hs10a1-01', true],
			['nam.tran@example.vn', false]
		]);
		expect(result.credentials[0].password).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);
		const [mai] = await db.select().from(users).where(eq(users.username, 'hs10a1-01'));
		expect(mai).toMatchObject({
			fullName: 'Lê Thị Mai',
			dateOfBirth: '2010-09-05',
			audience: 'student',
			organisationId: orgA,
			mustChangePassword: true
		});
		const members = await db
			.select()
			.from(cohortMembers)
			.where(eq(cohortMembers.cohortId, cohort.id));
		expect(members).toHaveLength(2);
	});

	it('imports all or nothing: one bad row or a taken username keeps every row out', async () => {
		const cohort = await newCohort();
		const bad = parseCsv(
			'Họ và tên,Tên đăng nhập,Ngày sinh,Nhóm\nNgô Thị Lan,hs-lan,01/01/2010,hoc sinh\nVõ Văn Tư,hs-tu,31/02/2010,hoc sinh\n'
		);
		expect(await importRoster(db, admin.id, cohort, bad)).toEqual({
			ok: false,
			problems: [{ row: 3, column: 'dateOfBirth', code: 'invalid_date' }]
		});
		// Taken here, in other letters' case: no other test's import is relied on.
		const existing = await makeUser(db);
		const taken = parseCsv(
			`Họ và tên,Tên đăng nhập,Ngày sinh,Nhóm\nNgô Thị Lan,hs-lan,01/01/2010,hoc sinh\nLê Thị Mai,${existing.username!.toUpperCase()},01/01/2010,hoc sinh\n`
		);
		expect(await importRoster(db, admin.id, cohort, taken)).toEqual({
			ok: false,
			problems: [{ row: 3, column: 'identifier', code: 'taken' }]
		});
		expect(await db.select().from(users).where(eq(users.username, 'hs-lan'))).toHaveLength(0);
		expect(
			await db.select().from(cohortMembers).where(eq(cohortMembers.cohortId, cohort.id))
		).toHaveLength(0);
	});

	it('enrols current members on assignment, and later members when they join', async () => {
		const cohort = await newCohort();
		const early = await makeUser(db);
		await addMembers(db, admin.id, cohort.id, [early.id]);
		await assignCourse(db, admin.id, cohort.id, course.id, '2026-12-01');
		const late = await makeUser(db);
		await addMembers(db, admin.id, cohort.id, [late.id]);
		for (const user of [early, late]) {
			const [row] = await db
				.select()
				.from(enrolments)
				.where(and(eq(enrolments.userId, user.id), eq(enrolments.courseId, course.id)));
			expect(row).toMatchObject({ status: 'active', source: 'cohort' });
		}
	});

	it('builds the matrix in a constant number of queries, overdue at the Ho Chi Minh day boundary', async () => {
		// An organisation of its own, so its manager's dashboard holds this cohort only (the overdue
		// list is the first 200 of everything a manager sees).
		const org = await createOrganisation(db, { name: 'Trường C', kind: 'school', area: null });
		const cohort = await newCohort(org.id);
		await assignCourse(db, admin.id, cohort.id, course.id, '2026-12-01');
		const learners = await Promise.all([1, 2, 3].map(() => makeUser(db)));
		await addMembers(
			db,
			admin.id,
			cohort.id,
			learners.map((l) => l.id)
		);
		const courseLessons = await db.select().from(lessons).where(eq(lessons.courseId, course.id));
		// The first completes every lesson, the second opens one, the third does nothing.
		for (const lesson of courseLessons)
			await recordActivity(db, {
				userId: learners[0].id,
				courseId: course.id,
				lessonId: lesson.id,
				complete: true
			});
		await recordActivity(db, {
			userId: learners[1].id,
			courseId: course.id,
			lessonId: courseLessons[0].id
		});

		const lastDay = new Date('2026-12-01T16:59:59Z');
		const nextDay = new Date('2026-12-01T17:00:00Z');
		const small = counting(db);
		const before = await cohortMatrix(small.db, cohort.id, lastDay);
		const byUser = (m: typeof before, id: string) => m.rows.find((r) => r.userId === id)!.cells[0];
		expect(byUser(before, learners[0].id)).toMatchObject({ state: 'completed', percent: 100 });
		expect(byUser(before, learners[1].id).state).toBe('in_progress');
		expect(byUser(before, learners[2].id).state).toBe('not_started');
		const after = await cohortMatrix(db, cohort.id, nextDay);
		expect(byUser(after, learners[0].id).state).toBe('completed');
		expect(byUser(after, learners[1].id).state).toBe('overdue');
		expect(byUser(after, learners[2].id).state).toBe('overdue');

		const more = await Promise.all(Array.from({ length: 12 }, () => makeUser(db)));
		await addMembers(
			db,
			admin.id,
			cohort.id,
			more.map((l) => l.id)
		);
		const big = counting(db);
		const matrix = await cohortMatrix(big.db, cohort.id, lastDay);
		expect(matrix.rows).toHaveLength(15);
		expect(big.count()).toBe(small.count());
		expect(small.count()).toBeLessThanOrEqual(5);

		// The manager's dashboard: completion rate and the overdue list, the next day in Vietnam.
		const board = await managerDashboard(db, (await manager(org.id)).scope, nextDay);
		expect(board.cohorts).toMatchObject([
			{ id: cohort.id, members: 15, courses: 1, completed: 1, overdue: 14 }
		]);
		expect(board.overdue).toHaveLength(14);
		expect(board.overdue.every((o) => o.cohortId === cohort.id)).toBe(true);
		const elsewhere = await managerDashboard(db, (await manager(orgB)).scope, nextDay);
		expect(elsewhere.cohorts.map((c) => c.id)).not.toContain(cohort.id);
		expect(elsewhere.overdue.map((o) => o.cohortId)).not.toContain(cohort.id);
	});

	it('builds a matrix of 500 learners × 10 courses right, in as many statements as one of 1 × 1', async () => {
		const cohort = await newCohort();
		const all = await db.select({ id: courses.id }).from(courses);
		expect(all).toHaveLength(10);
		for (const c of all) await assignCourse(db, admin.id, cohort.id, c.id, '2026-12-01');
		const tag = randomBytes(3).toString('hex');
		const learners = await db
			.insert(users)
			.values(
				Array.from({ length: 500 }, (_, i) => ({
					username: `perf-${tag}-${i}`,
					passwordHash: 'not a hash: nobody signs in',
					fullName: `Học viên ${i}`
				}))
			)
			.returning({ id: users.id });
		await addMembers(
			db,
			admin.id,
			cohort.id,
			learners.map((l) => l.id)
		);
		// Everyone has opened every lesson and completed half of them.
		await db.execute(sql`
			insert into lesson_progress (user_id, lesson_id, course_id, completed_at)
			select m.user_id, l.id, l.course_id, case when l.position % 2 = 0 then now() end
			from cohort_members m join cohort_courses cc on cc.cohort_id = m.cohort_id
			join lessons l on l.course_id = cc.course_id
			where m.cohort_id = ${cohort.id}::uuid`);
		// How long it takes is for `npm run bench` (its matrix scenario is this size); here, that
		// its work does not grow with the class: a one-learner, one-course cohort costs the same.
		const day = new Date('2026-11-30T00:00:00Z');
		const single = await newCohort();
		await assignCourse(db, admin.id, single.id, course.id, '2026-12-01');
		await addMembers(db, admin.id, single.id, [(await makeUser(db)).id]);
		const small = counting(db);
		expect((await cohortMatrix(small.db, single.id, day)).rows).toHaveLength(1);
		const big = counting(db);
		const matrix = await cohortMatrix(big.db, cohort.id, day);
		expect(big.count()).toBe(small.count());
		expect(matrix.rows).toHaveLength(500);
		expect(matrix.rows.every((r) => r.cells.length === 10)).toBe(true);
		expect(matrix.rows.every((r) => r.cells.every((c) => c.state === 'in_progress'))).toBe(true);
	});
});
