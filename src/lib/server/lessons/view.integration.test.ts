import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Database, DatabaseHandle, Engine } from '../db';

// The query counter is switched on when its module loads, as in the bench: set it first.
vi.stubEnv('BENCH_COUNT_QUERIES', '1');
const { withQueryCount } = await import('../bench/query-count');
const { createTestDatabase, testEngines } = await import('../db/test-helpers');
const { syncCourses } = await import('../courses/sync');
const { lessonContent } = await import('../courses/catalogue');
const { courseWithEnrolment, enrolSelf } = await import('../enrolment');
const { lessonStates, recordActivity } = await import('../progress');
const { createSession, generateSessionToken, validateSessionToken } =
	await import('../auth/session');
const { queryRows } = await import('../db/rows');
const { makeUser } = await import('$testing/factories');
const { courseReading } = await import('./view');

const courses = fileURLToPath(new URL('../courses/fixtures/good', import.meta.url));
const SLUG = 'mini-course';

/** What a lesson page read before this module: the course with the enrolment, then the lessons. */
async function readSeparately(db: Database, userId: string | null) {
	const found = await courseWithEnrolment(db, SLUG, userId);
	return {
		course: found!.course,
		enrolment: found!.enrolment,
		lessons: await lessonStates(db, userId, [found!.course.id])
	};
}

async function seed(db: Database) {
	await syncCourses(db, courses, 'test');
	const learner = await makeUser(db);
	const other = await makeUser(db);
	const course = (await courseWithEnrolment(db, SLUG, null))!.course;
	expect((await enrolSelf(db, learner.id, course, 'MAU-2026')).ok).toBe(true);
	expect((await enrolSelf(db, other.id, course, 'MAU-2026')).ok).toBe(true);
	const [first, second] = await lessonStates(db, learner.id, [course.id]);
	await recordActivity(db, {
		userId: learner.id,
		courseId: course.id,
		lessonId: first.id,
		complete: true
	});
	await recordActivity(db, { userId: learner.id, courseId: course.id, lessonId: second.id });
	// Someone else's progress must not show in the learner's reading.
	await recordActivity(db, {
		userId: other.id,
		courseId: course.id,
		lessonId: second.id,
		complete: true
	});
	return { learner, course };
}

describe.each(testEngines)('a course as one reader reads it, on %s', (engine: Engine) => {
	let handle: DatabaseHandle;
	let learnerId: string;

	beforeAll(async () => {
		handle = await createTestDatabase(engine);
		learnerId = (await seed(handle.db)).learner.id;
	});
	afterAll(async () => {
		await handle.close();
	});

	it('equals the course, the enrolment and the lesson states read one by one', async () => {
		const reading = await courseReading(handle.db, SLUG, learnerId);
		expect(reading).toEqual(await readSeparately(handle.db, learnerId));
		expect(reading!.lessons.map((l) => l.completed)).toEqual(
			reading!.lessons.map((_, i) => i === 0)
		);
		expect(reading!.enrolment?.userId).toBe(learnerId);
	});

	it('shows no one’s progress without a reader, and nothing for an unknown course', async () => {
		const reading = await courseReading(handle.db, SLUG, null);
		expect(reading).toEqual(await readSeparately(handle.db, null));
		expect(reading!.enrolment).toBeUndefined();
		expect(reading!.lessons.every((l) => !l.completed && l.secondsSpent === 0)).toBe(true);
		expect(await courseReading(handle.db, 'khong-co', learnerId)).toBeUndefined();
	});

	it('is one query, whatever the number of lessons', async () => {
		const queries = await withQueryCount(async (counter) => {
			await courseReading(handle.db, SLUG, learnerId);
			return counter.queries;
		});
		expect(queries).toBe(1);
	});
});

describe.skipIf(!testEngines.includes('postgres'))('a signed-in lesson view on PostgreSQL', () => {
	let handle: DatabaseHandle;

	beforeAll(async () => {
		// One connection: every statement the view sends meets the connection the test reads.
		handle = await createTestDatabase('postgres', { max: 1 });
	});
	afterAll(async () => {
		await handle.close();
		vi.unstubAllEnvs();
	});

	/** Executions of named prepared statements on the (one) connection so far. */
	async function preparedExecutions(db: Database) {
		const [row] = await queryRows<{ n: number }>(
			db,
			sql`select coalesce(sum(generic_plans + custom_plans), 0)::int as n from pg_prepared_statements`
		);
		return Number(row.n);
	}

	it('sends every query as a prepared statement: the session and the reading', async () => {
		const { db } = handle;
		const { learner, course } = await seed(db);
		const token = generateSessionToken();
		await createSession(db, token, learner.id);
		const [lesson] = await lessonStates(db, learner.id, [course.id]);
		/** The database work of a lesson page, as hooks and the page's load do it. */
		const view = async () => {
			const { user } = await validateSessionToken(db, token);
			const reading = await courseReading(db, SLUG, user!.id);
			const content = await lessonContent(db, course.id, course.currentVersionId!, lesson.slug);
			expect(content?.slug).toBe(lesson.slug);
			return reading;
		};
		// The first view reads the lesson's content once; it stays in memory afterwards.
		await view();
		const before = await preparedExecutions(db);
		const views = 3;
		const sent = await withQueryCount(async (counter) => {
			for (let i = 0; i < views; i++) await view();
			return counter.queries;
		});
		const prepared = (await preparedExecutions(db)) - before;
		expect(sent).toBe(2 * views);
		expect(prepared).toBe(sent);
	});
});
