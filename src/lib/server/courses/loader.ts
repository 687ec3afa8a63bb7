import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { checkLessonBody, compileLesson } from './compile';
import {
	courseMetaSchema,
	lessonFrontMatterSchema,
	moduleMetaSchema,
	type CourseMeta,
	type LessonFrontMatter
} from './format';
import { quizSchema, type QuizDefinition } from '../quiz/format';
import { parseYaml, type Problem } from './yaml';

export type Language = 'vi' | 'en';

export interface LessonText {
	file: string;
	frontMatter: LessonFrontMatter;
	/** The Markdown after the front matter, as written. */
	body: string;
	/** The file line the body starts on. */
	bodyLine: number;
	/** Compiled server module (see compile.ts), when compiling was asked for. */
	serverJs?: string;
}

export interface LessonSource {
	slug: string;
	/** 1-based order in the whole course, modules flattened. */
	position: number;
	module: { slug: string; title: { vi: string; en?: string } } | null;
	text: { vi: LessonText; en?: LessonText };
}

export interface CourseSource {
	slug: string;
	meta: CourseMeta;
	lessons: LessonSource[];
	/** Paths, relative to the course folder, of quiz files. */
	quizFiles: string[];
	quizzes: { slug: string; definition: QuizDefinition }[];
	/** Paths, relative to the course folder, of every other file (images…). */
	assetFiles: string[];
	languages: Language[];
	/** SHA-256 of every file in the folder: a new hash means a new version. */
	contentHash: string;
}

export interface LoadResult {
	courses: CourseSource[];
	invalid: { slug: string; problems: Problem[] }[];
}

const LESSON_FILE = /^(\d+)-([a-z0-9]+(?:-[a-z0-9]+)*)(\.en)?\.md$/;
const MODULE_DIR = /^(\d+)-([a-z0-9]+(?:-[a-z0-9]+)*)$/;
const COURSE_DIR = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

function filesUnder(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		if (entry.name.startsWith('.')) return [];
		const path = join(dir, entry.name);
		return entry.isDirectory() ? filesUnder(path) : [path];
	});
}

function hashFolder(dir: string): string {
	const hash = createHash('sha256');
	for (const file of filesUnder(dir).sort()) {
		hash.update(relative(dir, file).split('\\').join('/'));
		hash.update('\0');
		hash.update(readFileSync(file));
		hash.update('\0');
	}
	return hash.digest('hex');
}

/** Splits `---` front matter from the body; lines are 1-based. */
function splitFrontMatter(source: string, file: string) {
	const text = source.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
	const lines = text.split('\n');
	if (lines[0]?.trim() !== '---') {
		return {
			problem: { file, line: 1, message: 'a lesson must start with front matter between --- lines' }
		};
	}
	const end = lines.findIndex((l, i) => i > 0 && l.trim() === '---');
	if (end < 0)
		return { problem: { file, line: 1, message: 'the front matter has no closing --- line' } };
	return {
		yaml: lines.slice(1, end).join('\n'),
		body: lines.slice(end + 1).join('\n'),
		bodyLine: end + 2
	};
}

async function readLesson(
	root: string,
	path: string,
	compile: boolean,
	problems: Problem[]
): Promise<LessonText | undefined> {
	const file = relative(root, path).split('\\').join('/');
	const split = splitFrontMatter(readFileSync(path, 'utf8'), file);
	if ('problem' in split && split.problem) {
		problems.push(split.problem);
		return undefined;
	}
	const { yaml, body, bodyLine } = split as { yaml: string; body: string; bodyLine: number };
	const frontMatter = parseYaml(yaml, lessonFrontMatterSchema, file, 2);
	if (!frontMatter.ok) problems.push(...frontMatter.problems);
	const bodyProblems = checkLessonBody(body, file, bodyLine);
	problems.push(...bodyProblems);
	if (!body.trim()) problems.push({ file, line: bodyLine, message: 'the lesson has no text' });
	let serverJs: string | undefined;
	if (compile && bodyProblems.length === 0) {
		const compiled = await compileLesson(body, file, bodyLine);
		if (compiled.ok) serverJs = compiled.serverJs;
		else problems.push(...compiled.problems);
	}
	return frontMatter.ok
		? { file, frontMatter: frontMatter.value, body, bodyLine, serverJs }
		: undefined;
}

/** Reads and validates one course folder; every problem is collected, not just the first. */
export async function loadCourse(
	root: string,
	slug: string,
	options: { compile?: boolean } = {}
): Promise<{ course?: CourseSource; problems: Problem[] }> {
	const dir = join(root, slug);
	const problems: Problem[] = [];
	const compile = options.compile ?? true;
	if (!COURSE_DIR.test(slug)) {
		problems.push({
			file: slug,
			line: 1,
			message: 'a course folder name must be lower-case letters, digits and dashes'
		});
	}
	const metaPath = join(dir, 'course.yaml');
	let meta: CourseMeta | undefined;
	if (!existsSync(metaPath)) {
		problems.push({ file: `${slug}/course.yaml`, line: 1, message: 'course.yaml is missing' });
	} else {
		const parsed = parseYaml(
			readFileSync(metaPath, 'utf8'),
			courseMetaSchema,
			`${slug}/course.yaml`
		);
		if (parsed.ok) meta = parsed.value;
		else problems.push(...parsed.problems);
	}

	type Found = {
		number: number;
		slug: string;
		en: boolean;
		path: string;
		module: LessonSource['module'];
		moduleNumber: number;
	};
	const found: Found[] = [];
	const quizFiles: string[] = [];
	const assetFiles: string[] = [];
	const scan = (folder: string, module: LessonSource['module'], moduleNumber: number) => {
		for (const entry of readdirSync(folder, { withFileTypes: true })) {
			if (entry.name.startsWith('.')) continue;
			const path = join(folder, entry.name);
			const rel = relative(dir, path).split('\\').join('/');
			const moduleMatch = entry.isDirectory() && !module ? entry.name.match(MODULE_DIR) : null;
			if (moduleMatch) {
				const moduleFile = `${slug}/${rel}/module.yaml`;
				if (!existsSync(join(path, 'module.yaml'))) {
					problems.push({
						file: moduleFile,
						line: 1,
						message: 'a module folder needs a module.yaml with its title'
					});
					continue;
				}
				const parsed = parseYaml(
					readFileSync(join(path, 'module.yaml'), 'utf8'),
					moduleMetaSchema,
					moduleFile
				);
				if (!parsed.ok) {
					problems.push(...parsed.problems);
					continue;
				}
				scan(path, { slug: moduleMatch[2], title: parsed.value.title }, Number(moduleMatch[1]));
			} else if (entry.isDirectory()) {
				assetFiles.push(...filesUnder(path).map((f) => relative(dir, f).split('\\').join('/')));
			} else if (entry.name.endsWith('.md')) {
				const match = entry.name.match(LESSON_FILE);
				if (!match) {
					problems.push({
						file: `${slug}/${rel}`,
						line: 1,
						message:
							'a lesson file is named NN-slug.md (or NN-slug.en.md): a number, a dash, lower-case letters, digits and dashes'
					});
					continue;
				}
				found.push({
					number: Number(match[1]),
					slug: match[2],
					en: Boolean(match[3]),
					path,
					module,
					moduleNumber
				});
			} else if (entry.name.endsWith('.quiz.yaml')) {
				quizFiles.push(rel);
			} else if (!(entry.name === 'course.yaml' || entry.name === 'module.yaml')) {
				assetFiles.push(rel);
			}
		}
	};
	if (existsSync(dir) && statSync(dir).isDirectory()) scan(dir, null, 0);

	// Modules and loose lessons share one sequence: a loose lesson numbered 2 sits between modules 1 and 3.
	const orderKey = (f: Found) => (f.module ? [f.moduleNumber, f.number] : [f.number, 0]);
	found.sort((a, b) => {
		const [a1, a2] = orderKey(a);
		const [b1, b2] = orderKey(b);
		return a1 - b1 || a2 - b2;
	});

	const lessons: LessonSource[] = [];
	const bySlug = new Map<string, LessonSource>();
	for (const f of found.filter((x) => !x.en)) {
		const file = `${slug}/${relative(dir, f.path).split('\\').join('/')}`;
		if (bySlug.has(f.slug)) {
			problems.push({ file, line: 1, message: `another lesson already has the slug "${f.slug}"` });
			continue;
		}
		const vi = await readLesson(root, f.path, compile, problems);
		if (!vi) continue;
		const lesson: LessonSource = {
			slug: f.slug,
			position: lessons.length + 1,
			module: f.module,
			text: { vi }
		};
		bySlug.set(f.slug, lesson);
		lessons.push(lesson);
	}
	for (const f of found.filter((x) => x.en)) {
		const file = `${slug}/${relative(dir, f.path).split('\\').join('/')}`;
		const lesson = bySlug.get(f.slug);
		if (!lesson) {
			if (!found.some((x) => !x.en && x.slug === f.slug)) {
				problems.push({
					file,
					line: 1,
					message: `there is no Vietnamese lesson "${f.slug}" for this English one`
				});
			}
			continue;
		}
		const en = await readLesson(root, f.path, compile, problems);
		if (en) lesson.text.en = en;
	}
	if (found.length === 0) {
		problems.push({ file: `${slug}/course.yaml`, line: 1, message: 'the course has no lessons' });
	}

	for (const lesson of lessons) {
		for (const text of [lesson.text.vi, lesson.text.en]) {
			if (!text) continue;
			text.body.split('\n').forEach((line, i) => {
				for (const m of line.matchAll(/<Figure\b[^>]*\bsrc="([^"]+)"/g)) {
					if (!/^(https?:)?\//.test(m[1]) && !existsSync(join(dir, m[1]))) {
						problems.push({
							file: text.file,
							line: text.bodyLine + i,
							message: `the image ${m[1]} is not in the course folder`
						});
					}
				}
			});
		}
	}

	if (meta && Array.isArray(meta.completion.requiredLessons)) {
		for (const required of meta.completion.requiredLessons) {
			if (!bySlug.has(required)) {
				problems.push({
					file: `${slug}/course.yaml`,
					line: 1,
					message: `completion.requiredLessons names "${required}", which is not a lesson of this course`
				});
			}
		}
	}

	const quizzes: CourseSource['quizzes'] = [];
	for (const rel of quizFiles) {
		const file = `${slug}/${rel}`;
		const quizSlug = rel
			.split('/')
			.pop()!
			.replace(/\.quiz\.yaml$/, '');
		if (!COURSE_DIR.test(quizSlug)) {
			problems.push({
				file,
				line: 1,
				message: 'a quiz file is named slug.quiz.yaml: lower-case letters, digits and dashes'
			});
			continue;
		}
		const parsed = parseYaml(readFileSync(join(dir, rel), 'utf8'), quizSchema, file);
		if (!parsed.ok) {
			problems.push(...parsed.problems);
			continue;
		}
		if (parsed.value.after && !bySlug.has(parsed.value.after)) {
			problems.push({
				file,
				line: 1,
				message: `after names "${parsed.value.after}", which is not a lesson of this course`
			});
		}
		quizzes.push({ slug: quizSlug, definition: parsed.value });
	}

	if (problems.length > 0 || !meta) return { problems };
	const english = Boolean(meta.title.en && meta.summary.en) && lessons.every((l) => l.text.en);
	return {
		problems,
		course: {
			slug,
			meta,
			lessons,
			quizFiles: quizFiles.sort(),
			quizzes,
			assetFiles: assetFiles.sort(),
			languages: english ? ['vi', 'en'] : ['vi'],
			contentHash: hashFolder(dir)
		}
	};
}

/** Every course folder under `root`, valid or not. */
export async function loadCourses(
	root: string,
	options: { compile?: boolean } = {}
): Promise<LoadResult> {
	const result: LoadResult = { courses: [], invalid: [] };
	if (!existsSync(root)) return result;
	const slugs = readdirSync(root, { withFileTypes: true })
		.filter((e) => e.isDirectory() && !e.name.startsWith('.') && !e.name.startsWith('_'))
		.map((e) => e.name)
		.sort();
	for (const slug of slugs) {
		const { course, problems } = await loadCourse(root, slug, options);
		if (course) result.courses.push(course);
		else
			result.invalid.push({
				slug,
				problems: problems.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line)
			});
	}
	return result;
}

/** Required lessons under the course's completion rule. */
export function requiredLessonSlugs(course: Pick<CourseSource, 'meta' | 'lessons'>): string[] {
	const rule = course.meta.completion.requiredLessons;
	return rule === 'all'
		? course.lessons.filter((l) => l.text.vi.frontMatter.required).map((l) => l.slug)
		: rule;
}
