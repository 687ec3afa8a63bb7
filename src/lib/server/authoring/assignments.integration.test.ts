import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { organisations, roleAssignments } from '$db/schema';
import { createTestDatabase, testEngines } from '../db/test-helpers';
import type { DatabaseHandle } from '../db';
import { loadCourseFiles } from '../courses/loader';
import { makeUser } from '$testing/factories';
import {
	applyRowIntent,
	assignmentFormFrom,
	intentOf,
	type AssignmentForm
} from '$lib/schemas/assignment-editor';
import { addLesson, addQuiz, createCourse } from './courses';
import { draftTree } from './drafts';
import {
	assignmentValues,
	checkAssignment,
	createAssignment,
	libraryRubric,
	libraryRubrics,
	openAssignment,
	removeAssignment,
	saveRubricToLibrary,
	withRubric,
	writeAssignment
} from './assignments';

describe.each(testEngines)('editing an assignment of a draft (%s)', (engine) => {
	let handle: DatabaseHandle;
	let courseId: string;
	let lesson: string;
	let ana: { id: string; isAdmin: boolean };
	let chi: { id: string; isAdmin: boolean };
	let orgId: string;

	beforeAll(async () => {
		handle = await createTestDatabase(engine);
		const admin = await makeUser(handle.db, { fullName: 'Trần Thị An', isAdmin: true });
		ana = { id: admin.id, isAdmin: true };
		const trainer = await makeUser(handle.db, { fullName: 'Phạm Văn Chí' });
		chi = { id: trainer.id, isAdmin: false };
		const [org] = await handle.db
			.insert(organisations)
			.values({ name: 'Trường Cao đẳng Vĩnh Long', kind: 'school' })
			.returning({ id: organisations.id });
		orgId = org.id;
		await handle.db
			.insert(roleAssignments)
			.values({ userId: chi.id, role: 'trainer', organisationId: orgId });
		const course = await createCourse(
			handle.db,
			{
				titleVi: 'Khóa học có bài tập',
				summaryVi: 'Để thử trình soạn bài tập.',
				audiences: ['student'],
				directiveItems: ['1b'],
				hours: 1,
				enrolment: 'open',
				certificateEnabled: false,
				validityMonths: null,
				completeOnReachingEnd: false,
				listed: true
			},
			ana.id
		);
		if (!course.ok) throw new Error(course.error);
		courseId = course.id;
		const added = await addLesson(handle.db, courseId, { title: 'Giới thiệu', minutes: 5 }, ana.id);
		if (!added.ok) throw new Error(added.error);
		lesson = added.slug;
	});

	afterAll(async () => {
		await handle?.close();
	});

	/** A complete form: two criteria of 0–3, pass 4 of 6 and 1 on every criterion. */
	function filled(values: AssignmentForm): AssignmentForm {
		const level = (points: string, title: string) => ({
			points,
			titleVi: title,
			titleEn: '',
			descriptionVi: `Bài đạt mức ${title.toLowerCase()}.`,
			descriptionEn: ''
		});
		const levels = [
			level('0', 'Chưa có'),
			level('1', 'Còn thiếu'),
			level('2', 'Đạt'),
			level('3', 'Tốt')
		];
		return {
			...values,
			instructionsVi: '## Làm gì\n\nĐo lượng nước dùng trong một ca và lập **cân bằng nước**.',
			after: lesson,
			types: ['pdf', 'xlsx'],
			filesAllowed: true,
			text: 'optional',
			dueKind: 'days',
			dueDays: '30',
			moderationPercent: '20',
			criteria: [
				{ id: '', titleVi: 'Số đo có căn cứ', titleEn: '', levels },
				{ id: '', titleVi: 'Cân bằng nước', titleEn: '', levels }
			],
			passPoints: '4',
			everyCriterion: '1'
		};
	}

	it('creates an assignment, saves the edited form, and the course loader reads it back', async () => {
		const created = await createAssignment(handle.db, courseId, 'Bài tập cân bằng nước', ana.id);
		expect(created).toEqual({ ok: true, slug: 'bai-tap-can-bang-nuoc' });
		const opened = (await openAssignment(handle.db, courseId, 'bai-tap-can-bang-nuoc'))!;
		const values = assignmentValues(opened.data);
		expect(values.titleVi).toBe('Bài tập cân bằng nước');
		// A new one is not complete: its instructions and rubric are still to be written.
		const empty = checkAssignment(values);
		expect(empty.ok).toBe(false);
		if (!empty.ok)
			expect(Object.keys(empty.errors)).toEqual(
				expect.arrayContaining(['instructionsVi', 'criteria'])
			);

		const checked = checkAssignment(filled(values));
		expect(checked).toMatchObject({ ok: true });
		if (!checked.ok) return;
		const saved = await writeAssignment(
			handle.db,
			courseId,
			created.ok ? created.slug : '',
			checked.definition,
			opened.revision,
			ana.id
		);
		expect(saved).toMatchObject({ ok: true, revision: opened.revision + 1 });
		if (!saved.ok) return;
		expect(saved.text).toContain('daysAfterEnrolment: 30');
		expect(saved.text).toContain('sample: 0.2');
		expect(saved.text).toContain('id: so-do-co-can-cu');

		const files = await draftTree(handle.db, courseId);
		const loaded = await loadCourseFiles('khoa-hoc-co-bai-tap', files, { compile: false });
		expect(loaded.problems.filter((p) => p.file.endsWith('.assignment.yaml'))).toEqual([]);
		const reread = assignmentValues(
			(await openAssignment(handle.db, courseId, 'bai-tap-can-bang-nuoc'))!.data
		);
		expect(reread.criteria.map((c) => c.id)).toEqual(['so-do-co-can-cu', 'can-bang-nuoc']);
		expect(reread.moderationPercent).toBe('20');
		// Saving what was read back writes the same text.
		const again = checkAssignment(reread);
		expect(
			again.ok &&
				(await writeAssignment(
					handle.db,
					courseId,
					'bai-tap-can-bang-nuoc',
					again.definition,
					saved.revision,
					ana.id
				))
		).toMatchObject({ ok: true, revision: saved.revision });
	});

	it('takes a slug no quiz or assignment has, and deletes an assignment', async () => {
		const quiz = await addQuiz(handle.db, courseId, 'Thực hành', ana.id);
		expect(quiz).toMatchObject({ ok: true, slug: 'thuc-hanh' });
		const first = await createAssignment(handle.db, courseId, 'Thực hành', ana.id);
		const second = await createAssignment(handle.db, courseId, 'Thực hành', ana.id);
		expect([first, second]).toEqual([
			{ ok: true, slug: 'thuc-hanh-2' },
			{ ok: true, slug: 'thuc-hanh-3' }
		]);
		expect(await removeAssignment(handle.db, courseId, 'thuc-hanh-3')).toBe(true);
		expect(await openAssignment(handle.db, courseId, 'thuc-hanh-3')).toBeNull();
		expect(await removeAssignment(handle.db, courseId, '../course')).toBe(false);
	});

	it('refuses a pass mark above the maximum and levels that do not go up', async () => {
		const created = await createAssignment(handle.db, courseId, 'Bài tập điểm sai', ana.id);
		if (!created.ok) throw new Error('not created');
		const opened = (await openAssignment(handle.db, courseId, created.slug))!;
		const form = filled(assignmentValues(opened.data));
		const tooHigh = checkAssignment({ ...form, passPoints: '7' });
		expect(tooHigh).toEqual({
			ok: false,
			errors: { passPoints: ['Điểm đạt cao hơn điểm tối đa của thang điểm (6 điểm).'] }
		});
		const levels = form.criteria[0].levels.map((l, i) => (i === 2 ? { ...l, points: '1' } : l));
		const flat = checkAssignment({
			...form,
			criteria: [{ ...form.criteria[0], levels }, form.criteria[1]]
		});
		expect(flat.ok === false && flat.errors['c0.l2.points']).toEqual([
			'Các mức phải tăng dần: mức sau nhiều điểm hơn mức trước.'
		]);
		const unwritten = checkAssignment({ ...form, titleVi: ' ', maxCount: 'nhiều' });
		expect(unwritten.ok === false && unwritten.errors).toMatchObject({
			titleVi: ['Hãy điền phần này.'],
			maxCount: ['Hãy nhập một số, ví dụ 2 hoặc 1,5.']
		});
		// Nothing was written.
		expect((await openAssignment(handle.db, courseId, created.slug))!.revision).toBe(
			opened.revision
		);
	});

	it('saves a rubric to the library and copies it into another assignment', async () => {
		const created = await createAssignment(handle.db, courseId, 'Bài tập có thang điểm', ana.id);
		if (!created.ok) throw new Error('not created');
		const opened = (await openAssignment(handle.db, courseId, created.slug))!;
		const form = filled(assignmentValues(opened.data));
		const refused = await saveRubricToLibrary(handle.db, {
			title: 'Thang điểm sai',
			form: { ...form, passPoints: '9' },
			organisationId: null,
			userId: ana.id
		});
		expect(refused).toMatchObject({ ok: false, errors: { passPoints: [expect.any(String)] } });
		const province = await saveRubricToLibrary(handle.db, {
			title: 'Cân bằng nước, 2 tiêu chí',
			form,
			organisationId: null,
			userId: ana.id
		});
		const school = await saveRubricToLibrary(handle.db, {
			title: 'Thang điểm của trường',
			form: { ...form, criteria: [form.criteria[0]], passPoints: '2', everyCriterion: '' },
			organisationId: orgId,
			userId: ana.id
		});
		expect(province.ok && school.ok).toBe(true);
		if (!province.ok || !school.ok) return;

		const other = await makeUser(handle.db, { fullName: 'Người ngoài' });
		const outsider = { id: other.id, isAdmin: false };
		expect((await libraryRubrics(handle.db, outsider)).map((r) => r.title)).toEqual([
			'Cân bằng nước, 2 tiêu chí'
		]);
		expect(await libraryRubric(handle.db, outsider, school.id)).toBeNull();
		const forChi = await libraryRubrics(handle.db, chi);
		expect(forChi.map((r) => [r.title, r.organisation, r.criteria, r.max])).toEqual([
			['Cân bằng nước, 2 tiêu chí', null, 2, 6],
			['Thang điểm của trường', 'Trường Cao đẳng Vĩnh Long', 1, 3]
		]);

		const rubric = (await libraryRubric(handle.db, chi, school.id))!;
		const copied = withRubric(filled(assignmentValues(opened.data)), rubric);
		expect(copied.criteria.map((c) => c.titleVi)).toEqual(['Số đo có căn cứ']);
		expect(copied.passPoints).toBe('2');
		const checked = checkAssignment(copied);
		expect(checked.ok).toBe(true);
		if (!checked.ok) return;
		const saved = await writeAssignment(
			handle.db,
			courseId,
			created.slug,
			checked.definition,
			opened.revision,
			chi.id
		);
		expect(saved.ok).toBe(true);
		const loaded = await loadCourseFiles(
			'khoa-hoc-co-bai-tap',
			await draftTree(handle.db, courseId),
			{
				compile: false
			}
		);
		expect(loaded.problems.filter((p) => p.file.includes(created.slug))).toEqual([]);
	});

	it('reads the posted form, rubric rows included, and adds or removes rows by button', () => {
		const posted = new FormData();
		for (const [name, value] of [
			['titleVi', 'Bài tập'],
			['types', 'pdf'],
			['types', 'exe'],
			['filesAllowed', 'on'],
			['c0.id', 'so-do'],
			['c0.titleVi', 'Số đo'],
			['c0.l0.points', '0'],
			['c0.l1.points', '2'],
			['c1.id', ''],
			['c1.titleVi', 'Cân bằng'],
			['c1.l0.points', '0'],
			['passPoints', '2']
		])
			posted.append(name, value);
		const values = assignmentFormFrom(posted);
		expect(values).toMatchObject({ titleVi: 'Bài tập', types: ['pdf'], filesAllowed: true });
		expect(values.required).toBe(false);
		expect(values.criteria.map((c) => [c.id, c.levels.map((l) => l.points)])).toEqual([
			['so-do', ['0', '2']],
			['', ['0']]
		]);
		const added = applyRowIntent(values, intentOf('addLevel:0'))!;
		expect(added.criteria[0].levels.map((l) => l.points)).toEqual(['0', '2', '3']);
		const removed = applyRowIntent(values, intentOf('removeCriterion:0'))!;
		expect(removed.criteria.map((c) => c.titleVi)).toEqual(['Cân bằng']);
		expect(applyRowIntent(values, intentOf('removeLevel:5:0'))).toBeNull();
		expect(applyRowIntent(values, intentOf('save'))).toBeNull();
		expect(applyRowIntent(values, intentOf('addCriterion'))!.criteria).toHaveLength(3);
	});
});
