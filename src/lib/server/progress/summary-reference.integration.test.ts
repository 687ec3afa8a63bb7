// The enrolment summaries (summary.ts) against their plain definition computed in JavaScript from
// the raw rows, after each kind of write made through the domain on random data: enrolling (by the
// learner and by a cohort), reading and completing lessons, quiz attempts graded, assignments graded,
// certificates issued, revoked and reinstated, a new course version, an erasure.
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	assignments,
	certificates,
	courseGraders,
	enrolments,
	enrolmentSummaries,
	lessonProgress,
	lessons,
	quizAttempts,
	quizzes,
	submissions,
	type Course
} from '$db/schema';
import { saveMarking } from '../assignments/grading';
import { getAssignment, saveWork } from '../assignments/submissions';
import { staffScope } from '../auth/staff';
import { reinstateCertificate, revokeCertificate } from '../certificates/revoke';
import { assignCourse } from '../cohorts/assign';
import { createCohort } from '../cohorts/cohorts';
import { addMembers } from '../cohorts/members';
import { syncCourses } from '../courses/sync';
import { createTestDatabase, testEngines } from '../db/test-helpers';
import type { Database, DatabaseHandle } from '../db';
import { enrolSelf, getCourseBySlug } from '../enrolment';
import { createOrganisation } from '../organisations';
import { erasePerson } from '../privacy/erasure';
import { getQuiz, handIn, snapshotOf, startAttempt } from '../quiz/attempts';
import { makeUser } from '$testing/factories';
import { progressPercent, recordActivity } from '.';

const fixture = fileURLToPath(new URL('../courses/fixtures/good/mini-course', import.meta.url));

const ASSIGNMENT = `title:
  vi: Báo cáo
instructions:
  vi: Nộp báo cáo.
handIn:
  files:
    types: [pdf]
    maxCount: 1
    maxMegabytes: 1
  text: optional
resubmissions: 3
rubric:
  criteria:
    - id: noi-dung
      title: { vi: Nội dung }
      levels:
        - { points: 0, title: { vi: Chưa có }, description: { vi: Không có. } }
        - { points: 1, title: { vi: Sơ sài }, description: { vi: Sơ sài. } }
        - { points: 2, title: { vi: Tốt }, description: { vi: Tốt. } }
  pass:
    points: 2
`;

/** A small deterministic generator (mulberry32), so a failure can be reproduced. */
function random(seed: number) {
	return () => {
		seed = (seed + 0x6d2b79f5) | 0;
		let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** Each summary by its definition, from every raw row, keyed by enrolment id. */
async function reference(db: Database) {
	const [es, ls, ps, as, qs, asns, subs, certs] = await Promise.all([
		db.select().from(enrolments),
		db.select().from(lessons),
		db.select().from(lessonProgress),
		db.select().from(quizAttempts),
		db.select().from(quizzes),
		db.select().from(assignments),
		db.select().from(submissions),
		db.select().from(certificates)
	]);
	const expected = new Map<string, Record<string, unknown>>();
	for (const e of es) {
		const mine = <T extends { userId: string | null; courseId: string | null }>(rows: T[]) =>
			rows.filter((r) => r.userId === e.userId && r.courseId === e.courseId);
		const required = ls.filter((l) => l.courseId === e.courseId && l.required && !l.retiredAt);
		const done = required.filter((l) =>
			ps.some((p) => p.lessonId === l.id && p.userId === e.userId && p.completedAt)
		).length;
		const scores = mine(as)
			.filter((a) => a.state === 'submitted' && a.percent !== null)
			.map((a) => a.percent!);
		const attempts = mine(as);
		const work = mine(subs);
		const newest = mine(certs)
			.filter((c) => c.kind === 'completion' && !c.revokedAt)
			.sort(
				(a, b) => b.issuedAt.getTime() - a.issuedAt.getTime() || b.registerNumber - a.registerNumber
			)[0];
		expected.set(e.id, {
			enrolmentId: e.id,
			lessonsDone: done,
			lessonsRequired: required.length,
			percent: progressPercent(done, required.length),
			bestPercent: scores.length ? Math.max(...scores) : null,
			quizzesPassed: qs
				.filter((q) => q.courseId === e.courseId && q.required && !q.retiredAt)
				.every((q) => attempts.some((a) => a.quizId === q.id && a.passed)),
			assignmentsPassed: asns
				.filter((a) => a.courseId === e.courseId && a.required && !a.retiredAt)
				.every((a) =>
					work.some((s) => s.assignmentId === a.id && s.state === 'graded' && s.passed)
				),
			certificateId: newest?.id ?? null,
			certificateCode: newest?.code ?? null
		});
	}
	return expected;
}

describe.each(testEngines)('enrolment summaries on %s', (engine) => {
	let handle: DatabaseHandle;
	let db: Database;
	let root: string;
	let quizCourse: Course;
	let workCourse: Course;
	let grader: { id: string; isAdmin: boolean };
	const learners: string[] = [];
	const draw = random(20_261_204);
	const pick = <T>(items: T[]) => items[Math.floor(draw() * items.length)];
	let clock = new Date('2026-09-01T01:00:00Z').getTime();
	const tick = () => new Date((clock += 61_000 + Math.floor(draw() * 600_000)));

	/** The stored summaries equal the reference, one for every enrolment. */
	async function expectCurrent() {
		const stored = await db.select().from(enrolmentSummaries);
		const expected = await reference(db);
		expect(stored.length).toBe(expected.size);
		expect(new Map(stored.map((s) => [s.enrolmentId, { ...s }]))).toEqual(expected);
	}

	beforeAll(async () => {
		handle = await createTestDatabase(engine);
		db = handle.db;
		root = mkdtempSync(join(tmpdir(), 'sachhon-summaries-'));
		cpSync(fixture, join(root, 'khoa-trac-nghiem'), { recursive: true });
		cpSync(fixture, join(root, 'khoa-thuc-hanh'), { recursive: true });
		writeFileSync(join(root, 'khoa-thuc-hanh', 'bao-cao.assignment.yaml'), ASSIGNMENT);
		rmSync(join(root, 'khoa-thuc-hanh', 'final.quiz.yaml'));
		expect((await syncCourses(db, root, 'test')).invalid).toEqual([]);
		quizCourse = (await getCourseBySlug(db, 'khoa-trac-nghiem'))!;
		workCourse = (await getCourseBySlug(db, 'khoa-thuc-hanh'))!;
		grader = { id: (await makeUser(db)).id, isAdmin: false };
		await db.insert(courseGraders).values({ courseId: workCourse.id, userId: grader.id });
	});
	afterAll(async () => {
		await handle?.close();
		rmSync(root, { recursive: true, force: true });
	});

	it('holds every enrolment, whether the learner or a cohort enrolled them', async () => {
		for (let i = 0; i < 10; i++) learners.push((await makeUser(db)).id);
		for (const id of learners.slice(0, 5)) {
			await enrolSelf(db, id, quizCourse, 'MAU-2026');
			if (draw() < 0.6) await enrolSelf(db, id, workCourse, 'MAU-2026');
		}
		const admin = await makeUser(db, { isAdmin: true });
		const organisationId = (
			await createOrganisation(db, { name: 'Trường D', kind: 'school', area: null })
		).id;
		const cohort = (await createCohort(db, await staffScope(db, admin), admin.id, {
			organisationId,
			name: '12D',
			year: 2026
		}))!;
		await addMembers(db, admin.id, cohort.id, learners.slice(3));
		await assignCourse(db, admin.id, cohort.id, quizCourse.id, null);
		await assignCourse(db, admin.id, cohort.id, workCourse.id, null);
		await expectCurrent();
	});

	it('follows lessons read and completed', async () => {
		const all = await db.select().from(lessons);
		const active = await db.select().from(enrolments);
		for (let i = 0; i < 40; i++) {
			const e = pick(active);
			const lesson = pick(all.filter((l) => l.courseId === e.courseId));
			await recordActivity(db, {
				userId: e.userId,
				courseId: e.courseId,
				lessonId: lesson.id,
				complete: draw() < 0.6,
				now: tick()
			});
		}
		await expectCurrent();
	});

	it('follows quiz attempts graded, passed or failed, and the certificates they bring', async () => {
		const quiz = (await getQuiz(db, quizCourse.id, 'final'))!;
		for (const userId of learners) {
			for (let n = 0; n < 2; n++) {
				if (draw() < 0.3) continue;
				const started = await startAttempt(db, quiz, userId, tick());
				if (!started.ok) continue;
				const question = snapshotOf(started.attempt).questions[0];
				const right = question.type === 'single' ? question.options.findIndex((o) => o.correct) : 0;
				const choice = draw() < 0.6 ? right : right === 0 ? 1 : 0;
				await handIn(
					db,
					started.attempt.id,
					userId,
					{ [question.id]: { type: 'single', choice } },
					tick()
				);
			}
		}
		await expectCurrent();
	});

	it('follows assignments graded, and the certificates they bring', async () => {
		const assignment = (await getAssignment(db, workCourse.id, 'bao-cao'))!;
		const enrolled = await db
			.select()
			.from(enrolments)
			.where(eq(enrolments.courseId, workCourse.id));
		// Lessons done first for some, so that a pass completes their course.
		for (const e of enrolled.filter(() => draw() < 0.6))
			for (const lesson of await db
				.select()
				.from(lessons)
				.where(eq(lessons.courseId, workCourse.id)))
				await recordActivity(db, {
					userId: e.userId,
					courseId: e.courseId,
					lessonId: lesson.id,
					complete: true,
					now: tick()
				});
		for (const e of enrolled) {
			for (let round = 0; round < 2; round++) {
				const handed = await saveWork(db, {
					assignment,
					userId: e.userId,
					body: 'Báo cáo ba chỗ lãng phí',
					handIn: true,
					now: tick()
				});
				if (!handed.ok) break;
				const points = Math.floor(draw() * 3);
				await saveMarking(db, {
					grader,
					submissionId: handed.submission.id,
					marking: {
						levels: { 'noi-dung': points },
						comments: {},
						overall: '',
						decide: draw() < 0.7 ? 'graded' : 'returned'
					},
					now: tick()
				});
			}
		}
		await expectCurrent();
	});

	it('follows certificates revoked and reinstated', async () => {
		const issued = await db.select().from(certificates);
		expect(issued.length).toBeGreaterThan(1);
		await revokeCertificate(db, { certificateId: issued[0].id, actorId: null, reason: 'Nhầm' });
		await revokeCertificate(db, { certificateId: issued[1].id, actorId: null, reason: 'Nhầm' });
		await expectCurrent();
		await reinstateCertificate(db, { certificateId: issued[1].id, actorId: null });
		await expectCurrent();
	});

	it('follows a new version that drops a lesson, and one that brings it back', async () => {
		const folder = join(root, 'khoa-trac-nghiem');
		const kept = join(root, 'doc-them.md');
		cpSync(join(folder, '03-doc-them.md'), kept);
		rmSync(join(folder, '03-doc-them.md'));
		rmSync(join(folder, '03-doc-them.en.md'));
		expect((await syncCourses(db, root, 'test')).invalid).toEqual([]);
		await expectCurrent();
		cpSync(kept, join(folder, '03-doc-them.md'));
		expect((await syncCourses(db, root, 'test')).invalid).toEqual([]);
		await expectCurrent();
	});

	it('follows an erasure: the lessons and work go, the attempts and certificates stay', async () => {
		const admin = await makeUser(db, { isAdmin: true });
		const done = await db.select().from(lessonProgress);
		const person = done.find((p) => p.completedAt)!.userId;
		await erasePerson(db, person, { by: admin.id, reason: 'request' });
		await expectCurrent();
		const [mine] = await db
			.select()
			.from(enrolmentSummaries)
			.innerJoin(enrolments, eq(enrolments.id, enrolmentSummaries.enrolmentId))
			.where(eq(enrolments.userId, person));
		expect(mine.enrolment_summaries.lessonsDone).toBe(0);
	});
});
