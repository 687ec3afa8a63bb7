import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enrolments, lessonProgress, lessons, type Course } from '$db/schema';
import { syncCourses } from '../courses/sync';
import { createTestDatabase, testEngines } from '../db/test-helpers';
import type { Database, DatabaseHandle } from '../db';
import { courseLearners, dashboard, lessonStates, recordActivity } from '../progress';
import { makeUser } from '$testing/factories';
import { scopeOf } from '../auth/staff';
import {
	enrolByStaff as enrolByStaffIn,
	enrolSelf,
	getCourseBySlug,
	getEnrolment,
	leaveCourse
} from './index';

const fixture = fileURLToPath(new URL('../courses/fixtures/good/mini-course', import.meta.url));

/** Three variants of the fixture course: open, key and assigned-only (and one draft). */
function writeCourses(root: string) {
	const variants = {
		'khoa-mo': 'open',
		'khoa-co-ma': 'key',
		'khoa-duoc-giao': 'assigned',
		'khoa-nhap': 'draft'
	};
	for (const [slug, mode] of Object.entries(variants)) {
		cpSync(fixture, join(root, slug), { recursive: true });
		// Lessons only: quizzes in the completion rule are the quiz engine's tests.
		rmSync(join(root, slug, 'final.quiz.yaml'));
		const yaml = join(root, slug, 'course.yaml');
		let text = readFileSync(yaml, 'utf8');
		if (mode === 'draft') text = text.replace('status: published', 'status: draft');
		else if (mode !== 'key')
			text = text
				.replace('enrolment: key', `enrolment: ${mode}`)
				.replace('enrolmentKey: MAU-2026\n', '');
		writeFileSync(yaml, text);
	}
}

describe.each(testEngines)('enrolment and progress on %s', (engine) => {
	let handle: DatabaseHandle;
	let db: Database;
	let root: string;
	let open: Course, keyed: Course, assigned: Course, draft: Course;

	beforeAll(async () => {
		handle = await createTestDatabase(engine);
		db = handle.db;
		root = mkdtempSync(join(tmpdir(), 'sachhon-enrol-'));
		writeCourses(root);
		const report = await syncCourses(db, root, 'test');
		expect(report.created).toHaveLength(4);
		open = (await getCourseBySlug(db, 'khoa-mo'))!;
		keyed = (await getCourseBySlug(db, 'khoa-co-ma'))!;
		assigned = (await getCourseBySlug(db, 'khoa-duoc-giao'))!;
		draft = (await getCourseBySlug(db, 'khoa-nhap'))!;
	});
	afterAll(async () => {
		await handle?.close();
		rmSync(root, { recursive: true, force: true });
	});

	it('enrols in an open course once, however often asked, even at the same time', async () => {
		const learner = await makeUser(db);
		const results = await Promise.all([1, 2, 3].map(() => enrolSelf(db, learner.id, open)));
		expect(results.every((r) => r.ok)).toBe(true);
		const rows = await db.select().from(enrolments).where(eq(enrolments.userId, learner.id));
		expect(rows).toHaveLength(1);
		expect(rows[0].source).toBe('self');
	});

	it('asks for the right key, in any case', async () => {
		const learner = await makeUser(db);
		expect(await enrolSelf(db, learner.id, keyed)).toEqual({ ok: false, reason: 'key_required' });
		expect(await enrolSelf(db, learner.id, keyed, 'sai-ma')).toEqual({
			ok: false,
			reason: 'wrong_key'
		});
		const ok = await enrolSelf(db, learner.id, keyed, ' mau-2026 ');
		expect(ok.ok && ok.enrolment.source).toBe('key');
	});

	it('closes assigned-only and draft courses to self-enrolment, but not to staff', async () => {
		const learner = await makeUser(db, { identifier: 'hs-duoc-giao' });
		// An administrator reaches everyone: enrols directly, and hears of an unknown account.
		const trainer = await makeUser(db, { isAdmin: true });
		const scope = scopeOf(trainer, []);
		const enrolByStaff = (course: Course, identifier: string) =>
			enrolByStaffIn(db, scope, trainer.id, course, null, identifier);
		expect(await enrolSelf(db, learner.id, assigned)).toEqual({ ok: false, reason: 'closed' });
		expect(await enrolSelf(db, learner.id, draft)).toEqual({ ok: false, reason: 'not_found' });
		const staff = await enrolByStaff(assigned, 'HS-DUOC-GIAO');
		expect(staff).toEqual({
			ok: true,
			enrolled: 'new',
			user: { id: learner.id, fullName: learner.fullName }
		});
		expect((await enrolByStaff(assigned, 'hs-duoc-giao')).ok && 'already').toBe('already');
		expect(await enrolByStaff(assigned, 'khong-ai')).toEqual({
			ok: false,
			reason: 'user_not_found'
		});
		const enrolment = await getEnrolment(db, learner.id, assigned.id);
		expect(enrolment?.enrolledBy).toBe(trainer.id);
	});

	it('keeps progress when a learner leaves and comes back (without the key again)', async () => {
		const learner = await makeUser(db);
		await enrolSelf(db, learner.id, keyed, 'MAU-2026');
		const [first] = await db
			.select()
			.from(lessons)
			.where(eq(lessons.courseId, keyed.id))
			.orderBy(lessons.position);
		await recordActivity(db, {
			userId: learner.id,
			courseId: keyed.id,
			lessonId: first.id,
			complete: true
		});
		await leaveCourse(db, learner.id, keyed.id);
		expect((await getEnrolment(db, learner.id, keyed.id))?.status).toBe('left');
		expect((await dashboard(db, learner.id)).inProgress).toEqual([]);
		const back = await enrolSelf(db, learner.id, keyed);
		expect(back.ok && back.returning).toBe(true);
		const states = await lessonStates(db, learner.id, [keyed.id]);
		expect(states[0].completed).toBe(true);
	});

	it('counts progress on required lessons, credits reading time, and completes the course once', async () => {
		const learner = await makeUser(db);
		await enrolSelf(db, learner.id, open);
		const [intro, balance, extra] = await db
			.select()
			.from(lessons)
			.where(eq(lessons.courseId, open.id))
			.orderBy(lessons.position);
		const t0 = new Date('2026-04-01T01:00:00Z');
		const at = (s: number) => new Date(t0.getTime() + s * 1000);

		await recordActivity(db, {
			userId: learner.id,
			courseId: open.id,
			lessonId: intro.id,
			now: t0
		});
		await recordActivity(db, {
			userId: learner.id,
			courseId: open.id,
			lessonId: intro.id,
			now: at(30)
		});
		let board = await dashboard(db, learner.id);
		expect(board.inProgress[0]).toMatchObject({ slug: 'khoa-mo', percent: 0 });
		expect(board.inProgress[0].next?.slug).toBe('gioi-thieu');

		// Reading on for 4 minutes, then completing: 30 s + 240 s credited to the first lesson.
		const done = await recordActivity(db, {
			userId: learner.id,
			courseId: open.id,
			lessonId: intro.id,
			complete: true,
			now: at(270)
		});
		expect(done.courseCompleted).toBe(false);
		// Away for a day: the gap is capped, not credited in full.
		await recordActivity(db, {
			userId: learner.id,
			courseId: open.id,
			lessonId: balance.id,
			now: at(86_400)
		});
		board = await dashboard(db, learner.id);
		expect(board.inProgress[0]).toMatchObject({ percent: 50, completedRequired: 1, required: 2 });
		expect(board.inProgress[0].next?.slug).toBe('can-bang-nuoc');
		let states = await lessonStates(db, learner.id, [open.id]);
		expect(states[0].secondsSpent).toBe(270 + 15 * 60);

		// The optional lesson does not count towards completion.
		await recordActivity(db, {
			userId: learner.id,
			courseId: open.id,
			lessonId: extra.id,
			complete: true,
			now: at(86_500)
		});
		const finished = await recordActivity(db, {
			userId: learner.id,
			courseId: open.id,
			lessonId: balance.id,
			complete: true,
			now: at(86_600)
		});
		expect(finished.courseCompleted).toBe(true);
		const again = await recordActivity(db, {
			userId: learner.id,
			courseId: open.id,
			lessonId: balance.id,
			complete: true,
			now: at(90_000)
		});
		expect(again.courseCompleted).toBe(false);
		const enrolment = await getEnrolment(db, learner.id, open.id);
		expect(enrolment?.completedAt?.toISOString()).toBe(at(86_600).toISOString());
		board = await dashboard(db, learner.id);
		expect(board.completed.map((c) => c.slug)).toEqual(['khoa-mo']);
		states = await lessonStates(db, learner.id, [open.id]);
		expect(states.every((s) => s.completed)).toBe(true);

		const learners = await courseLearners(db, open.id, { everyone: true });
		const row = learners.find((l) => l.userId === learner.id);
		expect(row).toMatchObject({ percent: 100, completedRequired: 2 });
		expect(row?.completedAt).not.toBeNull();
		expect(await courseLearners(db, open.id, { everyone: false, organisationIds: [] })).toEqual([]);
	});

	it('credits each interval once when one learner sends views at the same time', async () => {
		const learner = await makeUser(db);
		await enrolSelf(db, learner.id, open);
		const [intro, balance] = await db
			.select()
			.from(lessons)
			.where(eq(lessons.courseId, open.id))
			.orderBy(lessons.position);
		const t0 = new Date('2026-05-01T01:00:00Z');
		const base = { userId: learner.id, courseId: open.id };
		await recordActivity(db, { ...base, lessonId: intro.id, now: t0 });
		// Ten tabs report at once, 90 s later: the 90 s go to the first lesson once, not ten times.
		const later = new Date(t0.getTime() + 90_000);
		const views = await Promise.all(
			Array.from({ length: 10 }, (_, i) =>
				recordActivity(db, { ...base, lessonId: i % 2 ? balance.id : intro.id, now: later })
			)
		);
		expect(views.every((v) => v.tracked)).toBe(true);
		const states = await lessonStates(db, learner.id, [open.id]);
		expect(states.reduce((sum, s) => sum + s.secondsSpent, 0)).toBe(90);
		expect(states.find((s) => s.id === intro.id)?.secondsSpent).toBe(90);
		// Both lessons were visited (a progress row each); neither was completed by viewing.
		const visited = await db
			.select({ lessonId: lessonProgress.lessonId })
			.from(lessonProgress)
			.where(eq(lessonProgress.userId, learner.id));
		expect(visited.map((v) => v.lessonId).sort()).toEqual([intro.id, balance.id].sort());
		expect(states.some((s) => s.completed)).toBe(false);
	});

	it('does not track a visitor who is not enrolled', async () => {
		const trainer = await makeUser(db);
		const [first] = await db.select().from(lessons).where(eq(lessons.courseId, draft.id));
		const r = await recordActivity(db, {
			userId: trainer.id,
			courseId: draft.id,
			lessonId: first.id,
			complete: true
		});
		expect(r).toEqual({ tracked: false, courseCompleted: false });
	});
});
