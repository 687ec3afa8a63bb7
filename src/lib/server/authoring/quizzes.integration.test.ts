import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QuestionForm } from '$lib/schemas/authoring-quiz';
import { createTestDatabase, testEngines } from '../db/test-helpers';
import type { DatabaseHandle } from '../db';
import { loadCourseFiles } from '../courses/loader';
import { makeUser } from '$testing/factories';
import { addLesson, addQuiz, createCourse } from './courses';
import { draftTree } from './drafts';
import { checkQuiz } from './quiz-problems';
import {
	applySettings,
	blankQuestion,
	changeQuiz,
	openQuiz,
	putQuestion,
	questionData,
	questionList,
	settingsData,
	settingsValues
} from './quizzes';

describe.each(testEngines)('editing a quiz of a draft (%s)', (engine) => {
	let handle: DatabaseHandle;
	let courseId: string;
	let lesson: string;
	let ana: string;
	let binh: string;

	beforeAll(async () => {
		handle = await createTestDatabase(engine);
		ana = (await makeUser(handle.db, { fullName: 'Trần Thị An', isAdmin: true })).id;
		binh = (await makeUser(handle.db, { fullName: 'Lê Văn Bình', isAdmin: true })).id;
		const course = await createCourse(
			handle.db,
			{
				titleVi: 'Khóa học có bài kiểm tra',
				summaryVi: 'Để thử trình soạn bài kiểm tra.',
				audiences: ['student'],
				directiveItems: ['1b'],
				hours: 1,
				enrolment: 'open',
				certificateEnabled: false,
				validityMonths: null,
				completeOnReachingEnd: false,
				listed: true
			},
			ana
		);
		if (!course.ok) throw new Error(course.error);
		courseId = course.id;
		const added = await addLesson(handle.db, courseId, { title: 'Giới thiệu', minutes: 5 }, ana);
		if (!added.ok) throw new Error(added.error);
		lesson = added.slug;
	});

	afterAll(async () => {
		await handle?.close();
	});

	const question: QuestionForm = {
		...blankQuestion('single'),
		text: 'Sản xuất sạch hơn là cách tiếp cận nào?',
		optionText: ['Phòng ngừa ô nhiễm từ nguồn', 'Xử lý cuối đường ống'],
		optionFeedback: ['', ''],
		correct: ['0']
	};

	/** A quiz of the test's own, new in the draft. */
	async function newQuiz(title: string) {
		const quiz = await addQuiz(handle.db, courseId, title, ana);
		if (!quiz.ok) throw new Error(quiz.error);
		return quiz.slug;
	}

	/** A quiz of the test's own, saved once in the editor by Ana: settings and one question. */
	async function savedQuiz(title: string) {
		const slug = await newQuiz(title);
		const opened = (await openQuiz(handle.db, courseId, slug))!;
		const saved = await changeQuiz(handle.db, courseId, slug, opened.revision, ana, (quiz) => {
			applySettings(quiz, settingsData({ ...settingsValues(quiz.data), after: lesson }));
			return putQuestion(quiz, null, questionData('single', 'cach-tiep-can', question));
		});
		if (!saved.ok) throw new Error(`could not save ${slug}`);
		return slug;
	}

	it('saves settings and questions into the draft, which the course loader accepts', async () => {
		const slug = await newQuiz('Kiểm tra cuối khóa');
		const opened = await openQuiz(handle.db, courseId, slug);
		expect(opened && settingsValues(opened.data).titleVi).toBe('Kiểm tra cuối khóa');
		const saved = await changeQuiz(handle.db, courseId, slug, opened!.revision, ana, (quiz) => {
			applySettings(quiz, settingsData({ ...settingsValues(quiz.data), after: lesson }));
			return putQuestion(quiz, null, questionData('single', 'cach-tiep-can', question));
		});
		expect(saved).toMatchObject({ ok: true, revision: opened!.revision + 1, result: 0 });
		const files = await draftTree(handle.db, courseId);
		const loaded = await loadCourseFiles('khoa-hoc-co-bai-kiem-tra', files, { compile: false });
		expect(loaded.problems.filter((p) => p.file.endsWith('.quiz.yaml'))).toEqual([]);
		const reopened = await openQuiz(handle.db, courseId, slug);
		expect(checkQuiz(reopened!, new Set([lesson]))).toEqual([]);
		expect(reopened?.updatedByName).toBe('Trần Thị An');
	});

	it('makes no new revision when a form is saved unchanged', async () => {
		const slug = await savedQuiz('Kiểm tra lưu không đổi');
		const before = (await openQuiz(handle.db, courseId, slug))!;
		const saved = await changeQuiz(handle.db, courseId, slug, before.revision, binh, (quiz) =>
			applySettings(quiz, settingsData(settingsValues(quiz.data)))
		);
		expect(saved).toMatchObject({ ok: true, revision: before.revision, text: before.text });
		expect((await openQuiz(handle.db, courseId, slug))?.updatedByName).toBe('Trần Thị An');
	});

	it('stops a save made from an older revision and hands back the other version', async () => {
		const slug = await savedQuiz('Kiểm tra hai người sửa');
		const base = (await openQuiz(handle.db, courseId, slug))!;
		const first = await changeQuiz(handle.db, courseId, slug, base.revision, binh, (quiz) =>
			applySettings(quiz, settingsData({ ...settingsValues(quiz.data), passMark: '90' }))
		);
		expect(first.ok).toBe(true);
		const late = await changeQuiz(handle.db, courseId, slug, base.revision, ana, (quiz) =>
			applySettings(quiz, settingsData({ ...settingsValues(quiz.data), passMark: '60' }))
		);
		expect(late.ok).toBe(false);
		if (late.ok) return;
		expect(late.current?.updatedByName).toBe('Lê Văn Bình');
		expect(settingsValues(late.current?.data).passMark).toBe('90');
		// "Keep mine": the same change, based on their revision, saves over theirs and keeps the rest.
		const kept = await changeQuiz(handle.db, courseId, slug, late.current!.revision, ana, (quiz) =>
			applySettings(quiz, settingsData({ ...settingsValues(quiz.data), passMark: '60' }))
		);
		expect(kept.ok).toBe(true);
		const now = (await openQuiz(handle.db, courseId, slug))!;
		expect(settingsValues(now.data).passMark).toBe('60');
		expect(questionList(now.data).map((q) => q.id)).toEqual(['cach-tiep-can']);
	});

	it('finds no quiz under a name that is not a slug or not in the draft', async () => {
		expect(await openQuiz(handle.db, courseId, '../course')).toBeNull();
		expect(await openQuiz(handle.db, courseId, 'khong-co')).toBeNull();
		expect(await changeQuiz(handle.db, courseId, 'khong-co', 1, ana, () => null)).toEqual({
			ok: false,
			current: null
		});
	});
});
