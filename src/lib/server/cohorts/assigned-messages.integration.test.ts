import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enrolments, notifications } from '$db/schema';
import { staffScope } from '../auth/staff';
import { makeCourse } from '$testing/certificates';
import { createTestDatabase, testEngines } from '../db/test-helpers';
import type { Database, DatabaseHandle } from '../db';
import { failingAtCommit, inbox } from '$testing/messages';
import { createOrganisation } from '../organisations';
import { makeUser } from '$testing/factories';
import { assignCourse, changeDueDate } from './assign';
import { createCohort } from './cohorts';
import { addMembers, moveMembers } from './members';

describe.each(testEngines)('course assigned messages on %s', (engine) => {
	let handle: DatabaseHandle;
	let db: Database;
	let organisationId: string;
	let manager: Awaited<ReturnType<typeof makeUser>>;

	beforeAll(async () => {
		handle = await createTestDatabase(engine);
		db = handle.db;
		organisationId = (
			await createOrganisation(db, { name: 'Trường Cao đẳng Bến Tre', kind: 'school', area: null })
		).id;
		manager = await makeUser(db, { isAdmin: true });
	});
	afterAll(() => handle?.close());

	async function cohortWith(count: number) {
		const scope = await staffScope(db, manager);
		const cohort = (await createCohort(db, scope, manager.id, {
			organisationId,
			name: `K${Math.random().toString(36).slice(2, 6)}`,
			year: 2026
		}))!;
		const people = [];
		for (let i = 0; i < count; i++) people.push(await makeUser(db));
		await addMembers(
			db,
			manager.id,
			cohort.id,
			people.map((p) => p.id)
		);
		return { cohort, people };
	}

	it('tells every member of a course assigned, with its title, due date and link, once', async () => {
		const { cohort, people } = await cohortWith(2);
		const course = await makeCourse(db);
		await assignCourse(db, manager.id, cohort.id, course.id, '2026-12-20');
		for (const person of people) {
			const rows = await inbox(db, person.id, 'course_assigned:');
			expect(rows).toHaveLength(1);
			expect(rows[0]).toMatchObject({
				kind: 'course_assigned',
				key: `course_assigned:${cohort.id}:${course.id}`,
				link: `/courses/${course.slug}`,
				params: {
					course: 'Đánh giá sản xuất sạch hơn cho tư vấn viên',
					courseEn: 'CP assessment',
					slug: course.slug,
					dueOn: '2026-12-20'
				},
				inDigest: false
			});
		}
		// Assigned again with the same date: nothing new.
		await assignCourse(db, manager.id, cohort.id, course.id, '2026-12-20');
		await changeDueDate(db, manager.id, cohort.id, course.id, '2026-12-20');
		expect(await inbox(db, people[0].id, 'course_assigned:')).toHaveLength(1);
	});

	it('tells of each change of due date, also back to an earlier one, but not those who finished', async () => {
		const { cohort, people } = await cohortWith(2);
		const [busy, done] = people;
		const course = await makeCourse(db);
		await assignCourse(db, manager.id, cohort.id, course.id, '2026-12-20');
		await db
			.update(enrolments)
			.set({ completedAt: new Date('2026-12-02T03:00:00Z') })
			.where(and(eq(enrolments.userId, done.id), eq(enrolments.courseId, course.id)));

		await changeDueDate(db, manager.id, cohort.id, course.id, '2026-12-27');
		await assignCourse(db, manager.id, cohort.id, course.id, '2026-12-20');
		await changeDueDate(db, manager.id, cohort.id, course.id, null);
		const told = await inbox(db, busy.id, 'course_assigned:');
		expect(told.map((n) => n.params.dueOn)).toEqual([
			'2026-12-20',
			'2026-12-27',
			'2026-12-20',
			null
		]);
		expect(new Set(told.map((n) => n.key)).size).toBe(4);
		expect(await inbox(db, done.id, 'course_assigned:')).toHaveLength(1);
		// A course not assigned has no date to change, and tells no one.
		expect(await changeDueDate(db, manager.id, cohort.id, (await makeCourse(db)).id, null)).toBe(
			false
		);
	});

	it('tells members who join later, or move in, of the courses already assigned', async () => {
		const { cohort } = await cohortWith(0);
		const [first, second] = [await makeCourse(db), await makeCourse(db)];
		await assignCourse(db, manager.id, cohort.id, first.id, null);
		await assignCourse(db, manager.id, cohort.id, second.id, '2027-01-15');
		const late = await makeUser(db);
		await addMembers(db, manager.id, cohort.id, [late.id]);
		await addMembers(db, manager.id, cohort.id, [late.id]);
		const rows = await inbox(db, late.id, 'course_assigned:');
		expect(rows.map((r) => r.params.dueOn).sort()).toEqual(['2027-01-15', null].sort());

		const { cohort: other, people } = await cohortWith(1);
		const scope = await staffScope(db, manager);
		await moveMembers(db, scope, manager.id, other, cohort.id, [people[0].id]);
		expect(await inbox(db, people[0].id, 'course_assigned:')).toHaveLength(2);
	});

	it('writes no message when the assignment or the joining fails', async () => {
		const { cohort, people } = await cohortWith(1);
		const course = await makeCourse(db);
		const failed = await failingAtCommit(db, 'cohort_courses', () =>
			assignCourse(db, manager.id, cohort.id, course.id, '2026-12-20')
		);
		expect(String(failed)).toContain('failed at commit');
		expect(await inbox(db, people[0].id, 'course_assigned:')).toEqual([]);

		await assignCourse(db, manager.id, cohort.id, course.id, '2026-12-20');
		const joining = await makeUser(db);
		const refused = await failingAtCommit(db, 'cohort_members', () =>
			addMembers(db, manager.id, cohort.id, [joining.id])
		);
		expect(refused).toBeTruthy();
		expect(await inbox(db, joining.id)).toEqual([]);
		const changing = await failingAtCommit(db, 'cohort_courses', () =>
			changeDueDate(db, manager.id, cohort.id, course.id, '2027-02-01')
		);
		expect(changing).toBeTruthy();
		expect(
			await db.select().from(notifications).where(eq(notifications.userId, people[0].id))
		).toHaveLength(1);
	});
});
