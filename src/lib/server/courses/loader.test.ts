import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { bytesOf, readCourseFolder, textOf } from './files';
import { courseMetaSchema } from './format';
import { loadCourseFiles, loadCourses, requiredLessonSlugs } from './loader';

const fixtures = fileURLToPath(new URL('./fixtures/', import.meta.url));

async function problemsOf(root: string) {
	const { courses, invalid } = await loadCourses(fixtures + root);
	expect(courses).toEqual([]);
	return invalid.flatMap((c) => c.problems.map((p) => `${p.file}:${p.line}: ${p.message}`));
}

describe('course loader', () => {
	it('reads a valid course: lessons in order, modules, languages, quizzes, assets, hash', async () => {
		const { courses, invalid } = await loadCourses(fixtures + 'good');
		expect(invalid).toEqual([]);
		const [course] = courses;
		expect(course.slug).toBe('mini-course');
		expect(course.meta.enrolment).toBe('key');
		expect(course.meta.certificate.validityMonths).toBe(36);
		expect(course.lessons.map((l) => [l.position, l.slug, l.module?.slug ?? null])).toEqual([
			[1, 'gioi-thieu', null],
			[2, 'can-bang-nuoc', 'chi-tiet'],
			[3, 'doc-them', null]
		]);
		expect(course.lessons[1].module?.title).toEqual({ vi: 'Chi tiết', en: 'Details' });
		expect(course.lessons[0].text.vi.frontMatter).toEqual({
			title: 'Giới thiệu',
			minutes: 10,
			required: true
		});
		expect(course.lessons[0].text.en?.frontMatter.title).toBe('Introduction');
		expect(course.lessons[0].text.vi.serverJs).toContain('PaybackCalculator');
		expect(course.languages).toEqual(['vi', 'en']);
		expect(course.quizFiles).toEqual(['final.quiz.yaml']);
		expect(course.assetFiles).toEqual(['images/so-do.svg']);
		expect(course.contentHash).toMatch(/^[0-9a-f]{64}$/);
		expect(requiredLessonSlugs(course)).toEqual(['gioi-thieu', 'can-bang-nuoc']);
	});

	it('lists a course in English only when its quizzes can be read in English too', async () => {
		const files = readCourseFolder(`${fixtures}good/mini-course`);
		const quiz = textOf(files.get('final.quiz.yaml')!);
		files.set('final.quiz.yaml', bytesOf(quiz.slice(0, quiz.indexOf('    en:'))));
		const { course } = await loadCourseFiles('mini-course', files, { compile: false });
		expect(course?.languages).toEqual(['vi']);
	});

	it('reports YAML syntax errors at their line', async () => {
		expect(await problemsOf('broken/yaml-syntax')).toEqual([
			'khoa-loi-yaml/course.yaml:5: YAML: Flow sequence in block collection must be sufficiently indented and end with a ]'
		]);
	});

	it('reports every invalid metadata value at its line', async () => {
		expect(await problemsOf('broken/bad-meta')).toEqual([
			'khoa-sai-thong-tin/course.yaml:4: summary.vi must not be empty',
			'khoa-sai-thong-tin/course.yaml:5: audiences.0 must be one of manager, operational, consultant, student, other',
			'khoa-sai-thong-tin/course.yaml:7: hours must be a number of hours',
			'khoa-sai-thong-tin/course.yaml:9: unknown field colour'
		]);
	});

	it("reports a blended course's workshop share out of range at its line", async () => {
		expect(await problemsOf('broken/bad-workshop')).toEqual([
			'khoa-ket-hop/course.yaml:12: completion.workshop.share must be at most 1 (every session)'
		]);
	});

	it('reads a blended course asking for a workshop attended, all or a share', () => {
		const meta = (workshop: unknown) =>
			courseMetaSchema.safeParse({
				title: { vi: 'Khóa kết hợp' },
				summary: { vi: 'Tóm tắt' },
				audiences: ['consultant'],
				directiveItems: ['1c'],
				hours: 6,
				enrolment: 'open',
				completion: { workshop },
				status: 'published'
			});
		expect(meta('all').data?.completion.workshop).toBe('all');
		expect(meta({ share: 0.75 }).data?.completion.workshop).toEqual({ share: 0.75 });
		expect(meta({ share: 0 }).success).toBe(false);
		expect(meta('some').success).toBe(false);
		expect(meta(undefined).data?.completion.workshop).toBeUndefined();
	});

	it('reports front-matter problems at their line in the lesson file', async () => {
		expect(await problemsOf('broken/bad-front-matter')).toEqual([
			'khoa-loi-dau-bai/01-thieu-phut.md:2: minutes is required',
			'khoa-loi-dau-bai/01-thieu-phut.md:3: required must be true or false',
			'khoa-loi-dau-bai/02-khong-front-matter.md:1: a lesson must start with front matter between --- lines',
			'khoa-loi-dau-bai/03-sai-kieu.md:2: title must not be empty',
			'khoa-loi-dau-bai/03-sai-kieu.md:3: minutes must be at least 1',
			'khoa-loi-dau-bai/03-sai-kieu.md:4: unknown field author'
		]);
	});

	it('reports unknown components, scripts, level-1 headings and Svelte errors in lesson bodies', async () => {
		expect(await problemsOf('broken/bad-body')).toEqual([
			'khoa-loi-noi-dung/01-thanh-phan-la.md:8: unknown component <Chart>; lessons may use Callout, Figure, Download, Term, PaybackCalculator, WaterBalance',
			'khoa-loi-noi-dung/01-thanh-phan-la.md:10: <script> is not allowed in a lesson',
			'khoa-loi-noi-dung/01-thanh-phan-la.md:12: a lesson must not use a level-1 heading (# …): the title is the page heading; use ##',
			'khoa-loi-noi-dung/02-loi-svelte.md:8: Svelte: Expected token }'
		]);
	});

	it('reports misnamed files, orphan translations, modules without metadata and missing images', async () => {
		expect(await problemsOf('broken/naming')).toEqual([
			'khoa-sai-ten/02-bai-hai.en.md:1: there is no Vietnamese lesson "bai-hai" for this English one',
			'khoa-sai-ten/03-mo-dun/module.yaml:1: a module folder needs a module.yaml with its title',
			'khoa-sai-ten/04-hinh.md:8: the image images/khong-co.png is not in the course folder',
			'khoa-sai-ten/gioi-thieu.md:1: a lesson file is named NN-slug.md (or NN-slug.en.md): a number, a dash, lower-case letters, digits and dashes'
		]);
	});

	it('refuses a course with no lessons', async () => {
		expect(await problemsOf('broken/no-lessons')).toEqual([
			'khoa-rong/course.yaml:1: the course has no lessons'
		]);
	});
});
