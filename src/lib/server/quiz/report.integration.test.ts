import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users, type Course } from '$db/schema';
import { createTestDatabase, testEngines } from '../db/test-helpers';
import type { Database, DatabaseHandle } from '../db';
import { createOrganisation } from '../organisations';
import { reachOf } from '../organisations/reach';
import { getQuiz, submitAttempt } from './attempts';
import { quizReport } from './report';
import { learnerWithLessonsDone, passingAttempt, timedQuizCourse } from '$testing/quizzes';

// The trainers' quiz report lists people by the one rule of who a staff member may see
// (organisations/reach.ts): their organisations and those beneath, never an administrator, never
// another organisation's people.
describe.each(testEngines)('the quiz report’s learners, on %s', (engine) => {
	let handle: DatabaseHandle;
	let db: Database;
	let course: Course;
	let remove: () => void;
	beforeAll(async () => {
		handle = await createTestDatabase(engine);
		db = handle.db;
		({ course, remove } = await timedQuizCourse(db));
	});
	afterAll(async () => {
		remove?.();
		await handle?.close();
	});

	async function passedBy(fullName: string, organisationId: string | null, isAdmin = false) {
		const start = new Date('2026-11-02T02:00:00Z');
		const user = await learnerWithLessonsDone(db, course, start);
		await db.update(users).set({ fullName, organisationId, isAdmin }).where(eq(users.id, user.id));
		const attempt = await passingAttempt(db, course, user.id, start);
		const submitted = await submitAttempt(db, attempt.id, user.id, start);
		expect(submitted?.state).toBe('submitted');
	}

	it('shows a trainer their organisations’ people and those beneath, and no one else', async () => {
		const school = await createOrganisation(db, { name: 'Trường A', kind: 'school', area: null });
		const branch = await createOrganisation(db, {
			name: 'Phân hiệu A1',
			kind: 'school',
			area: null,
			parentId: school.id
		});
		const other = await createOrganisation(db, {
			name: 'Công ty B',
			kind: 'enterprise',
			area: null
		});
		await passedBy('Học Viên Trường A', school.id);
		await passedBy('Học Viên Phân Hiệu', branch.id);
		await passedBy('Người Công Ty B', other.id);
		await passedBy('Quản Trị Viên', school.id, true);
		const quiz = (await getQuiz(db, course.id, 'final'))!;

		const trainer = {
			staff: true,
			admin: false,
			writes: true,
			reviews: false,
			organisationIds: [school.id]
		};
		const names = (await quizReport(db, quiz, await reachOf(db, trainer))).learners.map(
			(l) => l.fullName
		);
		expect(names.sort()).toEqual(['Học Viên Phân Hiệu', 'Học Viên Trường A']);

		const admin = { staff: true, admin: true, writes: true, reviews: true, organisationIds: [] };
		expect((await quizReport(db, quiz, await reachOf(db, admin))).learners).toHaveLength(4);
	});
});
