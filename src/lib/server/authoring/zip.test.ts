import { describe, expect, it } from 'vitest';
import { strToU8, zipSync, type Zippable } from 'fflate';
import { bytesOf, textOf, type CourseFiles } from '../courses/files';
import { COURSE_ZIP_LIMITS } from '../intake/limits';
import { courseZip, readCourseZip } from './zip';

const zip = (entries: Record<string, string | Uint8Array>) =>
	zipSync(
		Object.fromEntries(
			Object.entries(entries).map(([path, content]) => [
				path,
				typeof content === 'string' ? strToU8(content) : content
			])
		) as Zippable
	);

const asText = (files: CourseFiles) =>
	Object.fromEntries([...files].map(([path, content]) => [path, textOf(content)]));

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);

describe('reading a course zip', () => {
	it('strips a single top folder and names the course after it', async () => {
		const read = await readCourseZip(
			zip({
				'khoa-thu/course.yaml': 'title: x\n',
				'khoa-thu/01-bai.md': 'bài\n',
				'khoa-thu/02-mo-dun/module.yaml': 'title: m\n',
				'khoa-thu/images/a.png': PNG
			})
		);
		expect(read.ok).toBe(true);
		if (!read.ok) return;
		expect(read.slug).toBe('khoa-thu');
		expect([...read.files.keys()]).toEqual([
			'01-bai.md',
			'02-mo-dun/module.yaml',
			'course.yaml',
			'images/a.png'
		]);
		expect(read.files.get('images/a.png')).toEqual(PNG);
		expect(textOf(read.files.get('01-bai.md')!)).toBe('bài\n');
	});

	it('keeps files at the top as they are, with no slug', async () => {
		const read = await readCourseZip(
			zip({ 'course.yaml': 'title: x\n', '01-bai.md': 'a\n', 'images/a.png': PNG })
		);
		expect(read).toEqual({
			ok: true,
			slug: null,
			files: new Map([
				['01-bai.md', bytesOf('a\n')],
				['course.yaml', bytesOf('title: x\n')],
				['images/a.png', PNG]
			])
		});
	});

	it('skips the __MACOSX folder and hidden files before finding the top folder', async () => {
		const read = await readCourseZip(
			zip({
				'khoa-thu/course.yaml': 'title: x\n',
				'khoa-thu/.DS_Store': 'junk',
				'khoa-thu/images/.thumbs': 'junk',
				'khoa-thu/.git/config': 'junk',
				'__MACOSX/khoa-thu/._course.yaml': 'junk',
				'.hidden-at-top': 'junk'
			})
		);
		expect(read.ok && read.slug).toBe('khoa-thu');
		expect(read.ok && asText(read.files)).toEqual({ 'course.yaml': 'title: x\n' });
	});

	it('refuses paths that leave the course folder, naming each', async () => {
		for (const path of [
			'../x',
			'khoa-thu/../../x',
			'khoa-thu/../x.md',
			'/etc/passwd',
			'khoa-thu\\..\\x',
			'khoa-thu//x',
			'./x'
		]) {
			const read = await readCourseZip(
				zip({ 'khoa-thu/course.yaml': 'title: x\n', [path]: 'evil' })
			);
			expect(read, path).toEqual({
				ok: false,
				problems: [{ file: path, line: 1, message: 'a path in the zip leaves the course folder' }]
			});
		}
	});

	it('reports bytes that are not a zip, and an empty zip', async () => {
		expect(await readCourseZip(bytesOf('not a zip at all'), 'bai-tap.zip')).toEqual({
			ok: false,
			problems: [{ file: 'bai-tap.zip', line: 1, message: 'not a zip file' }]
		});
		expect(await readCourseZip(new Uint8Array(0))).toEqual({
			ok: false,
			problems: [{ file: 'course.zip', line: 1, message: 'not a zip file' }]
		});
		// A truncated zip is not a zip either.
		const whole = zip({ 'khoa/course.yaml': 'title: x\n'.repeat(100) });
		expect((await readCourseZip(whole.subarray(0, whole.length - 30))).ok).toBe(false);
		expect(await readCourseZip(zip({}))).toEqual({
			ok: false,
			problems: [{ file: 'course.zip', line: 1, message: 'the zip is empty' }]
		});
		expect(await readCourseZip(zip({ '__MACOSX/._x': 'junk', '.DS_Store': 'junk' }))).toEqual({
			ok: false,
			problems: [{ file: 'course.zip', line: 1, message: 'the zip is empty' }]
		});
	});

	it('refuses more than 2,000 files', async () => {
		const entries: Record<string, string> = {};
		for (let i = 0; i <= COURSE_ZIP_LIMITS.files; i++) entries[`khoa/f${i}.txt`] = 'x';
		const read = await readCourseZip(zip(entries));
		expect(read).toEqual({
			ok: false,
			problems: [
				{
					file: 'course.zip',
					line: 1,
					message: 'too large: at most 2,000 files and 100 MB unpacked'
				}
			]
		});
	});

	it('refuses more than 100 MB unpacked, however small the zip', async () => {
		const big = new Uint8Array(COURSE_ZIP_LIMITS.bytes / 2 + 1);
		const bytes = zip({ 'khoa/a.txt': big, 'khoa/b.txt': big });
		expect(bytes.byteLength).toBeLessThan(1024 * 1024);
		const read = await readCourseZip(bytes);
		expect(read.ok).toBe(false);
		expect(!read.ok && 'problems' in read && read.problems[0].message).toMatch(/too large/);
	});
});

describe('writing a course zip', () => {
	const files: CourseFiles = new Map([
		['course.yaml', bytesOf('title:\n  vi: Thử\n')],
		['images/a.png', PNG],
		['01-bai.md', bytesOf('---\ntitle: Bài\nminutes: 5\n---\n\nNội dung.\n')],
		['02-mo-dun/module.yaml', bytesOf('title:\n  vi: Mô-đun\n')]
	]);

	it('puts the files in one folder named after the course and reads back the same', async () => {
		const read = await readCourseZip(courseZip('khoa-thu', files));
		expect(read.ok).toBe(true);
		if (!read.ok) return;
		expect(read.slug).toBe('khoa-thu');
		expect([...read.files.keys()]).toEqual([
			'01-bai.md',
			'02-mo-dun/module.yaml',
			'course.yaml',
			'images/a.png'
		]);
		for (const [path, content] of files) expect(read.files.get(path), path).toEqual(content);
	});

	it('is deterministic: the same files in any order give the same bytes', async () => {
		const a = courseZip('khoa-thu', files);
		const b = courseZip('khoa-thu', new Map([...files].reverse()));
		expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
		expect(Buffer.from(courseZip('khoa-thu', files)).equals(Buffer.from(a))).toBe(true);
		// And it depends on the content.
		const changed = new Map(files).set('01-bai.md', bytesOf('khác\n'));
		expect(Buffer.from(courseZip('khoa-thu', changed)).equals(Buffer.from(a))).toBe(false);
	});
});
