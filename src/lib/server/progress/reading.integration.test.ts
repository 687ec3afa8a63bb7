import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enrolments, lessonProgress, lessons, type Course, type Lesson } from '$db/schema';
import { syncCourses } from '../courses/sync';
import { createTestDatabase, testEngines } from '../db/test-helpers';
import type { Database, DatabaseHandle } from '../db';
import { enrolSelf, getCourseBySlug } from '../enrolment';
import { makeUser } from '$testing/factories';
import { dashboard, recordActivity } from '.';

const fixture = fileURLToPath(new URL('../courses/fixtures/good/mini-course', import.meta.url));

// Reading is recorded by views (sent by the page once shown), heartbeats, and the buttons that lead
// from lesson to lesson without JavaScript; never by loading a page (see the lesson route).
describe.each(testEngines)('recording reading on %s', (engine) => {
	let handle: DatabaseHandle;
	let db: Database;
	let root: string;
	let course: Course;
	let intro: Lesson, balance: Lesson, extra: Lesson;
	const t0 = new Date('2026-04-01T01:00:00Z');
	const at = (s: number) => new Date(t0.getTime() + s * 1000);

	beforeAll(async () => {
		handle = await createTestDatabase(engine);
		db = handle.db;
		root = mkdtempSync(join(tmpdir(), 'sachhon-reading-'));
		cpSync(fixture, join(root, 'khoa-doc'), { recursive: true });
		// Lessons only, open to all.
		rmSync(join(root, 'khoa-doc', 'final.quiz.yaml'));
		const yaml = join(root, 'khoa-doc', 'course.yaml');
		writeFileSync(
			yaml,
			readFileSync(yaml, 'utf8')
				.replace('enrolment: key', 'enrolment: open')
				.replace('enrolmentKey: MAU-2026\n', '')
		);
		await syncCourses(db, root, 'test');
		course = (await getCourseBySlug(db, 'khoa-doc'))!;
		[intro, balance, extra] = await db
			.select()
			.from(lessons)
			.where(eq(lessons.courseId, course.id))
			.orderBy(lessons.position);
	});
	afterAll(async () => {
		await handle?.close();
		rmSync(root, { recursive: true, force: true });
	});

	async function learner() {
		const user = await makeUser(db);
		await enrolSelf(db, user.id, course);
		const on = (lessonId: string, s: number, more: { complete?: boolean; goingTo?: string } = {}) =>
			recordActivity(db, { userId: user.id, courseId: course.id, lessonId, now: at(s), ...more });
		return { user, on };
	}

	async function progressOf(userId: string) {
		const rows = await db
			.select({
				lessonId: lessonProgress.lessonId,
				secondsSpent: lessonProgress.secondsSpent,
				completed: lessonProgress.completedAt
			})
			.from(lessonProgress)
			.where(eq(lessonProgress.userId, userId));
		return Object.fromEntries(
			rows.map((r) => [r.lessonId, { seconds: r.secondsSpent, completed: r.completed !== null }])
		);
	}

	async function currentLesson(userId: string) {
		const [row] = await db
			.select({ lessonId: enrolments.lastLessonId, at: enrolments.lastActivityAt })
			.from(enrolments)
			.where(and(eq(enrolments.userId, userId), eq(enrolments.courseId, course.id)));
		return row;
	}

	it('credits the time between views to the lesson read, and continues with the last viewed', async () => {
		const { user, on } = await learner();
		await on(intro.id, 0);
		await on(intro.id, 30); // a heartbeat
		await on(balance.id, 100); // the view of the next lesson
		expect(await progressOf(user.id)).toEqual({
			[intro.id]: { seconds: 100, completed: false },
			[balance.id]: { seconds: 0, completed: false }
		});
		expect(await currentLesson(user.id)).toEqual({ lessonId: balance.id, at: at(100) });
		expect((await dashboard(db, user.id)).inProgress[0].next?.slug).toBe(balance.slug);
	});

	it('records a move by button: both lessons viewed, the next one current, time to the one read', async () => {
		const { user, on } = await learner();
		await on(intro.id, 0, { goingTo: balance.id }); // "next" pressed on a lesson reached by a link
		expect(await progressOf(user.id)).toEqual({
			[intro.id]: { seconds: 0, completed: false },
			[balance.id]: { seconds: 0, completed: false }
		});
		expect(await currentLesson(user.id)).toEqual({ lessonId: balance.id, at: at(0) });

		// Reading the next lesson for two minutes, then "previous": the two minutes are its own.
		await on(balance.id, 120, { goingTo: intro.id });
		expect(await progressOf(user.id)).toMatchObject({ [balance.id]: { seconds: 120 } });
		expect((await dashboard(db, user.id)).inProgress[0].next?.slug).toBe(intro.slug);
	});

	it('completes a lesson and goes on to the next in one press, the course only when all is done', async () => {
		const { user, on } = await learner();
		await on(intro.id, 0);
		const first = await on(intro.id, 200, { complete: true, goingTo: balance.id });
		expect(first.courseCompleted).toBe(false);
		expect(await progressOf(user.id)).toEqual({
			[intro.id]: { seconds: 200, completed: true },
			[balance.id]: { seconds: 0, completed: false }
		});
		expect((await currentLesson(user.id)).lessonId).toBe(balance.id);
		const last = await on(balance.id, 500, { complete: true, goingTo: extra.id });
		expect(last.courseCompleted).toBe(true);
		expect(await progressOf(user.id)).toMatchObject({
			[balance.id]: { seconds: 300, completed: true },
			[extra.id]: { seconds: 0, completed: false }
		});
	});

	it('adds up reading time to the time elapsed however views, heartbeats and buttons interleave', async () => {
		const { user, on } = await learner();
		await on(intro.id, 0);
		await on(intro.id, 30);
		await on(intro.id, 40, { goingTo: balance.id });
		await on(balance.id, 70);
		await on(balance.id, 100); // the view after the button: nothing counted twice
		await on(extra.id, 160);
		const seconds = Object.values(await progressOf(user.id)).reduce((s, p) => s + p.seconds, 0);
		expect(seconds).toBe(160);
	});

	it('writes nothing for someone not enrolled (a trainer previewing)', async () => {
		const trainer = await makeUser(db);
		const result = await recordActivity(db, {
			userId: trainer.id,
			courseId: course.id,
			lessonId: intro.id,
			goingTo: balance.id
		});
		expect(result).toEqual({ tracked: false, courseCompleted: false });
		expect(await progressOf(trainer.id)).toEqual({});
	});
});
