import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isHttpError } from '@sveltejs/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { courseGraders, type User } from '$db/schema';
import { getAssignment, saveWork } from '$lib/server/assignments/submissions';
import { staffScope } from '$lib/server/auth/staff';
import { syncCourses } from '$lib/server/courses/sync';
import { createTestDatabase, testEngines } from '$lib/server/db/test-helpers';
import type { Database, DatabaseHandle } from '$lib/server/db';
import { enrolSelf, getCourseBySlug } from '$lib/server/enrolment';
import { makeUser } from '$testing/factories';
import { load as queueLoad } from './+page.server';
import { actions, load as submissionLoad } from './[submission]/+page.server';

const fixture = fileURLToPath(
	new URL('../../lib/server/courses/fixtures/good/mini-course', import.meta.url)
);

const ASSIGNMENT = `title:
  vi: Báo cáo đánh giá nhanh
instructions:
  vi: Ghi lại ba chỗ lãng phí trong xưởng.
handIn:
  text: required
resubmissions: 1
rubric:
  criteria:
    - id: lang-phi
      title: { vi: Chỗ lãng phí }
      levels:
        - { points: 0, title: { vi: Chưa có }, description: { vi: Không nêu chỗ nào. } }
        - { points: 2, title: { vi: Đủ }, description: { vi: Nêu đủ ba chỗ. } }
    - id: giai-phap
      title: { vi: Giải pháp }
      levels:
        - { points: 0, title: { vi: Chưa có }, description: { vi: Không có giải pháp. } }
        - { points: 2, title: { vi: Đủ }, description: { vi: Có giải pháp. } }
  pass:
    points: 2
`;

/** The grading pages' loads and actions, called as SvelteKit calls them. */
describe.each(testEngines)('grading pages on %s', (engine) => {
	let handle: DatabaseHandle;
	let db: Database;
	let root: string;
	let grader: User, otherGrader: User, learner: User, outsider: User;
	let submissionId: string;

	const localsOf = async (user: User | null): Promise<App.Locals> =>
		({
			db,
			engine,
			user,
			session: null,
			scope: await staffScope(db, user),
			requestId: 'test'
		}) as App.Locals;

	/** What a load does: its data, or the HTTP error it throws. */
	async function outcome(run: () => Promise<unknown>) {
		try {
			return { data: (await run()) as Record<string, unknown> };
		} catch (thrown) {
			if (isHttpError(thrown)) return { status: thrown.status };
			throw thrown;
		}
	}
	const openSubmission = async (user: User, id = submissionId) =>
		outcome(
			async () =>
				submissionLoad({
					locals: await localsOf(user),
					params: { submission: id },
					url: new URL(`http://localhost/grading/${id}`)
				} as never) as Promise<unknown>
		);
	const openQueue = async (user: User, search = '') =>
		outcome(
			async () =>
				queueLoad({
					locals: await localsOf(user),
					params: {},
					url: new URL(`http://localhost/grading${search}`)
				} as never) as Promise<unknown>
		);
	async function post(action: keyof typeof actions, user: User, fields: Record<string, string>) {
		const body = new FormData();
		for (const [k, v] of Object.entries(fields)) body.append(k, v);
		const url = `http://localhost/grading/${submissionId}?/${action}`;
		return actions[action]({
			locals: await localsOf(user),
			params: { submission: submissionId },
			request: new Request(url, { method: 'POST', body }),
			url: new URL(url)
		} as never);
	}

	beforeAll(async () => {
		handle = await createTestDatabase(engine);
		db = handle.db;
		root = mkdtempSync(join(tmpdir(), 'sachhon-grading-pages-'));
		for (const slug of ['mini-course', 'other-course']) {
			cpSync(fixture, join(root, slug), { recursive: true });
			writeFileSync(join(root, slug, 'bao-cao.assignment.yaml'), ASSIGNMENT);
		}
		expect((await syncCourses(db, root, 'test')).invalid).toEqual([]);
		const course = (await getCourseBySlug(db, 'mini-course'))!;
		const other = (await getCourseBySlug(db, 'other-course'))!;
		grader = await makeUser(db, { fullName: 'Lê Văn Chấm' });
		otherGrader = await makeUser(db, { fullName: 'Khóa Khác' });
		outsider = await makeUser(db);
		learner = await makeUser(db, { fullName: 'Trần Thị Học' });
		await db.insert(courseGraders).values([
			{ courseId: course.id, userId: grader.id },
			{ courseId: other.id, userId: otherGrader.id }
		]);
		expect((await enrolSelf(db, learner.id, course, 'MAU-2026')).ok).toBe(true);
		const assignment = (await getAssignment(db, course.id, 'bao-cao'))!;
		const handed = await saveWork(db, {
			assignment,
			userId: learner.id,
			body: 'Rò rỉ nước ở máy rửa; đèn sáng cả ngày; giấy in một mặt.',
			handIn: true
		});
		if (!handed.ok) throw new Error('not handed in');
		submissionId = handed.submission.id;
	});
	afterAll(async () => {
		await handle?.close();
		rmSync(root, { recursive: true, force: true });
	});

	it('shows the submission to a grader of its course, and to no one else', async () => {
		const seen = await openSubmission(grader);
		expect(seen.data).toMatchObject({
			learner: { fullName: 'Trần Thị Học' },
			role: 'final',
			submission: { round: 1, state: 'submitted' }
		});
		expect(await openSubmission(otherGrader)).toEqual({ status: 404 });
		expect(await openSubmission(learner)).toEqual({ status: 404 });
		expect(await openSubmission(outsider)).toEqual({ status: 404 });
		expect(await openSubmission(grader, 'not-an-id')).toEqual({ status: 404 });
	});

	it('lists the work for its grader; the queue is no page for someone who grades nothing', async () => {
		const queue = await openQueue(grader);
		expect((queue.data?.rows as { id: string }[]).map((r) => r.id)).toEqual([submissionId]);
		expect((await openQueue(otherGrader)).data?.rows).toEqual([]);
		expect(await openQueue(outsider)).toEqual({ status: 404 });
		expect(await openQueue(learner)).toEqual({ status: 404 });
		const graded = await openQueue(grader, '?status=graded&course=nonsense');
		expect(graded.data?.filter).toEqual({ course: null, cohort: null, status: 'graded' });
	});

	it('refuses an incomplete rubric in words, keeping what was typed, then grades', async () => {
		const refused = (await post('grade', grader, {
			'level.lang-phi': '1',
			'comment.lang-phi': 'Đủ ba chỗ.',
			overall: 'Khá tốt'
		})) as { status: number; data: { refusal: string; values: { overall: string } } };
		expect(refused.status).toBe(400);
		expect(refused.data.refusal).toMatch(/mọi tiêu chí|every criterion/);
		expect(refused.data.values.overall).toBe('Khá tốt');
		// Another course's grader cannot post either.
		await expect(post('grade', otherGrader, { 'level.lang-phi': '1' })).rejects.toMatchObject({
			status: 404
		});
		const done = (await post('grade', grader, {
			'level.lang-phi': '1',
			'level.giai-phap': '0',
			overall: 'Khá tốt'
		})) as { done: string };
		expect(done.done).toBeTruthy();
		const after = await openSubmission(grader);
		expect(after.data).toMatchObject({
			submission: { state: 'graded', points: 2, maxPoints: 4, passed: true }
		});
		expect(after.data?.history).toHaveLength(1);
	});
});
