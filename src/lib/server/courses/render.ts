// Compiled lessons import Svelte's server runtime; they get this build's copy (see instantiate).
// @ts-expect-error Svelte ships no types for its internal runtime.
// eslint-disable-next-line svelte/no-svelte-internal
import * as internal from 'svelte/internal/server';
import { render } from 'svelte/server';
import * as components from '$lib/components/lesson';
import { lessonContext } from '$lib/components/lesson/context';
import { sanitiseLessonHtml } from './safety';
import type { LessonText } from './loader';
import type { Problem } from './yaml';

type LessonProps = { components: typeof components };
type ServerComponent = import('svelte').Component<LessonProps>;

/**
 * Turns a lesson compiled by compile.ts into a component function. The compiled module imports only
 * Svelte's server runtime; it gets this build's copy, so lessons and their components share one runtime.
 */
function instantiate(serverJs: string): ServerComponent {
	const body = serverJs
		.replace(/^import \* as \$ from 'svelte\/internal\/server';$/m, '')
		.replace(/^export const metadata = /m, 'const metadata = ')
		.replace(/^export default function /m, 'return function ');
	if (/^\s*(import|export)\s/m.test(body)) {
		throw new Error('A compiled lesson has an unexpected import or export.');
	}
	return new Function('$', body)(internal) as ServerComponent;
}

/** Svelte's rendering of a lesson, before sanitising; only renderLesson and its tests call it. */
export function renderUnsanitised(
	serverJs: string,
	courseSlug: string,
	locale: 'vi' | 'en' = 'vi',
	filesBase?: string
): string {
	const Lesson = instantiate(serverJs);
	const { body } = render(Lesson, {
		props: { components },
		context: lessonContext({ courseSlug, locale, filesBase })
	});
	// Svelte's hydration markers mean nothing in HTML that is inserted as a string.
	return body.replace(/<!--[^\s>]{0,8}-->/g, '').trim();
}

/**
 * Renders a compiled lesson to sanitised HTML: once per version and build for learners (sync.ts),
 * on each change for an author's preview, where `filesBase` points images at the draft's files.
 */
export function renderLesson(
	serverJs: string,
	courseSlug: string,
	locale: 'vi' | 'en' = 'vi',
	filesBase?: string
): string {
	return sanitiseLessonHtml(renderUnsanitised(serverJs, courseSlug, locale, filesBase));
}

/** A lesson that failed to render, as a problem at its file: publishing stops with it. */
export class LessonRenderError extends Error {
	constructor(readonly problem: Problem) {
		super(problem.message);
	}
}

/**
 * renderLesson for publishing: a lesson that throws while rendering becomes a LessonRenderError
 * carrying a problem at its file, so the course is not published and the author is told — never a
 * 500 (the attribute check in safety.ts catches wrong props before; this catches what slips past).
 */
export function renderForPublishing(
	text: Pick<LessonText, 'file' | 'bodyLine' | 'serverJs'>,
	courseSlug: string,
	locale: 'vi' | 'en'
) {
	try {
		return renderLesson(text.serverJs!, courseSlug, locale);
	} catch (error) {
		throw new LessonRenderError(renderProblem(text.file, text.bodyLine, error));
	}
}

export function renderProblem(file: string, line: number, error: unknown): Problem {
	const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
	return { file, line, message: `the lesson cannot be shown: ${reason}` };
}
