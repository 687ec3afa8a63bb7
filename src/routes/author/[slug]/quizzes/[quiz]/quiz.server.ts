import { error } from '@sveltejs/kit';
import { localise } from '$lib/localise';
import { m } from '$lib/paraglide/messages';
import { openQuiz, settingsValues, type OpenQuiz } from '$lib/server/authoring/quizzes';
import { requireAuthor } from '../../../access.server';
import type { Conflict } from './types';

// What the quiz page and the question page share: the guard, and the revision a form was based on.

export async function requireQuiz(
	locals: App.Locals,
	url: URL,
	params: { slug: string; quiz: string }
) {
	const { user, course } = await requireAuthor(locals, url, params.slug, { edit: true });
	const quiz = await openQuiz(locals.db, course.id, params.quiz);
	if (!quiz) error(404, m.error_not_found());
	return { user, course, quiz };
}

/** What every page of the quiz editor shows of the course and the quiz. */
export function heading(
	course: { slug: string; title: { vi: string; en?: string } },
	quiz: OpenQuiz,
	slug: string
) {
	return {
		course: { slug: course.slug, title: localise(course.title) },
		quiz: { slug, title: settingsValues(quiz.data).titleVi.trim() || slug }
	};
}

/**
 * The revision of the file the form was filled from. After a conflict, "keep mine" posts the
 * revision of the other person's version as `overwrite`, so saving replaces it on purpose.
 */
export function baseRevision(formData: FormData): number {
	const raw = formData.get('overwrite') || formData.get('revision');
	const revision = Number(raw);
	if (!Number.isInteger(revision) || revision < 1) error(400, m.error_invalid());
	return revision;
}

export const conflictWith = (base: number, current: OpenQuiz | null): Conflict => ({
	base,
	revision: current?.revision ?? null,
	by: current?.updatedByName ?? null,
	at: current?.updatedAt.toISOString() ?? null
});
