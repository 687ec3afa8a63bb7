import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	assignments,
	cohortMembers,
	enrolments,
	lessons,
	submissions,
	type AssignmentDefinition,
	type Course
} from '$db/schema';
import { staffScope } from '../auth/staff';
import { syncCourses } from '../courses/sync';
import type { Database, DatabaseHandle } from '../db';
import { createTestDatabase, testEngines } from '../db/test-helpers';
import { getCourseBySlug } from '../enrolment';
import { createOrganisation } from '../organisations';
import { recordActivity, refreshSummaries } from '../progress';
import { makeUser } from '$testing/factories';
import { assignCourse } from './assign';
import { createCohort } from './cohorts';
import { cohortMatrix, learnerWork, matrixSummary } from './matrix';
import { addMembers } from './members';

const fixture = fileURLToPath(new URL('../courses/fixtures/good/mini-course', import.meta.url));

/** Counts the statements sent, as the cohort tests do. */
function counting(db: Database) {
	let count = 0;
	const wrapped = new Proxy(db, {
		get(target, prop, receiver) {
			const value = Reflect.get(target, prop, receiver);
			if (typeof value === 'function' && ['execute', 'select'].includes(String(prop)))
				return (...args: unknown[]) => {
					count++;
					return value.apply(target, args);
				};
			return value;
		}
	});
	return { db: wrapped, count: () => count };
}

describe.each(testEngines)('the progress matrix on %s', (engine) => {
	let handle: DatabaseHandle;
	let db: Database;
	let root: string;
	let first: Course, second: Course;

	beforeAll(async () => {
		handle = await createTestDatabase(engine);
		db = handle.db;
		root = mkdtempSync(join(tmpdir(), 'sachhon-matrix-'));
		// Slugs in the opposite order of creation: the matrix orders courses by slug.
		for (const slug of ['b-khoa-hai', 'a-khoa-mot'])
			cpSync(fixture, join(root, slug), { recursive: true });
		await syncCourses(db, root, 'test');
		first = (await getCourseBySlug(db, 'a-khoa-mot'))!;
		second = (await getCourseBySlug(db, 'b-khoa-hai'))!;
	});
	afterAll(async () => {
		await handle?.close();
		rmSync(root, { recursive: true, force: true });
	});

	async function attempt(userId: string, course: Course, state: string, percent: number | null) {
		await db.execute(sql`insert into quiz_attempts
			(quiz_id, user_id, course_id, course_version_id, number, state, snapshot, max_score, percent)
			select q.id, ${userId}::uuid, q.course_id, q.course_version_id,
				(select count(*) + 1 from quiz_attempts a where a.quiz_id = q.id and a.user_id = ${userId}::uuid),
				${state}, '{}'::jsonb, 10, ${percent}
			from quizzes q where q.course_id = ${course.id}::uuid limit 1`);
		// Written raw, as grading would have: the summary is refreshed as grading does.
		await refreshSummaries(db, { userId, courseIds: [course.id] });
	}

	async function certificate(
		userId: string,
		course: Course,
		code: string,
		issuedAt: string,
		revoked = false
	) {
		await db.execute(sql`insert into certificates
			(code, number, register_number, user_id, course_id, course_version_id, full_name, course_title,
				course_version, hours, completed_at, issued_at, revoked_at, credential, signature, key_id)
			select ${code}, ${'SH-' + code}, 1, ${userId}::uuid, c.id, v.id, 'Lê Thị Mai', c.title, 1, 1,
				${issuedAt}::timestamptz, ${issuedAt}::timestamptz,
				${revoked ? sql`now()` : sql`null`}, '{}'::jsonb, 'x', 'k'
			from courses c join course_versions v on v.course_id = c.id
			where c.id = ${course.id}::uuid limit 1`);
		await refreshSummaries(db, { userId, courseIds: [course.id] });
	}

	async function assignment(
		course: Course,
		slug: string,
		required: boolean,
		definition: Record<string, unknown> = {}
	) {
		const [row] = await db
			.insert(assignments)
			.values({
				courseId: course.id,
				slug,
				title: { vi: `Bài thực hành ${slug}` },
				required,
				definition: definition as AssignmentDefinition,
				html: { vi: '' },
				courseVersionId: course.currentVersionId!
			})
			.returning();
		return row;
	}

	async function round(
		a: { id: string; courseId: string },
		userId: string,
		n: number,
		over: Partial<typeof submissions.$inferInsert>
	) {
		await db.insert(submissions).values({
			assignmentId: a.id,
			courseId: a.courseId,
			userId,
			round: n,
			body: 'Bài làm riêng tư',
			...over
		});
	}

	it('shows each member × course in one statement: progress, best score, the newest valid certificate', async () => {
		const admin = await makeUser(db, { isAdmin: true });
		const organisationId = (
			await createOrganisation(db, { name: 'Trường C', kind: 'school', area: null })
		).id;
		const scope = await staffScope(db, admin);
		const cohort = (await createCohort(db, scope, admin.id, {
			organisationId,
			name: '12C',
			year: 2026
		}))!;
		await assignCourse(db, admin.id, cohort.id, first.id, '2026-12-01');
		await assignCourse(db, admin.id, cohort.id, second.id, null);
		const [mai, nam, tu] = await Promise.all(
			['Lê Thị Mai', 'Trần Văn Nam', 'Võ Văn Tư'].map((fullName) => makeUser(db, { fullName }))
		);
		await addMembers(db, admin.id, cohort.id, [mai.id, nam.id, tu.id]);
		// A member without enrolments (added before enrolling existed, say), and someone outside the class.
		const lan = await makeUser(db, { fullName: 'Ngô Thị Lan' });
		await db.insert(cohortMembers).values({ cohortId: cohort.id, userId: lan.id });
		const stranger = await makeUser(db);

		const firstLessons = await db.select().from(lessons).where(eq(lessons.courseId, first.id));
		for (const who of [mai, stranger])
			for (const lesson of firstLessons)
				await recordActivity(db, {
					userId: who.id,
					courseId: first.id,
					lessonId: lesson.id,
					complete: true
				});
		await db
			.update(enrolments)
			.set({ completedAt: new Date('2026-11-20T03:00:00Z') })
			.where(and(eq(enrolments.userId, mai.id), eq(enrolments.courseId, first.id)));
		await certificate(mai.id, first, 'OLDCODE00001', '2026-11-20T03:00:00Z');
		await certificate(mai.id, first, 'NEWCODE00002', '2026-11-21T03:00:00Z');
		await certificate(mai.id, first, 'REVOKED00003', '2026-11-22T03:00:00Z', true);
		const secondLessons = await db.select().from(lessons).where(eq(lessons.courseId, second.id));
		await recordActivity(db, {
			userId: nam.id,
			courseId: second.id,
			lessonId: secondLessons[0].id
		});
		await attempt(nam.id, second, 'submitted', 80);
		await attempt(nam.id, second, 'submitted', 55);
		await attempt(nam.id, second, 'in_progress', null);

		// The first course's practicum (required) and an optional exercise; a retired one is left out.
		const practicum = await assignment(first, 'thuc-hanh', true, { due: { date: '2026-11-30' } });
		const optional = await assignment(first, 'bai-them', false);
		const retired = await assignment(first, 'cu', true);
		await db
			.update(assignments)
			.set({ retiredAt: new Date() })
			.where(eq(assignments.id, retired.id));
		const decidedAt = new Date('2026-11-25T02:00:00Z');
		await round(practicum, mai.id, 1, {
			state: 'graded',
			passed: true,
			points: 18,
			maxPoints: 21,
			decidedAt,
			submittedAt: decidedAt
		});
		await round(optional, mai.id, 1, {
			state: 'graded',
			passed: false,
			points: 5,
			maxPoints: 10,
			decidedAt,
			submittedAt: decidedAt
		});
		await round(practicum, nam.id, 1, { state: 'submitted', late: true, submittedAt: decidedAt });
		// Returned, and a revision being drafted: still "returned" until handed in again.
		await round(practicum, tu.id, 1, { state: 'returned', decidedAt, submittedAt: decidedAt });
		await round(practicum, tu.id, 2, { state: 'draft' });
		await round(retired, tu.id, 1, { state: 'submitted', submittedAt: decidedAt });
		// Someone outside the class is never read.
		await round(practicum, stranger.id, 1, { state: 'submitted', submittedAt: decidedAt });

		const counted = counting(db);
		const now = new Date('2026-12-02T01:00:00Z'); // the day after the first course's due date
		const matrix = await cohortMatrix(counted.db, cohort.id, now);
		expect(counted.count()).toBe(1);
		expect(matrix.courses.map((c) => [c.slug, c.dueOn])).toEqual([
			['a-khoa-mot', '2026-12-01'],
			['b-khoa-hai', null]
		]);
		const byName = Object.fromEntries(matrix.rows.map((r) => [r.fullName, r]));
		expect(Object.keys(byName).sort()).toEqual(
			['Lê Thị Mai', 'Ngô Thị Lan', 'Trần Văn Nam', 'Võ Văn Tư'].sort()
		);
		expect(byName['Lê Thị Mai'].cells[0]).toMatchObject({
			state: 'completed',
			percent: 100,
			certificateCode: 'NEWCODE00002',
			completedAt: new Date('2026-11-20T03:00:00Z')
		});
		expect(byName['Lê Thị Mai'].completed).toBe(1);
		expect(byName['Lê Thị Mai'].cells[1].state).toBe('not_started');
		expect(byName['Trần Văn Nam'].cells[0]).toMatchObject({ state: 'overdue', percent: 0 });
		expect(byName['Trần Văn Nam'].cells[1]).toMatchObject({
			state: 'in_progress',
			bestPercent: 80,
			certificateCode: null,
			completedAt: null
		});
		expect(byName['Võ Văn Tư'].cells.map((c) => c.state)).toEqual(['overdue', 'not_started']);
		expect(byName['Ngô Thị Lan'].cells.map((c) => c.state)).toEqual(['overdue', 'not_started']);
		expect(matrix.assignments.map((a) => [a.slug, a.course, a.required])).toEqual([
			['thuc-hanh', 0, true],
			['bai-them', 0, false]
		]);
		expect(byName['Lê Thị Mai'].work).toEqual([
			{ status: 'passed', points: 18, maxPoints: 21, late: false, overdue: false, decidedAt },
			{ status: 'failed', points: 5, maxPoints: 10, late: false, overdue: false, decidedAt }
		]);
		expect(byName['Trần Văn Nam'].work[0]).toEqual({
			status: 'submitted',
			points: null,
			maxPoints: null,
			late: true,
			overdue: false,
			decidedAt: null
		});
		expect(byName['Võ Văn Tư'].work.map((w) => w.status)).toEqual(['returned', 'not_submitted']);
		expect(byName['Ngô Thị Lan'].work.map((w) => w.status)).toEqual([
			'not_submitted',
			'not_submitted'
		]);
		// Not handed in after the practicum's due day: overdue; the optional one has no due day.
		expect(byName['Ngô Thị Lan'].work.map((w) => w.overdue)).toEqual([true, false]);
		expect(byName['Võ Văn Tư'].work.map((w) => w.overdue)).toEqual([false, false]);
		expect((await learnerWork(db, lan.id, [first.id], now)).map((w) => w.work.overdue)).toEqual([
			true,
			false
		]);
		// The learner page: the same, one learner, required first.
		const tuWork = await learnerWork(db, tu.id, [first.id, second.id]);
		expect(tuWork.map((w) => [w.slug, w.courseId, w.work.status])).toEqual([
			['thuc-hanh', first.id, 'returned'],
			['bai-them', first.id, 'not_submitted']
		]);
		expect((await learnerWork(db, mai.id, [first.id]))[0].work).toEqual({
			status: 'passed',
			points: 18,
			maxPoints: 21,
			late: false,
			overdue: false,
			decidedAt
		});
		expect(await learnerWork(db, mai.id, [])).toEqual([]);
		// Status and points only: nothing of the work itself reaches a manager.
		expect(JSON.stringify(matrix)).not.toContain('Bài làm riêng tư');
		// completed, in progress, not started, overdue
		expect(matrixSummary(matrix)).toEqual([
			[1, 0, 0, 3],
			[0, 1, 3, 0]
		]);
	});

	it('is empty without members or courses', async () => {
		const admin = await makeUser(db, { isAdmin: true });
		const organisationId = (
			await createOrganisation(db, { name: 'Trường D', kind: 'school', area: null })
		).id;
		const scope = await staffScope(db, admin);
		const cohort = (await createCohort(db, scope, admin.id, {
			organisationId,
			name: '12D',
			year: 2026
		}))!;
		expect(await cohortMatrix(db, cohort.id)).toEqual({ courses: [], assignments: [], rows: [] });
		await addMembers(db, admin.id, cohort.id, [(await makeUser(db)).id]);
		const members = await cohortMatrix(db, cohort.id);
		expect(members.courses).toEqual([]);
		expect(members.rows.map((r) => r.cells)).toEqual([[]]);
	});
});
