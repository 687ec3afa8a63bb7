import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { and, eq } from 'drizzle-orm';
import { zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	auditEvents,
	certificates,
	courseGraders,
	lessons,
	notifications,
	submissionMarks,
	submissions,
	type Assignment,
	type Course
} from '$db/schema';
import { syncCourses } from '../courses/sync';
import { createTestDatabase, testEngines } from '../db/test-helpers';
import type { Database, DatabaseHandle } from '../db';
import { enrolSelf, getCourseBySlug, getEnrolment } from '../enrolment';
import { recordActivity } from '../progress';
import { learningRecordOf } from '../progress/export';
import { makeUser } from '$testing/factories';
import { mayGradeCourse, submissionAccess } from './access';
import { gradingView, saveMarking } from './grading';
import { gradingQueue } from './queue';
import { getAssignment, learnerView, saveWork } from './submissions';

const fixture = fileURLToPath(new URL('../courses/fixtures/good/mini-course', import.meta.url));

// Two criteria of 0–3; pass 4 of 6 with each at least 1.
const ASSIGNMENT = `title:
  vi: Báo cáo đánh giá nhanh
instructions:
  vi: |
    Đi một vòng xưởng, ghi lại **ba** chỗ lãng phí và nộp báo cáo.
handIn:
  files:
    types: [pdf, docx]
    maxCount: 2
    maxMegabytes: 1
  text: optional
due:
  daysAfterEnrolment: 10
late: accept
resubmissions: 1
rubric:
  criteria:
    - id: lang-phi
      title: { vi: Chỗ lãng phí }
      levels:
        - { points: 0, title: { vi: Chưa có }, description: { vi: Không nêu chỗ nào. } }
        - { points: 1, title: { vi: Sơ sài }, description: { vi: Nêu chung chung. } }
        - { points: 2, title: { vi: Khá }, description: { vi: Nêu đủ ba chỗ. } }
        - { points: 3, title: { vi: Tốt }, description: { vi: Có số đo kèm theo. } }
    - id: giai-phap
      title: { vi: Giải pháp }
      levels:
        - { points: 0, title: { vi: Chưa có }, description: { vi: Không có giải pháp. } }
        - { points: 1, title: { vi: Sơ sài }, description: { vi: Một giải pháp. } }
        - { points: 2, title: { vi: Khá }, description: { vi: Hai giải pháp. } }
        - { points: 3, title: { vi: Tốt }, description: { vi: Ba giải pháp có ước tính. } }
  pass:
    points: 4
    everyCriterion: 1
`;

const PDF = new TextEncoder().encode('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
const enc = (s: string) => new TextEncoder().encode(s);
const DOCX = zipSync({ '[Content_Types].xml': enc('<Types/>'), 'word/document.xml': enc('<w/>') });
const HTML = enc('<html><script>alert(1)</script></html>');
const DAY = 86_400_000;

describe.each(testEngines)('assignments graded by trainers, on %s', (engine) => {
	let handle: DatabaseHandle;
	let db: Database;
	let root: string;
	let course: Course;
	let assignment: Assignment;
	let author: { id: string; isAdmin: boolean };
	let grader: { id: string; isAdmin: boolean };
	let lead: { id: string; isAdmin: boolean };
	let otherGrader: { id: string; isAdmin: boolean };

	beforeAll(async () => {
		handle = await createTestDatabase(engine);
		db = handle.db;
		root = mkdtempSync(join(tmpdir(), 'sachhon-assignments-'));
		cpSync(fixture, join(root, 'mini-course'), { recursive: true });
		writeFileSync(join(root, 'mini-course', 'bao-cao.assignment.yaml'), ASSIGNMENT);
		// The lessons and the assignment make the rule here: no quiz.
		rmSync(join(root, 'mini-course', 'final.quiz.yaml'));
		// A second course, graded by someone else.
		cpSync(fixture, join(root, 'other-course'), { recursive: true });
		writeFileSync(join(root, 'other-course', 'bao-cao.assignment.yaml'), ASSIGNMENT);
		const report = await syncCourses(db, root, 'test');
		expect(report.invalid).toEqual([]);
		course = (await getCourseBySlug(db, 'mini-course'))!;
		assignment = (await getAssignment(db, course.id, 'bao-cao'))!;
		const other = (await getCourseBySlug(db, 'other-course'))!;
		author = { id: (await makeUser(db)).id, isAdmin: false };
		grader = { id: (await makeUser(db)).id, isAdmin: false };
		lead = { id: (await makeUser(db)).id, isAdmin: false };
		otherGrader = { id: (await makeUser(db)).id, isAdmin: false };
		await db.insert(courseGraders).values([
			{ courseId: course.id, userId: grader.id },
			{ courseId: course.id, userId: lead.id, lead: true },
			{ courseId: other.id, userId: otherGrader.id }
		]);
		void author;
	});
	afterAll(async () => {
		await handle?.close();
		rmSync(root, { recursive: true, force: true });
	});

	async function enrolledLearner() {
		const learner = await makeUser(db);
		const result = await enrolSelf(db, learner.id, course, 'MAU-2026');
		expect(result.ok).toBe(true);
		return learner;
	}

	async function finishLessons(userId: string) {
		const all = await db.select().from(lessons).where(eq(lessons.courseId, course.id));
		for (const lesson of all)
			await recordActivity(db, {
				userId,
				courseId: course.id,
				lessonId: lesson.id,
				complete: true
			});
	}

	const marking = (a: number, b: number, decide: 'graded' | 'returned' | null) => ({
		levels: { 'lang-phi': a, 'giai-phap': b },
		comments: { 'lang-phi': 'Cần số đo nước của máy rửa.' },
		overall: 'Báo cáo rõ ràng.',
		decide
	});

	it('publishes the assignment with its instructions rendered', () => {
		expect(assignment.required).toBe(true);
		expect(assignment.html.vi).toContain('<strong>ba</strong>');
	});

	it('goes draft → submitted → returned → resubmitted → graded, and the pass completes the course with its certificate', async () => {
		const learner = await enrolledLearner();
		await finishLessons(learner.id);
		expect((await getEnrolment(db, learner.id, course.id))?.completedAt).toBeNull();

		const draft = await saveWork(db, {
			assignment,
			userId: learner.id,
			body: 'Bản nháp đầu',
			files: [{ name: 'bao-cao.pdf', bytes: PDF }],
			handIn: false
		});
		expect(draft.ok && draft.submission.state).toBe('draft');
		const handed = await saveWork(db, { assignment, userId: learner.id, handIn: true });
		expect(handed.ok && handed.submission.state).toBe('submitted');
		if (!handed.ok) throw new Error('not handed in');
		expect(handed.submission.body).toBe('Bản nháp đầu');
		expect(handed.submission.late).toBe(false);

		// Handed in: no new round while it waits.
		expect(
			await saveWork(db, { assignment, userId: learner.id, body: 'x', handIn: false })
		).toEqual({
			ok: false,
			reason: 'waiting'
		});

		const returned = await saveMarking(db, {
			grader,
			submissionId: handed.submission.id,
			marking: marking(1, 0, 'returned')
		});
		expect(returned.ok && returned.decided).toBe(true);
		let view = await learnerView(db, assignment, learner.id);
		expect(view.rounds[0].state).toBe('returned');
		expect(view.rounds[0].feedback?.comments['lang-phi']).toBe('Cần số đo nước của máy rửa.');
		expect(view.next).toEqual({ ok: true });

		const second = await saveWork(db, {
			assignment,
			userId: learner.id,
			files: [{ name: 'ban-sua.docx', bytes: DOCX }],
			handIn: true
		});
		if (!second.ok) throw new Error(JSON.stringify(second));
		expect(second.submission.round).toBe(2);
		// The last round allowed (resubmissions: 1) cannot be returned again.
		expect(
			await saveMarking(db, {
				grader,
				submissionId: second.submission.id,
				marking: marking(2, 2, 'returned')
			})
		).toEqual({ ok: false, reason: 'no_rounds_left' });
		// A grade needs every criterion marked.
		expect(
			await saveMarking(db, {
				grader,
				submissionId: second.submission.id,
				marking: { ...marking(2, 2, 'graded'), levels: { 'lang-phi': 2 } }
			})
		).toEqual({ ok: false, reason: 'incomplete' });
		const graded = await saveMarking(db, {
			grader,
			submissionId: second.submission.id,
			marking: marking(2, 3, 'graded')
		});
		expect(graded.ok).toBe(true);
		view = await learnerView(db, assignment, learner.id);
		expect(view.rounds[1]).toMatchObject({
			state: 'graded',
			points: 5,
			maxPoints: 6,
			passed: true
		});
		expect(view.next).toEqual({ ok: false, reason: 'passed' });

		expect((await getEnrolment(db, learner.id, course.id))?.completedAt).not.toBeNull();
		const [certificate] = await db
			.select()
			.from(certificates)
			.where(eq(certificates.userId, learner.id));
		expect(certificate.assessments).toEqual([
			expect.objectContaining({ title: { vi: 'Báo cáo đánh giá nhanh' }, points: 5, maxPoints: 6 })
		]);
		expect((certificate.credential as { assessments?: unknown[] }).assessments).toHaveLength(1);

		// The learner's data download holds both rounds, the files' names and the feedback decided.
		const work = (await learningRecordOf(db, learner.id)).assignmentWork;
		expect(work.map((w) => [w.round, w.state, w.files.map((f) => f.name)])).toEqual([
			[1, 'returned', ['bao-cao.pdf']],
			[2, 'graded', ['ban-sua.docx']]
		]);
		expect(work[0].feedback?.comments['lang-phi']).toBe('Cần số đo nước của máy rửa.');

		const told = await db
			.select({ key: notifications.key, params: notifications.params })
			.from(notifications)
			.where(and(eq(notifications.userId, learner.id), eq(notifications.kind, 'graded')));
		expect(told).toHaveLength(2);
		const audited = await db
			.select({ action: auditEvents.action })
			.from(auditEvents)
			.where(eq(auditEvents.subjectId, learner.id));
		expect(audited.map((a) => a.action).sort()).toEqual(
			expect.arrayContaining(['submission.graded', 'submission.returned'])
		);
	});

	it('keeps every regrade as a version, audited, and a failed grade leaves the course open', async () => {
		const learner = await enrolledLearner();
		await finishLessons(learner.id);
		const handed = await saveWork(db, {
			assignment,
			userId: learner.id,
			body: 'Bài làm',
			handIn: true
		});
		if (!handed.ok) throw new Error('not handed in');
		// Passing points but one criterion at 0: not passed.
		await saveMarking(db, {
			grader,
			submissionId: handed.submission.id,
			marking: marking(3, 0, 'graded')
		});
		let [row] = await db.select().from(submissions).where(eq(submissions.id, handed.submission.id));
		expect(row).toMatchObject({ state: 'graded', points: 3, passed: false });
		expect((await getEnrolment(db, learner.id, course.id))?.completedAt).toBeNull();

		await saveMarking(db, {
			grader: lead,
			submissionId: handed.submission.id,
			marking: marking(3, 1, 'graded')
		});
		[row] = await db.select().from(submissions).where(eq(submissions.id, handed.submission.id));
		expect(row).toMatchObject({ points: 4, passed: true });
		const versions = await db
			.select({ version: submissionMarks.version, points: submissionMarks.points })
			.from(submissionMarks)
			.where(eq(submissionMarks.submissionId, handed.submission.id))
			.orderBy(submissionMarks.version);
		expect(versions).toEqual([
			{ version: 1, points: 3 },
			{ version: 2, points: 4 }
		]);
		expect((await getEnrolment(db, learner.id, course.id))?.completedAt).not.toBeNull();
		const view = await gradingView(db, grader, row, assignment);
		expect(view.history.map((h) => h.version)).toEqual([2, 1]);
	});

	it('never shows the learner a draft grade', async () => {
		const learner = await enrolledLearner();
		const handed = await saveWork(db, {
			assignment,
			userId: learner.id,
			body: 'Bài',
			handIn: true
		});
		if (!handed.ok) throw new Error('not handed in');
		await saveMarking(db, {
			grader,
			submissionId: handed.submission.id,
			marking: marking(3, 3, null)
		});
		const view = await learnerView(db, assignment, learner.id);
		expect(view.rounds[0]).toMatchObject({
			state: 'submitted',
			points: null,
			passed: null,
			feedback: null
		});
		// Another grader does not see it either: a draft is its grader's own.
		const [row] = await db
			.select()
			.from(submissions)
			.where(eq(submissions.id, handed.submission.id));
		expect((await gradingView(db, lead, row, assignment)).marking).toBeUndefined();
	});

	it('marks moderated work blind by two graders, then the lead decides', async () => {
		const learner = await enrolledLearner();
		const moderated = {
			...assignment,
			definition: { ...assignment.definition, moderation: { sample: 0.5 } }
		};
		const handed = await saveWork(db, {
			assignment: moderated,
			userId: learner.id,
			body: 'Bài',
			handIn: true,
			draw: () => 0.1
		});
		if (!handed.ok) throw new Error('not handed in');
		expect(handed.submission.moderated).toBe(true);
		const id = handed.submission.id;
		const first = await saveMarking(db, {
			grader,
			submissionId: id,
			marking: marking(2, 2, 'graded')
		});
		expect(first.ok && first.mark.role).toBe('first');
		expect(first.ok && first.decided).toBe(false);
		let [row] = await db.select().from(submissions).where(eq(submissions.id, id));
		// The second grader does not see the first's marks.
		let view = await gradingView(db, lead, row, assignment);
		expect(view.role).toBe('second');
		expect(view.marking).toBeUndefined();
		expect(view.moderation).toBeNull();
		const second = await saveMarking(db, {
			grader: lead,
			submissionId: id,
			marking: marking(3, 1, 'graded')
		});
		expect(second.ok && second.mark.role).toBe('second');
		[row] = await db.select().from(submissions).where(eq(submissions.id, id));
		expect(row.state).toBe('submitted');
		// Only the lead decides, seeing both and where they differ.
		expect(
			await saveMarking(db, { grader, submissionId: id, marking: marking(2, 2, 'graded') })
		).toEqual({
			ok: false,
			reason: 'not_lead'
		});
		view = await gradingView(db, lead, row, assignment);
		expect(view.role).toBe('final');
		expect(view.moderation?.differences.criteria.map((c) => c.id)).toEqual([
			'lang-phi',
			'giai-phap'
		]);
		const decided = await saveMarking(db, {
			grader: lead,
			submissionId: id,
			marking: marking(2, 2, 'graded')
		});
		expect(decided.ok && decided.decided).toBe(true);
		[row] = await db.select().from(submissions).where(eq(submissions.id, id));
		expect(row).toMatchObject({ state: 'graded', points: 4, passed: true });
	});

	it('accepts late work and marks it late; refuses it when the author says so', async () => {
		const learner = await enrolledLearner();
		const late = await saveWork(db, {
			assignment,
			userId: learner.id,
			body: 'Muộn',
			handIn: true,
			now: new Date(Date.now() + 20 * DAY)
		});
		expect(late.ok && late.submission.late).toBe(true);
		const strict = { ...assignment, definition: { ...assignment.definition, late: 'refuse' } };
		const other = await enrolledLearner();
		expect(
			await saveWork(db, {
				assignment: strict,
				userId: other.id,
				body: 'Muộn',
				handIn: true,
				now: new Date(Date.now() + 20 * DAY)
			})
		).toEqual({ ok: false, reason: 'closed' });
	});

	it('checks files by their bytes, size and number, and a refused hand-in leaves nothing behind', async () => {
		const learner = await enrolledLearner();
		expect(
			await saveWork(db, {
				assignment,
				userId: learner.id,
				files: [{ name: 'bao-cao.pdf', bytes: HTML }],
				handIn: true
			})
		).toMatchObject({ ok: false, reason: 'type', file: 'bao-cao.pdf' });
		expect(
			await saveWork(db, {
				assignment,
				userId: learner.id,
				files: [{ name: 'bao-cao.docx', bytes: PDF }],
				handIn: true
			})
		).toMatchObject({ ok: false, reason: 'extension' });
		expect(
			await saveWork(db, {
				assignment,
				userId: learner.id,
				files: [
					{ name: 'lon.pdf', bytes: new Uint8Array([...PDF, ...new Uint8Array(1024 * 1024)]) }
				],
				handIn: true
			})
		).toMatchObject({ ok: false, reason: 'too_large', maxMegabytes: 1 });
		expect(
			await saveWork(db, {
				assignment,
				userId: learner.id,
				files: [1, 2, 3].map((n) => ({ name: `${n}.pdf`, bytes: PDF })),
				handIn: true
			})
		).toEqual({ ok: false, reason: 'too_many_files' });
		expect(await saveWork(db, { assignment, userId: learner.id, handIn: true })).toEqual({
			ok: false,
			reason: 'no_content'
		});
		// Nothing of the refused hand-ins was kept (the empty one's draft is rolled back too).
		const rows = await db.select().from(submissions).where(eq(submissions.userId, learner.id));
		expect(rows.filter((r) => r.state !== 'draft')).toEqual([]);
	});

	it('refuses work from someone not enrolled', async () => {
		const stranger = await makeUser(db);
		expect(
			await saveWork(db, { assignment, userId: stranger.id, body: 'x', handIn: true })
		).toEqual({
			ok: false,
			reason: 'not_enrolled'
		});
	});

	it('shows a submission to its learner and its course graders only', async () => {
		const learner = await enrolledLearner();
		const another = await enrolledLearner();
		const handed = await saveWork(db, {
			assignment,
			userId: learner.id,
			body: 'Bài',
			handIn: true
		});
		if (!handed.ok) throw new Error('not handed in');
		const id = handed.submission.id;
		expect((await submissionAccess(db, { id: learner.id, isAdmin: false }, id))?.as).toBe(
			'learner'
		);
		expect(await submissionAccess(db, { id: another.id, isAdmin: false }, id)).toBeNull();
		expect((await submissionAccess(db, grader, id))?.as).toBe('grader');
		expect(await submissionAccess(db, otherGrader, id)).toBeNull();
		expect(await mayGradeCourse(db, otherGrader, course.id)).toBe(false);
		expect(
			await saveMarking(db, {
				grader: otherGrader,
				submissionId: id,
				marking: marking(3, 3, 'graded')
			})
		).toEqual({ ok: false, reason: 'not_grader' });
		const admin = await makeUser(db, { isAdmin: true });
		expect((await submissionAccess(db, { id: admin.id, isAdmin: true }, id))?.as).toBe('grader');
		// The queue lists it for the course's graders, not for another course's.
		expect((await gradingQueue(db, grader)).map((r) => r.id)).toContain(id);
		expect((await gradingQueue(db, otherGrader)).map((r) => r.id)).not.toContain(id);
		// A draft is nobody's but its learner's.
		const drafting = await saveWork(db, {
			assignment,
			userId: another.id,
			body: 'Nháp',
			handIn: false
		});
		if (!drafting.ok) throw new Error('no draft');
		expect(await submissionAccess(db, grader, drafting.submission.id)).toBeNull();
	});

	it('double-marks exactly the share asked: every second with 0.5, in the order handed in', async () => {
		const other = (await getCourseBySlug(db, 'other-course'))!;
		const base = (await getAssignment(db, other.id, 'bao-cao'))!;
		const sampled = { ...base, definition: { ...base.definition, moderation: { sample: 0.5 } } };
		const picked: boolean[] = [];
		for (let i = 0; i < 4; i++) {
			const learner = await makeUser(db);
			expect((await enrolSelf(db, learner.id, other, 'MAU-2026')).ok).toBe(true);
			const handed = await saveWork(db, {
				assignment: sampled,
				userId: learner.id,
				body: 'Bài',
				handIn: true
			});
			if (!handed.ok) throw new Error('not handed in');
			picked.push(handed.submission.moderated);
		}
		expect(picked).toEqual([false, true, false, true]);
	});
});
