// Who may fetch a file of a submission (assignments/access.ts): the learner their own work, and the
// grader's marked-up file only once the round is decided; the course's graders; nobody else.
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { eq } from 'drizzle-orm';
import { isHttpError } from '@sveltejs/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { courseGraders, submissionFiles, submissions, type Submission } from '$db/schema';
import { getAssignment, saveWork } from '$lib/server/assignments/submissions';
import { syncCourses } from '$lib/server/courses/sync';
import type { Database, DatabaseHandle } from '$lib/server/db';
import { createTestDatabase, testEngines } from '$lib/server/db/test-helpers';
import { enrolSelf, getCourseBySlug } from '$lib/server/enrolment';
import { makeUser } from '$testing/factories';
import { GET } from './+server';

const fixture = fileURLToPath(
	new URL('../../../../../lib/server/courses/fixtures/good/mini-course', import.meta.url)
);

const ASSIGNMENT = `title:
  vi: Bài thực hành nhỏ
instructions:
  vi: Nộp một báo cáo ngắn.
handIn:
  files:
    types: [pdf]
    maxCount: 2
    maxMegabytes: 1
rubric:
  criteria:
    - id: noi-dung
      title:
        vi: Nội dung
      levels:
        - points: 0
          title: { vi: Chưa đạt }
          description: { vi: Thiếu phần chính. }
        - points: 2
          title: { vi: Đạt }
          description: { vi: Đủ các phần. }
  pass:
    points: 2
`;

const PDF = new TextEncoder().encode('%PDF-1.4\n% bài làm\n');

type User = { id: string; isAdmin: boolean };
type Who = User | null;

async function fetchFile(db: Database, who: Who, submissionId: string, fileId: string) {
	const event = {
		locals: { db, user: who },
		params: { id: submissionId, fileId }
	};
	try {
		const response = await GET(event as unknown as Parameters<typeof GET>[0]);
		return { status: response.status, headers: response.headers };
	} catch (thrown) {
		if (isHttpError(thrown)) return { status: thrown.status, headers: new Headers() };
		throw thrown;
	}
}

describe.each(testEngines)('submission files on %s', (engine) => {
	let handle: DatabaseHandle;
	let db: Database;
	let root: string;
	let submission: Submission;
	let workId: string, feedbackId: string;
	let learner: User, otherLearner: User, grader: User, otherGrader: User;

	beforeAll(async () => {
		handle = await createTestDatabase(engine);
		db = handle.db;
		root = mkdtempSync(join(tmpdir(), 'sachhon-submission-files-'));
		cpSync(fixture, join(root, 'mini-course'), { recursive: true });
		writeFileSync(join(root, 'mini-course', 'bao-cao.assignment.yaml'), ASSIGNMENT);
		await syncCourses(db, root, 'test');
		const course = (await getCourseBySlug(db, 'mini-course'))!;
		const assignment = (await getAssignment(db, course.id, 'bao-cao'))!;
		expect(assignment).toBeDefined();

		const user = async (name: string) => {
			const made = await makeUser(db, { fullName: name });
			return { id: made.id, isAdmin: false };
		};
		learner = await user('Trần Văn Nộp');
		otherLearner = await user('Lê Thị Khác');
		grader = await user('Phạm Người Chấm');
		otherGrader = await user('Võ Chấm Khóa Khác');
		await enrolSelf(db, learner.id, course, 'MAU-2026');
		await enrolSelf(db, otherLearner.id, course, 'MAU-2026');
		await db.insert(courseGraders).values({ courseId: course.id, userId: grader.id });

		const saved = await saveWork(db, {
			assignment,
			userId: learner.id,
			files: [{ name: 'Báo cáo.pdf', bytes: PDF }],
			handIn: true
		});
		if (!saved.ok) throw new Error(`could not hand in: ${JSON.stringify(saved)}`);
		submission = saved.submission;
		const [work] = await db
			.select({ id: submissionFiles.id })
			.from(submissionFiles)
			.where(eq(submissionFiles.submissionId, submission.id));
		workId = work.id;
		const [feedback] = await db
			.insert(submissionFiles)
			.values({
				submissionId: submission.id,
				kind: 'feedback',
				name: 'Nhận xét.pdf',
				type: 'pdf',
				size: PDF.byteLength,
				sha256: 'x',
				content: PDF,
				uploadedBy: grader.id
			})
			.returning();
		feedbackId = feedback.id;
	});
	afterAll(async () => {
		rmSync(root, { recursive: true, force: true });
		await handle.close();
	});

	it('gives the learner their own work, as a private download never sniffed', async () => {
		const got = await fetchFile(db, learner, submission.id, workId);
		expect(got.status).toBe(200);
		expect(got.headers.get('content-type')).toBe('application/pdf');
		expect(got.headers.get('content-disposition')).toMatch(/^attachment;/);
		expect(got.headers.get('x-content-type-options')).toBe('nosniff');
		expect(got.headers.get('content-security-policy')).toContain('sandbox');
		expect(got.headers.get('cache-control')).toBe('private, no-store');
	});

	it('answers 404 to another learner, to a grader of another course and to a visitor', async () => {
		expect((await fetchFile(db, otherLearner, submission.id, workId)).status).toBe(404);
		expect((await fetchFile(db, otherGrader, submission.id, workId)).status).toBe(404);
		expect((await fetchFile(db, null, submission.id, workId)).status).toBe(404);
	});

	it("gives the course's grader the work and their marked-up file", async () => {
		expect((await fetchFile(db, grader, submission.id, workId)).status).toBe(200);
		expect((await fetchFile(db, grader, submission.id, feedbackId)).status).toBe(200);
	});

	it('keeps the marked-up file from the learner until the round is decided', async () => {
		expect((await fetchFile(db, learner, submission.id, feedbackId)).status).toBe(404);
		await db
			.update(submissions)
			.set({ state: 'returned', decidedAt: new Date() })
			.where(eq(submissions.id, submission.id));
		expect((await fetchFile(db, learner, submission.id, feedbackId)).status).toBe(200);
	});

	it('answers 404 for a file of another submission or a malformed id', async () => {
		expect((await fetchFile(db, learner, submission.id, 'not-a-uuid')).status).toBe(404);
		expect((await fetchFile(db, learner, 'not-a-uuid', workId)).status).toBe(404);
	});
});
