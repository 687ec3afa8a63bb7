import { describe, expect, it } from 'vitest';
import type { CourseFiles } from '../courses/files';
import { loadCourseFiles } from '../courses/loader';

const enc = (s: string) => new TextEncoder().encode(s);

const COURSE = `title: { vi: Khóa thử }
summary: { vi: Khóa học để thử bài tập. }
audiences: [consultant]
directiveItems: ['1c']
hours: 2
enrolment: open
status: published
`;
const LESSON = `---
title: Bài một
minutes: 5
---

Nội dung bài một.
`;
const RUBRIC = `rubric:
  criteria:
    - id: a
      title: { vi: Tiêu chí A }
      levels:
        - { points: 0, title: { vi: Chưa }, description: { vi: Chưa có. } }
        - { points: 2, title: { vi: Đạt }, description: { vi: Có đủ. } }
  pass: { points: 2 }
`;

function course(assignment: string, extra: Record<string, string> = {}): CourseFiles {
	const files: CourseFiles = new Map();
	files.set('course.yaml', enc(COURSE));
	files.set('01-bai-mot.md', enc(LESSON));
	files.set('bai-tap.assignment.yaml', enc(assignment));
	for (const [path, text] of Object.entries(extra)) files.set(path, enc(text));
	return files;
}

describe('the assignment file format', () => {
	it('loads a valid assignment with the course', async () => {
		const { course: loaded, problems } = await loadCourseFiles(
			'khoa-thu',
			course(`title: { vi: Bài tập }
instructions:
  vi: |
    Làm theo **hướng dẫn**.
handIn: { text: required }
after: bai-mot
${RUBRIC}`)
		);
		expect(problems).toEqual([]);
		expect(loaded?.assignments.map((a) => a.slug)).toEqual(['bai-tap']);
		expect(loaded?.assignments[0].definition).toMatchObject({
			required: true,
			late: 'accept',
			resubmissions: 1,
			handIn: { text: 'required' }
		});
	});

	it('reports each problem at its file and line', async () => {
		const { problems } = await loadCourseFiles(
			'khoa-thu',
			course(`title: { vi: Bài tập }
instructions:
  vi: |
    Tải <Download src="khong-co.xlsx" title="Phiếu" /> về.
    <script>alert(1)</script>
attachments: [khong-co.pdf]
after: bai-khong-co
handIn: { text: none }
due: { daysAfterEnrolment: 0 }
late: maybe
${RUBRIC.replace('pass: { points: 2 }', 'pass: { points: 5 }')}`)
		);
		const at = (line: number) => problems.filter((p) => p.line === line).map((p) => p.message);
		expect(problems.every((p) => p.file === 'khoa-thu/bai-tap.assignment.yaml')).toBe(true);
		expect(at(9).join()).toMatch(/at least 1/);
		expect(at(10).join()).toMatch(/accept or refuse/);
		expect(problems.map((p) => p.message)).toContain(
			"rubric.pass.points is more than the rubric's maximum (2 points)"
		);
	});

	it('asks that something can be handed in', async () => {
		const { problems } = await loadCourseFiles(
			'khoa-thu',
			course(`title: { vi: Bài tập }
instructions: { vi: Làm bài. }
handIn: { text: none }
${RUBRIC}`)
		);
		expect(problems.map((p) => p.message)).toEqual([
			'handIn learners must be able to hand in files, text or both'
		]);
	});

	it('checks the lesson named, the attachments and the instructions once the format is right', async () => {
		const { problems } = await loadCourseFiles(
			'khoa-thu',
			course(
				`title: { vi: Bài tập }
instructions:
  vi: |
    Tải phiếu về.
    <script>alert(1)</script>
attachments: [khong-co.pdf, ghi-chu.txt]
after: bai-khong-co
handIn: { text: optional }
${RUBRIC}`,
				{ 'ghi-chu.txt': 'x' }
			)
		);
		const messages = problems.map((p) => `${p.line}: ${p.message}`);
		expect(messages).toEqual(
			expect.arrayContaining([
				'1: after names "bai-khong-co", which is not a lesson of this course',
				'1: the attachment khong-co.pdf is not in the course folder'
			])
		);
		// The script is refused on the instructions' own line (line 5 of the file).
		expect(problems.some((p) => p.line === 5 && /script/i.test(p.message))).toBe(true);
	});
});
