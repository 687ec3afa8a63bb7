import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enrolments, type Course } from '$db/schema';
import { addDays, dayStart } from '$lib/vietnam-time';
import { staffScope } from '../auth/staff';
import { syncCourses } from '../courses/sync';
import { createTestDatabase, testEngines } from '../db/test-helpers';
import type { Database, DatabaseHandle } from '../db';
import { getCourseBySlug, upsertEnrolment } from '../enrolment';
import { createOrganisation } from '../organisations';
import { dashboard } from '../progress';
import { makeUser } from '$testing/factories';
import { assignCourse } from './assign';
import { createCohort } from './cohorts';
import { learnerDeadline } from './deadline';
import { addMembers } from './members';

const fixture = fileURLToPath(new URL('../courses/fixtures/good/mini-course', import.meta.url));
const TODAY = '2026-12-15';
// Noon in Vietnam on TODAY.
const NOW = new Date(dayStart(TODAY).getTime() + 12 * 3600_000);

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

describe.each(testEngines)("a learner's deadlines on %s", (engine) => {
	let handle: DatabaseHandle;
	let db: Database;
	let root: string;
	const course: Record<string, Course> = {};

	beforeAll(async () => {
		handle = await createTestDatabase(engine);
		db = handle.db;
		root = mkdtempSync(join(tmpdir(), 'sachhon-deadline-'));
		for (const slug of ['han-xa', 'qua-han', 'khong-han', 'da-xong']) {
			cpSync(fixture, join(root, slug), { recursive: true });
			rmSync(join(root, slug, 'final.quiz.yaml'));
		}
		await syncCourses(db, root, 'test');
		for (const slug of ['han-xa', 'qua-han', 'khong-han', 'da-xong'])
			course[slug] = (await getCourseBySlug(db, slug))!;
	});
	afterAll(async () => {
		await handle?.close();
		rmSync(root, { recursive: true, force: true });
	});

	it('shows the earliest due date of the learner’s cohorts, most urgent first, none once complete', async () => {
		const admin = await makeUser(db, { isAdmin: true });
		const scope = await staffScope(db, admin);
		const org = (await createOrganisation(db, { name: 'Trường C', kind: 'school', area: null })).id;
		const first = (await createCohort(db, scope, admin.id, {
			organisationId: org,
			name: 'K24A',
			year: 2026
		}))!;
		const second = (await createCohort(db, scope, admin.id, {
			organisationId: org,
			name: 'K24B',
			year: 2026
		}))!;
		const learner = await makeUser(db);
		const other = await makeUser(db);
		await addMembers(db, admin.id, first.id, [learner.id, other.id]);
		await addMembers(db, admin.id, second.id, [learner.id]);
		// Two cohorts assign han-xa: the earlier due date (in 5 days) is the learner's.
		await assignCourse(db, admin.id, first.id, course['han-xa'].id, addDays(TODAY, 20));
		await assignCourse(db, admin.id, second.id, course['han-xa'].id, addDays(TODAY, 5));
		await assignCourse(db, admin.id, first.id, course['qua-han'].id, addDays(TODAY, -2));
		await assignCourse(db, admin.id, first.id, course['da-xong'].id, addDays(TODAY, -9));
		await db
			.update(enrolments)
			.set({ completedAt: NOW })
			.where(and(eq(enrolments.userId, learner.id), eq(enrolments.courseId, course['da-xong'].id)));
		await upsertEnrolment(db, learner.id, course['khong-han'].id, 'self', null);

		const counted = counting(db);
		const { inProgress, completed } = await dashboard(counted.db, learner.id, NOW);
		expect(counted.count()).toBe(1);
		expect(inProgress.map((c) => [c.slug, c.deadline])).toEqual([
			['qua-han', { dueOn: '2026-12-13', state: 'overdue', days: 2 }],
			['han-xa', { dueOn: '2026-12-20', state: 'due', days: 5 }],
			['khong-han', null]
		]);
		expect(completed.map((c) => [c.slug, c.deadline])).toEqual([['da-xong', null]]);

		expect(await learnerDeadline(db, learner.id, course['han-xa'].id, false, NOW)).toEqual({
			dueOn: '2026-12-20',
			state: 'due',
			days: 5
		});
		expect(await learnerDeadline(db, other.id, course['han-xa'].id, false, NOW)).toMatchObject({
			dueOn: '2027-01-04'
		});
		expect(await learnerDeadline(db, learner.id, course['khong-han'].id, false, NOW)).toBeNull();
		expect(await learnerDeadline(db, learner.id, course['da-xong'].id, true, NOW)).toBeNull();
	});
});
