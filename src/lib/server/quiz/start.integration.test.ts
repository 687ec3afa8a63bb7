import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Course } from '$db/schema';
import type { Database, DatabaseHandle } from '../db';

// The query counter is switched on when its module loads: set it first.
vi.stubEnv('BENCH_COUNT_QUERIES', '1');
const { withQueryCount } = await import('../bench/query-count');
const { createTestDatabase, testEngines } = await import('../db/test-helpers');
const { queryRows } = await import('../db/rows');
const { quizAttempts, quizAttemptGrants } = await import('$db/schema');
const { TIMED_QUIZ, timedQuizCourse } = await import('$testing/quizzes');
const { syncCourses } = await import('../courses/sync');
const { enrolSelf } = await import('../enrolment');
const { makeUser } = await import('$testing/factories');
const { GRACE_MS, getQuiz, submitAttempt } = await import('./attempts');
const { openAttempt, startContext, startQuiz } = await import('./start');
const { scopeOf } = await import('../auth/staff');

const fixture = fileURLToPath(new URL('../courses/fixtures/good/mini-course', import.meta.url));
const QUIZ = 'final';
const LIMIT = 3;

describe.each(testEngines)('starting quiz attempts on %s', (engine) => {
	let handle: DatabaseHandle;
	let db: Database;
	let course: Course;
	let remove: () => void;

	beforeAll(async () => {
		handle = await createTestDatabase(engine, { max: 8 });
		db = handle.db;
		({ course, remove } = await timedQuizCourse(db));
	});
	afterAll(async () => {
		await handle?.close();
		remove?.();
	});

	async function learner() {
		const user = await makeUser(db);
		await enrolSelf(db, user.id, course, 'MAU-2026');
		return user;
	}

	/** A start as the quiz page's action makes it: the context, then the attempt. */
	async function start(userId: string, now = new Date()) {
		const found = await startContext(db, course.slug, QUIZ, userId);
		if (!found) throw new Error('no quiz');
		return openAttempt(db, found.quiz, userId, { now, state: found.state });
	}

	const attemptsOf = (userId: string) =>
		db
			.select({ id: quizAttempts.id, number: quizAttempts.number, state: quizAttempts.state })
			.from(quizAttempts)
			.where(eq(quizAttempts.userId, userId))
			.orderBy(quizAttempts.number);

	it('gives a class starting at once one attempt each, and never more than the limit', async () => {
		const learners = await Promise.all(Array.from({ length: 12 }, () => learner()));
		for (let round = 1; round <= LIMIT + 1; round++) {
			// Every learner presses start four times at once, all learners together.
			const replies = await Promise.all(
				learners.map((l) => Promise.all(Array.from({ length: 4 }, () => start(l.id))))
			);
			for (const [i, mine] of replies.entries()) {
				if (round > LIMIT) {
					expect(mine.every((r) => !r.ok && r.reason === 'no_attempts_left')).toBe(true);
					continue;
				}
				const ids = new Set(mine.map((r) => (r.ok ? r.attemptId : r.reason)));
				expect(ids.size).toBe(1);
				expect(mine.filter((r) => r.ok && !r.resumed)).toHaveLength(1);
				await submitAttempt(db, [...ids][0], learners[i].id);
			}
		}
		for (const l of learners) {
			expect((await attemptsOf(l.id)).map((a) => a.number)).toEqual([1, 2, 3]);
		}
	});

	it('stores the drawn questions as JSON with the deadline, and resumes in one query', async () => {
		const user = await learner();
		const now = new Date('2026-05-04T01:02:03.456Z');
		const first = await start(user.id, now);
		if (!first.ok) throw new Error(first.reason);
		const [row] = await queryRows<{ kind: string; questions: number; deadline: string }>(
			db,
			sql`select jsonb_typeof(snapshot) as kind, jsonb_array_length(snapshot->'questions') as questions,
				to_char(deadline_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS') as deadline
				from quiz_attempts where id = ${first.attemptId}`
		);
		expect(row).toEqual({ kind: 'object', questions: 2, deadline: '2026-05-04T01:12:03.456' });
		const queries = await withQueryCount(async (counter) => {
			const again = await start(user.id, now);
			expect(again).toEqual({ ok: true, attemptId: first.attemptId, resumed: true });
			return counter.queries;
		});
		expect(queries).toBe(1);
	});

	it('starts a new attempt in two queries, the definition read once per course version', async () => {
		const users = [await learner(), await learner()];
		await start(users[0].id);
		const queries = await withQueryCount(async (counter) => {
			const opened = await start(users[1].id);
			expect(opened).toMatchObject({ ok: true, resumed: false });
			return counter.queries;
		});
		expect(queries).toBe(2);
	});

	it('hands in an attempt whose time ran out, then starts the next', async () => {
		const user = await learner();
		const then = new Date('2026-05-05T08:00:00Z');
		const first = await start(user.id, then);
		if (!first.ok) throw new Error(first.reason);
		const late = new Date(then.getTime() + 10 * 60_000 + GRACE_MS + 1000);
		const next = await start(user.id, late);
		expect(next).toMatchObject({ ok: true, resumed: false });
		expect(await attemptsOf(user.id)).toMatchObject([
			{ id: first.attemptId, number: 1, state: 'submitted' },
			{ number: 2, state: 'in_progress' }
		]);
	});

	it('counts extra attempts granted, and refuses those not enrolled or out of attempts', async () => {
		const user = await learner();
		for (let n = 0; n < LIMIT; n++) {
			const opened = await start(user.id);
			if (!opened.ok) throw new Error(opened.reason);
			await submitAttempt(db, opened.attemptId, user.id);
		}
		expect(await start(user.id)).toEqual({ ok: false, reason: 'no_attempts_left' });
		const quiz = (await getQuiz(db, course.id, QUIZ))!;
		await db.insert(quizAttemptGrants).values({ quizId: quiz.id, userId: user.id, extra: 1 });
		const extra = await Promise.all([start(user.id), start(user.id), start(user.id)]);
		expect(new Set(extra.map((r) => (r.ok ? r.attemptId : r.reason))).size).toBe(1);
		expect((await attemptsOf(user.id)).map((a) => a.number)).toEqual([1, 2, 3, 4]);

		const stranger = await makeUser(db);
		expect(await start(stranger.id)).toEqual({ ok: false, reason: 'not_enrolled' });
		expect(await startContext(db, course.slug, 'khong-co', user.id)).toBeUndefined();
		expect(await startContext(db, 'khong-co', QUIZ, user.id)).toBeUndefined();
	});

	it('answers one learner’s presses at once with one start, and an unknown quiz with not_found', async () => {
		const user = await learner();
		const scope = scopeOf({ isAdmin: false }, []);
		const viewer = { id: user.id, organisationId: null };
		await start((await learner()).id);
		const { replies, queries } = await withQueryCount(async (counter) => {
			const replies = await Promise.all(
				Array.from({ length: 4 }, () => startQuiz(db, course.slug, QUIZ, viewer, scope))
			);
			return { replies, queries: counter.queries };
		});
		expect(new Set(replies.map((r) => (r.ok ? r.attemptId : r.reason))).size).toBe(1);
		expect(replies.filter((r) => r.ok && !r.resumed)).toHaveLength(1);
		// The course's context and the insert; the definition was read by an earlier start.
		expect(queries).toBe(2);
		expect(await startQuiz(db, course.slug, 'khong-co', viewer, scope)).toEqual({
			ok: false,
			reason: 'not_found'
		});
	});

	it('draws from the definition of the course version the quiz is at now', async () => {
		const user = await learner();
		const first = await start(user.id);
		if (!first.ok) throw new Error(first.reason);
		await submitAttempt(db, first.attemptId, user.id);
		// A new version of the course whose quiz asks for more: its definition is read again.
		const root = mkdtempSync(join(tmpdir(), 'sachhon-start-'));
		try {
			cpSync(fixture, join(root, 'mini-course'), { recursive: true });
			const stricter = TIMED_QUIZ.replace('passMark: 50', 'passMark: 60');
			writeFileSync(join(root, 'mini-course', 'final.quiz.yaml'), stricter);
			expect((await syncCourses(db, root, 'test')).updated).toEqual(['mini-course']);
		} finally {
			rmSync(root, { recursive: true, force: true });
		}
		const second = await start(user.id);
		if (!second.ok) throw new Error(second.reason);
		const passMarks = await db
			.select({ passMark: sql<number>`(${quizAttempts.snapshot}->>'passMark')::int` })
			.from(quizAttempts)
			.where(eq(quizAttempts.userId, user.id))
			.orderBy(quizAttempts.number);
		expect(passMarks.map((p) => p.passMark)).toEqual([50, 60]);
	});
});
