import { getContext, setContext } from 'svelte';

const KEY = Symbol('lesson');

export interface LessonContext {
	/** The course's slug: files in the course folder are served under /course-files/<slug>/. */
	courseSlug: string;
	/** The language the lesson is written in; components label themselves in it. */
	locale?: 'vi' | 'en';
	/** Where the course's files are served from instead, e.g. an author's draft for a preview. */
	filesBase?: string;
}

/** The context a lesson is rendered with on the server (see courses/render.ts). */
export const lessonContext = (value: LessonContext) => new Map<unknown, unknown>([[KEY, value]]);

export const setLessonContext = (value: LessonContext) => setContext(KEY, value);
export const getLessonContext = () => getContext<LessonContext | undefined>(KEY);

/** The address of a file in the course folder, from a path relative to it. */
export function courseFileUrl(courseSlug: string, path: string, filesBase?: string): string {
	if (/^(https?:)?\/\//.test(path) || path.startsWith('/') || path.startsWith('data:')) return path;
	const clean = path.replace(/^\.\//, '');
	const base = filesBase ?? `/course-files/${courseSlug}`;
	return `${base}/${clean.split('/').map(encodeURIComponent).join('/')}`;
}
