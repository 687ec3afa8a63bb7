import { assetProblem } from './assets';
import { isSlug, SLUG_MAX, SLUG_SOURCE } from '$lib/slug';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { checkLessonBody, compileLesson } from './compile';
import {
	courseMetaSchema,
	lessonFrontMatterSchema,
	moduleMetaSchema,
	type CourseMeta,
	type LessonFrontMatter
} from './format';
import { quizInEnglish, quizSchema, type QuizDefinition } from '../quiz/format';
import { parseYaml, type Problem } from './yaml';
import { ASSIGNMENT_FILE, loadAssignments, type AssignmentSource } from '../assignments/load';
import { assignmentInEnglish } from '../assignments/format';
import { hashCourseFiles, readCourseFolder, sortedFiles, textOf, type CourseFiles } from './files';

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
	/** Paths, relative to the course folder, of assignment files. */
	assignmentFiles: string[];
	/** Trainer-graded work (assignments/format.ts). */
	assignments: AssignmentSource[];
	/** Paths, relative to the course folder, of every other file (images…). */
	assetFiles: string[];
	languages: Language[];
	/** SHA-256 of every file in the folder: a new hash means a new version. */
	contentHash: string;
	/** Every file of the course, as validated: stored with the version for export and history. */
	files: CourseFiles;
}

export interface LoadResult {
	courses: CourseSource[];
	invalid: { slug: string; problems: Problem[] }[];
}

const LESSON_FILE = new RegExp(`^(\\d+)-(${SLUG_SOURCE})(\\.en)?\\.md$`);
const MODULE_DIR = new RegExp(`^(\\d+)-(${SLUG_SOURCE})$`);

export { LESSON_FILE, MODULE_DIR };

/** A file or folder name's match, kept only when its slug (group 2) also keeps the length rule. */
const sluggedName = (match: RegExpMatchArray | null) => (match && isSlug(match[2]) ? match : null);

/** Splits `---` front matter from the body; lines are 1-based. */
export function splitFrontMatter(source: string, file: string) {
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
	file: string,
	source: string,
	compile: boolean,
	problems: Problem[]
): Promise<LessonText | undefined> {
	const split = splitFrontMatter(source, file);
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

/** The immediate children of a folder of the tree: files, and folders with every file under them. */
function childrenOf(files: CourseFiles, prefix: string) {
	const entries = new Map<string, { isDirectory: boolean; paths: string[] }>();
	for (const path of files.keys()) {
		if (!path.startsWith(prefix)) continue;
		const rest = path.slice(prefix.length);
		const name = rest.split('/')[0];
		const entry = entries.get(name) ?? { isDirectory: rest.includes('/'), paths: [] };
		entry.paths.push(path);
		entries.set(name, entry);
	}
	return [...entries.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Reads and validates one course folder; every problem is collected, not just the first. */
export async function loadCourse(
	root: string,
	slug: string,
	options: { compile?: boolean } = {}
): Promise<{ course?: CourseSource; problems: Problem[] }> {
	return loadCourseFiles(slug, readCourseFolder(join(root, slug)), options);
}

/**
 * Validates a course given as files (a folder read from disk, a draft in the web editor, a zip):
 * the same rules whatever the source, every problem at its file and line.
 */
export async function loadCourseFiles(
	slug: string,
	files: CourseFiles,
	options: { compile?: boolean } = {}
): Promise<{ course?: CourseSource; problems: Problem[] }> {
	const problems: Problem[] = [];
	const compile = options.compile ?? true;
	const read = (path: string) => textOf(files.get(path)!);
	if (!isSlug(slug)) {
		problems.push({
			file: slug,
			line: 1,
			message: `a course folder name must be lower-case letters, digits and dashes, at most ${SLUG_MAX} characters`
		});
	}
	let meta: CourseMeta | undefined;
	if (!files.has('course.yaml')) {
		problems.push({ file: `${slug}/course.yaml`, line: 1, message: 'course.yaml is missing' });
	} else {
		const parsed = parseYaml(read('course.yaml'), courseMetaSchema, `${slug}/course.yaml`);
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
	const assignmentFiles: string[] = [];
	const assetFiles: string[] = [];
	const scan = (prefix: string, module: LessonSource['module'], moduleNumber: number) => {
		for (const [name, entry] of childrenOf(files, prefix)) {
			const rel = prefix + name;
			const moduleMatch = entry.isDirectory && !module ? sluggedName(name.match(MODULE_DIR)) : null;
			if (moduleMatch) {
				const moduleFile = `${slug}/${rel}/module.yaml`;
				if (!files.has(`${rel}/module.yaml`)) {
					problems.push({
						file: moduleFile,
						line: 1,
						message: 'a module folder needs a module.yaml with its title'
					});
					continue;
				}
				const parsed = parseYaml(read(`${rel}/module.yaml`), moduleMetaSchema, moduleFile);
				if (!parsed.ok) {
					problems.push(...parsed.problems);
					continue;
				}
				scan(
					`${rel}/`,
					{ slug: moduleMatch[2], title: parsed.value.title },
					Number(moduleMatch[1])
				);
			} else if (entry.isDirectory) {
				assetFiles.push(...entry.paths);
			} else if (name.endsWith('.md')) {
				const match = sluggedName(name.match(LESSON_FILE));
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
					path: rel,
					module,
					moduleNumber
				});
			} else if (name.endsWith('.quiz.yaml')) {
				quizFiles.push(rel);
			} else if (ASSIGNMENT_FILE.test(name)) {
				assignmentFiles.push(rel);
			} else if (!(name === 'course.yaml' || name === 'module.yaml')) {
				assetFiles.push(rel);
			}
		}
	};
	scan('', null, 0);
	for (const path of assetFiles) {
		const problem = assetProblem(path, files.get(path)!);
		if (problem) problems.push({ file: `${slug}/${path}`, line: 1, message: problem });
	}

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
		const file = `${slug}/${f.path}`;
		if (bySlug.has(f.slug)) {
			problems.push({ file, line: 1, message: `another lesson already has the slug "${f.slug}"` });
			continue;
		}
		const vi = await readLesson(file, read(f.path), compile, problems);
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
		const file = `${slug}/${f.path}`;
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
		const en = await readLesson(file, read(f.path), compile, problems);
		if (en) lesson.text.en = en;
	}
	if (found.length === 0) {
		problems.push({ file: `${slug}/course.yaml`, line: 1, message: 'the course has no lessons' });
	}

	for (const lesson of lessons) {
		for (const text of [lesson.text.vi, lesson.text.en]) {
			if (!text) continue;
			text.body.split('\n').forEach((line, i) => {
				for (const m of line.matchAll(/<(Figure|Download)\b[^>]*\bsrc="([^"]+)"/g)) {
					if (!/^(https?:)?\//.test(m[2]) && !files.has(m[2].replace(/^\.\//, ''))) {
						problems.push({
							file: text.file,
							line: text.bodyLine + i,
							message: `the ${m[1] === 'Figure' ? 'image' : 'file'} ${m[2]} is not in the course folder`
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
		if (!isSlug(quizSlug)) {
			problems.push({
				file,
				line: 1,
				message: 'a quiz file is named slug.quiz.yaml: lower-case letters, digits and dashes'
			});
			continue;
		}
		const parsed = parseYaml(read(rel), quizSchema, file);
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

	const assignments = await loadAssignments(
		slug,
		files,
		assignmentFiles,
		new Set(bySlug.keys()),
		compile,
		problems
	);
	const taken = new Set(quizzes.map((q) => q.slug));
	for (const a of assignments) {
		if (taken.has(a.slug))
			problems.push({
				file: `${slug}/${assignmentFiles.find((f) => f.endsWith(`${a.slug}.assignment.yaml`))}`,
				line: 1,
				message: `a quiz already has the slug "${a.slug}"`
			});
	}

	if (problems.length > 0 || !meta) return { problems };
	// Listed in English only when an English reader can finish it: every lesson, quiz and assignment.
	const english =
		Boolean(meta.title.en && meta.summary.en) &&
		lessons.every((l) => l.text.en) &&
		quizzes.every((q) => quizInEnglish(q.definition)) &&
		assignments.every((a) => assignmentInEnglish(a.definition));
	return {
		problems,
		course: {
			slug,
			meta,
			lessons,
			quizFiles: quizFiles.sort(),
			quizzes,
			assignmentFiles: assignmentFiles.sort(),
			assignments,
			assetFiles: assetFiles.sort(),
			languages: english ? ['vi', 'en'] : ['vi'],
			contentHash: hashCourseFiles(files),
			files: sortedFiles(files)
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
