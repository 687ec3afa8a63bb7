import { SLUG_MAX } from '$lib/slug';
import { parse as parseYamlText, stringify } from 'yaml';
import { fold } from '$lib/text';
import { LESSON_FILE, MODULE_DIR, splitFrontMatter } from '../courses/loader';
import { bytesOf, textOf, type CourseFiles } from '../courses/files';

// The draft's structure read from its file names, tolerantly: a draft may be half-written, so
// nothing here fails on content; publishing validates everything (loader.ts).

export interface OutlineLesson {
	slug: string;
	number: number;
	path: string;
	enPath: string | null;
	title: string | null;
	minutes: number | null;
	/** The module folder, or null for a lesson at the top of the course. */
	moduleFolder: string | null;
}

export interface OutlineModule {
	folder: string;
	number: number;
	slug: string;
	title: { vi: string; en?: string } | null;
	lessons: OutlineLesson[];
}

export type OutlineItem =
	{ kind: 'lesson'; lesson: OutlineLesson } | { kind: 'module'; module: OutlineModule };

export interface DraftOutline {
	items: OutlineItem[];
	lessons: OutlineLesson[];
	modules: OutlineModule[];
	quizzes: { slug: string; path: string; title: string | null }[];
	assignments: { slug: string; path: string; title: string | null }[];
	assets: { path: string; size: number }[];
}

function safeYaml(text: string): Record<string, unknown> | null {
	try {
		const value = parseYamlText(text);
		return value && typeof value === 'object' ? (value as Record<string, unknown>) : null;
	} catch {
		return null;
	}
}

export function lessonHead(text: string): { title: string | null; minutes: number | null } {
	const split = splitFrontMatter(text, '');
	const fm = 'yaml' in split && split.yaml !== undefined ? safeYaml(split.yaml) : null;
	return {
		title: typeof fm?.title === 'string' ? fm.title : null,
		minutes: typeof fm?.minutes === 'number' ? fm.minutes : null
	};
}

export function outlineOf(files: CourseFiles): DraftOutline {
	const modules = new Map<string, OutlineModule>();
	const loose: OutlineLesson[] = [];
	const quizzes: DraftOutline['quizzes'] = [];
	const assignments: DraftOutline['assignments'] = [];
	const assets: DraftOutline['assets'] = [];
	const english = new Map<string, string>();
	const lessonsFound: OutlineLesson[] = [];
	for (const [path, content] of files) {
		const parts = path.split('/');
		const name = parts[parts.length - 1];
		const folder = parts.length === 2 && MODULE_DIR.test(parts[0]) ? parts[0] : null;
		if (parts.length === 2 && folder && name === 'module.yaml') {
			const match = folder.match(MODULE_DIR)!;
			const meta = safeYaml(textOf(content));
			const title = meta?.title as { vi?: unknown; en?: unknown } | undefined;
			modules.set(folder, {
				folder,
				number: Number(match[1]),
				slug: match[2],
				title:
					typeof title?.vi === 'string'
						? { vi: title.vi, ...(typeof title.en === 'string' ? { en: title.en } : {}) }
						: null,
				lessons: []
			});
			continue;
		}
		const lessonMatch = (parts.length === 1 || folder) && name.match(LESSON_FILE);
		if (lessonMatch) {
			if (lessonMatch[3]) english.set(`${folder ?? ''}/${lessonMatch[2]}`, path);
			else
				lessonsFound.push({
					slug: lessonMatch[2],
					number: Number(lessonMatch[1]),
					path,
					enPath: null,
					moduleFolder: folder,
					...lessonHead(textOf(content))
				});
		} else if (name.endsWith('.quiz.yaml') || name.endsWith('.assignment.yaml')) {
			const meta = safeYaml(textOf(content));
			const title = (meta?.title as { vi?: unknown } | undefined)?.vi;
			const quiz = name.endsWith('.quiz.yaml');
			(quiz ? quizzes : assignments).push({
				slug: name.replace(/\.(quiz|assignment)\.yaml$/, ''),
				path,
				title: typeof title === 'string' ? title : null
			});
		} else if (name !== 'course.yaml' && name !== 'module.yaml') {
			assets.push({ path, size: content.byteLength });
		}
	}
	for (const lesson of lessonsFound) {
		lesson.enPath = english.get(`${lesson.moduleFolder ?? ''}/${lesson.slug}`) ?? null;
		const module = lesson.moduleFolder ? modules.get(lesson.moduleFolder) : undefined;
		if (module) module.lessons.push(lesson);
		else if (!lesson.moduleFolder) loose.push(lesson);
	}
	const items: OutlineItem[] = [
		...loose.map((lesson) => ({ kind: 'lesson' as const, lesson, n: lesson.number })),
		...[...modules.values()].map((module) => ({
			kind: 'module' as const,
			module,
			n: module.number
		}))
	]
		.sort((a, b) => a.n - b.n)
		.map(({ n: _n, ...item }) => item as OutlineItem);
	for (const module of modules.values()) module.lessons.sort((a, b) => a.number - b.number);
	const lessons = items.flatMap((item) =>
		item.kind === 'lesson' ? [item.lesson] : item.module.lessons
	);
	return {
		items,
		lessons,
		modules: [...modules.values()].sort((a, b) => a.number - b.number),
		quizzes: quizzes.sort((a, b) => a.slug.localeCompare(b.slug)),
		assignments: assignments.sort((a, b) => a.slug.localeCompare(b.slug)),
		assets
	};
}

/** A slug from a title: "Quản lý nội vi" → "quan-ly-noi-vi". */
export function slugFrom(text: string): string {
	return (
		fold(text)
			.replace(/[^a-z0-9]+/g, '-')
			.replace(/^-+|-+$/g, '')
			.slice(0, SLUG_MAX)
			.replace(/-+$/, '') || 'bai'
	);
}

/** A slug not yet among `taken`: "bai", "bai-2", "bai-3"… */
export function uniqueSlug(base: string, taken: Set<string>): string {
	if (!taken.has(base)) return base;
	for (let i = 2; ; i++) {
		// The suffix may not push the slug past the length rule ($lib/slug).
		const stem = base.slice(0, SLUG_MAX - String(i).length - 1).replace(/-+$/, '');
		if (!taken.has(`${stem}-${i}`)) return `${stem}-${i}`;
	}
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * The renames that number the items 01, 02… in the given order: top-level lessons and modules
 * share one sequence; each module numbers its own lessons.
 */
export function renumbering(items: OutlineItem[]): [string, string][] {
	const renames: [string, string][] = [];
	const lessonRenames = (lesson: OutlineLesson, n: number, folder: string | null) => {
		const prefix = folder ? `${folder}/` : '';
		renames.push([lesson.path, `${prefix}${pad(n)}-${lesson.slug}.md`]);
		if (lesson.enPath) renames.push([lesson.enPath, `${prefix}${pad(n)}-${lesson.slug}.en.md`]);
	};
	items.forEach((item, i) => {
		if (item.kind === 'lesson') lessonRenames(item.lesson, i + 1, null);
		else {
			const folder = `${pad(i + 1)}-${item.module.slug}`;
			renames.push([`${item.module.folder}/module.yaml`, `${folder}/module.yaml`]);
			item.module.lessons.forEach((lesson, j) => lessonRenames(lesson, j + 1, folder));
		}
	});
	return renames.filter(([a, b]) => a !== b);
}

export interface LessonHead {
	title: string;
	minutes: number;
	required: boolean;
}

/** A lesson file: front matter, a blank line, the Markdown (line ends as Unix, one final newline). */
export function lessonFileText(head: LessonHead, body: string): string {
	const frontMatter = stringify(
		{ title: head.title, minutes: head.minutes, ...(head.required ? {} : { required: false }) },
		{ lineWidth: 0 }
	);
	const text = body.replace(/\r\n?/g, '\n').replace(/^\n+/, '').trimEnd();
	return `---\n${frontMatter}---\n\n${text}\n`;
}

/** The editable parts of a lesson file; unreadable front matter reads as empty fields. */
export function readLessonFile(text: string): LessonHead & { body: string } {
	const split = splitFrontMatter(text, '');
	if (!('yaml' in split) || split.yaml === undefined) {
		return { title: '', minutes: 10, required: true, body: text };
	}
	const fm = safeYaml(split.yaml);
	return {
		title: typeof fm?.title === 'string' ? fm.title : '',
		minutes: typeof fm?.minutes === 'number' ? fm.minutes : 10,
		required: fm?.required !== false,
		body: (split.body ?? '').replace(/^\n+/, '')
	};
}

export const moduleFileText = (title: { vi: string; en?: string }) =>
	bytesOf(stringify({ title: title.en ? title : { vi: title.vi } }, { lineWidth: 0 }));
