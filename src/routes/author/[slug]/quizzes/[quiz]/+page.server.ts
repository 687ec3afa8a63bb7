import { error, fail, redirect } from '@sveltejs/kit';
import { message, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { m } from '$lib/paraglide/messages';
import { localizeHref } from '$lib/paraglide/runtime';
import { applySettingsIntent, quizSettingsSchema } from '$lib/schemas/authoring-quiz';
import { draftTree } from '$lib/server/authoring/drafts';
import { outlineOf } from '$lib/server/authoring/outline';
import { checkQuiz, countOn, problemCounts, problemsOn } from '$lib/server/authoring/quiz-problems';
import {
	applySettings,
	changeQuiz,
	moveQuestion,
	questionKeys,
	questionList,
	questionsOf,
	readQuiz,
	removeQuestion,
	settingsData,
	settingsValues
} from '$lib/server/authoring/quizzes';
import { baseRevision, conflictWith, heading, requireQuiz } from './quiz.server';
import type { Actions, PageServerLoad } from './$types';

const settingsForm = (data: unknown) =>
	superValidate(settingsValues(data), zod4(quizSettingsSchema), { id: 'settings', errors: false });

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const { course, quiz } = await requireQuiz(locals, url, params);
	const outline = outlineOf(await draftTree(locals.db, course.id));
	const problems = checkQuiz(quiz, new Set(outline.lessons.map((l) => l.slug)));
	const questions = questionList(quiz.data);
	const counts = problemCounts(problems, questions.length);
	return {
		...heading(course, quiz, params.quiz),
		revision: quiz.revision,
		updatedAt: quiz.updatedAt.toISOString(),
		updatedBy: quiz.updatedByName,
		syntaxError: quiz.syntaxError,
		fileText: quiz.syntaxError ? quiz.text : null,
		lessons: outline.lessons.map((l) => ({ slug: l.slug, title: l.title || l.slug })),
		questions: questions.map((q, i) => ({ ...q, problems: counts[i] })),
		problemCount: problems.length,
		problems: problemsOn(problems, null),
		removing: url.searchParams.get('remove'),
		removed: url.searchParams.has('removed'),
		settingsForm: await settingsForm(quiz.data)
	};
};

/** After a list change: where the moved question now is (its key may be its number). */
function keyAt(text: string, index: number) {
	return questionKeys(questionsOf(readQuiz(text).data))[index] ?? null;
}

export const actions: Actions = {
	settings: async ({ request, locals, url, params }) => {
		const { user, course } = await requireQuiz(locals, url, params);
		const formData = await request.formData();
		const form = await superValidate(formData, zod4(quizSettingsSchema), { id: 'settings' });
		const changed = applySettingsIntent(form.data, String(formData.get('intent') ?? ''));
		if (changed) {
			form.data = changed.values;
			return { form, rowsChanged: true };
		}
		if (!form.valid) return fail(400, { form });
		const base = baseRevision(formData);
		const saved = await changeQuiz(locals.db, course.id, params.quiz, base, user.id, (quiz) =>
			applySettings(quiz, settingsData(form.data))
		);
		if (!saved.ok) {
			const theirs = saved.current && {
				settings: settingsValues(saved.current.data),
				questionCount: questionsOf(saved.current.data).length
			};
			return fail(409, { form, conflict: { ...conflictWith(base, saved.current), theirs } });
		}
		const quiz = readQuiz(saved.text);
		const lessons = outlineOf(await draftTree(locals.db, course.id)).lessons.map((l) => l.slug);
		const count = countOn(checkQuiz(quiz, new Set(lessons)), null);
		form.data = settingsValues(quiz.data);
		const text = count ? m.author_quiz_saved_problems({ count }) : m.author_quiz_settings_saved();
		return message(form, { type: 'success', text });
	},

	move: async ({ request, locals, url, params }) => {
		const { user, course } = await requireQuiz(locals, url, params);
		const formData = await request.formData();
		const key = String(formData.get('key') ?? '');
		const delta = formData.get('direction') === 'up' ? -1 : 1;
		const base = baseRevision(formData);
		const saved = await changeQuiz(locals.db, course.id, params.quiz, base, user.id, (quiz) => {
			const index = questionKeys(questionsOf(quiz.data)).indexOf(key);
			return index !== -1 && moveQuestion(quiz, index, delta) ? index + delta : null;
		});
		if (!saved.ok) return fail(409, { listConflict: conflictWith(base, saved.current) });
		if (saved.result === null) error(404, m.author_quiz_question_not_found());
		return {
			moved: {
				key: keyAt(saved.text, saved.result),
				direction: delta === -1 ? 'up' : 'down',
				text: m.author_quiz_moved({ number: saved.result + 1 })
			}
		};
	},

	remove: async ({ request, locals, url, params }) => {
		const { user, course } = await requireQuiz(locals, url, params);
		const formData = await request.formData();
		const key = String(formData.get('key') ?? '');
		const base = baseRevision(formData);
		const saved = await changeQuiz(locals.db, course.id, params.quiz, base, user.id, (quiz) => {
			const index = questionKeys(questionsOf(quiz.data)).indexOf(key);
			return index !== -1 && removeQuestion(quiz, index);
		});
		if (!saved.ok) return fail(409, { listConflict: conflictWith(base, saved.current) });
		if (!saved.result) error(404, m.author_quiz_question_not_found());
		redirect(303, localizeHref(`/author/${params.slug}/quizzes/${params.quiz}?removed#questions`));
	}
};
