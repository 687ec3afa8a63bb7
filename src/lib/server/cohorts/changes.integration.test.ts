import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, cohortCourses, cohortMembers, enrolments, type Course } from '$db/schema';
import { syncCourses } from '../courses/sync';
import { createTestDatabase, testEngines } from '../db/test-helpers';
import type { Database, DatabaseHandle } from '../db';
import { getCourseBySlug } from '../enrolment';
import { grantRole } from '../auth/roles';
import { staffScope } from '../auth/staff';
import { createOrganisation } from '../organisations';
import { makeUser } from '$testing/factories';
import { assignCourse, assignedCourses, changeDueDate, unassignCourse } from './assign';
import { createCohort } from './cohorts';
import { addMembers, moveMembers, removeMembers } from './members';

const fixture = fileURLToPath(new URL('../courses/fixtures/good/mini-course', import.meta.url));

describe.each(testEngines)('changing a cohort’s courses and members on %s', (engine) => {
	let handle: DatabaseHandle;
	let db: Database;
	let root: string;
	let first: Course, second: Course;
	let orgA: string, orgB: string;
	let admin: { id: string; isAdmin: boolean };

	beforeAll(async () => {
		handle = await createTestDatabase(engine);
		db = handle.db;
		root = mkdtempSync(join(tmpdir(), 'sachhon-changes-'));
		for (const slug of ['khoa-mot', 'khoa-hai']) {
			cpSync(fixture, join(root, slug), { recursive: true });
			rmSync(join(root, slug, 'final.quiz.yaml'));
		}
		await syncCourses(db, root, 'test');
		first = (await getCourseBySlug(db, 'khoa-mot'))!;
		second = (await getCourseBySlug(db, 'khoa-hai'))!;
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
	async function newCohort(organisationId: string, name = 'Lớp') {
		const scope = await staffScope(db, admin);
		return (await createCohort(db, scope, admin.id, { organisationId, name, year: 2026 }))!;
	}
	const audit = (action: string, subjectId: string) =>
		db
			.select()
			.from(auditEvents)
			.where(and(eq(auditEvents.action, action), eq(auditEvents.subjectId, subjectId)));
	const memberIds = async (cohortId: string) =>
		(await db.select().from(cohortMembers).where(eq(cohortMembers.cohortId, cohortId)))
			.map((m) => m.userId)
			.sort();

	it('changes an assigned course’s due date, or clears it, and records who did', async () => {
		const { user } = await manager(orgA);
		const cohort = await newCohort(orgA);
		await assignCourse(db, user.id, cohort.id, first.id, '2026-12-20');
		expect(await changeDueDate(db, user.id, cohort.id, first.id, '2027-01-15')).toBe(true);
		expect((await assignedCourses(db, cohort.id)).map((c) => c.dueOn)).toEqual(['2027-01-15']);
		expect(await changeDueDate(db, user.id, cohort.id, first.id, null)).toBe(true);
		expect((await assignedCourses(db, cohort.id)).map((c) => c.dueOn)).toEqual([null]);
		// A course the cohort does not have is not assigned by changing its date.
		expect(await changeDueDate(db, user.id, cohort.id, second.id, '2027-01-15')).toBe(false);
		expect(await assignedCourses(db, cohort.id)).toHaveLength(1);
		const events = await audit('cohort.course_due_changed', cohort.id);
		expect(events.map((e) => [e.actorId, e.details])).toEqual([
			[user.id, { courseId: first.id, dueOn: '2027-01-15' }],
			[user.id, { courseId: first.id, dueOn: null }]
		]);
	});

	it('removes an assignment, keeping the members’ enrolments and progress', async () => {
		const { user } = await manager(orgA);
		const cohort = await newCohort(orgA);
		const learner = await makeUser(db);
		await assignCourse(db, user.id, cohort.id, first.id, null);
		await assignCourse(db, user.id, cohort.id, second.id, null);
		await addMembers(db, user.id, cohort.id, [learner.id]);
		expect(await unassignCourse(db, user.id, cohort.id, first.id)).toBe(true);
		expect(await unassignCourse(db, user.id, cohort.id, first.id)).toBe(false);
		expect((await assignedCourses(db, cohort.id)).map((c) => c.courseId)).toEqual([second.id]);
		const kept = await db.select().from(enrolments).where(eq(enrolments.userId, learner.id));
		expect(kept.map((e) => [e.courseId, e.status]).sort()).toEqual(
			[
				[first.id, 'active'],
				[second.id, 'active']
			].sort()
		);
		expect(await audit('cohort.course_unassigned', cohort.id)).toHaveLength(1);
		const other = await db.select().from(cohortCourses).where(eq(cohortCourses.courseId, first.id));
		expect(other.every((c) => c.cohortId !== cohort.id)).toBe(true);
	});

	it('removes the ticked members only, and only members of this cohort', async () => {
		const { user } = await manager(orgA);
		const cohort = await newCohort(orgA);
		const other = await newCohort(orgA);
		const [a, b, c] = await Promise.all([makeUser(db), makeUser(db), makeUser(db)]);
		await addMembers(db, user.id, cohort.id, [a.id, b.id]);
		await addMembers(db, user.id, other.id, [c.id]);
		expect(await removeMembers(db, user.id, cohort.id, [a.id, c.id])).toBe(1);
		expect(await memberIds(cohort.id)).toEqual([b.id]);
		expect(await memberIds(other.id)).toEqual([c.id]);
		const [event] = await audit('cohort.members_removed', cohort.id);
		expect(event).toMatchObject({ actorId: user.id, details: { count: 1 } });
	});

	it('moves the ticked members to another cohort, enrolling them in its courses', async () => {
		const { user, scope } = await manager(orgA);
		const from = await newCohort(orgA, 'K24A');
		const to = await newCohort(orgA, 'K24B');
		await assignCourse(db, user.id, to.id, second.id, '2027-01-31');
		const [a, b, stranger] = await Promise.all([makeUser(db), makeUser(db), makeUser(db)]);
		await addMembers(db, user.id, from.id, [a.id, b.id]);
		// Someone not in the class is not moved by ticking their id.
		expect(await moveMembers(db, scope, user.id, from, to.id, [a.id, stranger.id])).toEqual({
			count: 1,
			to: 'K24B'
		});
		expect(await memberIds(from.id)).toEqual([b.id]);
		expect(await memberIds(to.id)).toEqual([a.id]);
		const enrolled = await db
			.select()
			.from(enrolments)
			.where(and(eq(enrolments.userId, a.id), eq(enrolments.courseId, second.id)));
		expect(enrolled).toHaveLength(1);
		const [event] = await audit('cohort.members_moved', from.id);
		expect(event).toMatchObject({ actorId: user.id, details: { count: 1, to: to.id } });
	});

	it('never moves members into a cohort outside the manager’s reach', async () => {
		const { user, scope } = await manager(orgA);
		const from = await newCohort(orgA);
		const elsewhere = await newCohort(orgB);
		const learner = await makeUser(db);
		await addMembers(db, user.id, from.id, [learner.id]);
		expect(await moveMembers(db, scope, user.id, from, elsewhere.id, [learner.id])).toBe(
			'not_found'
		);
		expect(await moveMembers(db, scope, user.id, from, 'not-an-id', [learner.id])).toBe(
			'not_found'
		);
		expect(await memberIds(from.id)).toEqual([learner.id]);
		expect(await memberIds(elsewhere.id)).toEqual([]);
		// An administrator reaches every cohort.
		const adminScope = await staffScope(db, admin);
		expect(
			await moveMembers(db, adminScope, admin.id, from, elsewhere.id, [learner.id])
		).toMatchObject({ count: 1 });
	});
});
