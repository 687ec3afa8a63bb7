import { getContext, setContext } from 'svelte';

const KEY = Symbol('lesson');

export interface LessonContext {
	/** The course's slug: files in the course folder are served under /course-files/<slug>/. */
	courseSlug: string;
}

export const setLessonContext = (value: LessonContext) => setContext(KEY, value);
export const getLessonContext = () => getContext<LessonContext | undefined>(KEY);

/** The address of a file in the course folder, from a path relative to it. */
export function courseFileUrl(courseSlug: string, path: string): string {
	if (/^(https?:)?\/\//.test(path) || path.startsWith('/')) return path;
	const clean = path.replace(/^\.\//, '');
	return `/course-files/${courseSlug}/${clean.split('/').map(encodeURIComponent).join('/')}`;
}
