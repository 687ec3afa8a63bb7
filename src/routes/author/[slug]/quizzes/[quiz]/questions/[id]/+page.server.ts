import { error, fail, redirect } from '@sveltejs/kit';
import { message, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { m } from '$lib/paraglide/messages';
import { localizeHref } from '$lib/paraglide/runtime';
import {
	applyQuestionIntent,
	isQuestionType,
	questionFormSchemas,
	type QuestionForm,
	type QuestionType
} from '$lib/schemas/authoring-quiz';
import { checkQuiz, countOn, problemsOn } from '$lib/server/authoring/quiz-problems';
import { isSlug } from '$lib/slug';
import {
	asList,
	asRecord,
	changeQuiz,
	putQuestion,
	questionData,
	questionIdFor,
	questionKeys,
	questionsOf,
	questionValues,
	readQuiz,
	withRows,
	type OpenQuiz
} from '$lib/server/authoring/quizzes';
import { baseRevision, conflictWith, heading, requireQuiz } from '../../quiz.server';
import type { Actions, PageServerLoad } from './$types';

/** The address of a question not yet saved (a question's key is a slug or "_" and its number). */
const NEW = '_new';

const questionForm = (type: QuestionType, values: QuestionForm) =>
	superValidate(values, zod4(questionFormSchemas[type]), { id: 'question', errors: false });

/** The question the address names in this version of the quiz: its index, or null when new. */
function locate(quiz: OpenQuiz, key: string): number | null {
	if (key === NEW) return null;
	const index = questionKeys(questionsOf(quiz.data)).indexOf(key);
	if (index === -1) error(404, m.author_quiz_question_not_found());
	return index;
}

/** The pools a question may be in: those drawn from, and its own even if it is not (yet). */
function poolsOf(data: unknown, own: string): string[] {
	const drawn = asList(asRecord(data).draw).map((d) => asRecord(d).pool);
	const pools = drawn.filter(isSlug);
	return own && !pools.includes(own) ? [...pools, own] : pools;
}

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const { course, quiz } = await requireQuiz(locals, url, params);
	const index = locate(quiz, params.id);
	const questions = questionsOf(quiz.data);
	const keys = questionKeys(questions);
	const own = index === null ? undefined : asRecord(questions[index]);
	// A question keeps its type; a new one, or one whose type is not valid, takes the one chosen.
	const chosen = url.searchParams.get('type');
	const type = isQuestionType(own?.type) ? own.type : isQuestionType(chosen) ? chosen : null;
	const quizPage = `/author/${params.slug}/quizzes/${params.quiz}`;
	if (index === null && !type) redirect(303, localizeHref(`${quizPage}#add-question`));
	const values = withRows(type ?? 'single', questionValues(own ?? { type }));
	return {
		...heading(course, quiz, params.quiz),
		revision: quiz.revision,
		syntaxError: quiz.syntaxError,
		key: params.id,
		isNew: index === null,
		number: (index ?? questions.length) + 1,
		id: typeof own?.id === 'string' ? own.id : null,
		type,
		/** The type written in the file when it is not one of the seven. */
		invalidType: own && !type ? String(own.type ?? '') : null,
		pools: poolsOf(quiz.data, values.pool),
		previous: index ? keys[index - 1] : null,
		next: index !== null && index + 1 < keys.length ? keys[index + 1] : null,
		problems: index === null ? {} : problemsOn(checkQuiz(quiz), index),
		saved: url.searchParams.has('saved'),
		form: type ? await questionForm(type, values) : null
	};
};

/** Their version of the question, for a conflict: null when they removed it. */
function theirQuestion(current: OpenQuiz | null, key: string) {
	if (!current) return null;
	const questions = questionsOf(current.data);
	const index = questionKeys(questions).indexOf(key);
	if (index === -1) return null;
	const type = asRecord(questions[index]).type;
	return {
		number: index + 1,
		type: isQuestionType(type) ? type : null,
		values: questionValues(questions[index])
	};
}

export const actions: Actions = {
	save: async ({ request, locals, url, params }) => {
		const { user, course, quiz } = await requireQuiz(locals, url, params);
		const formData = await request.formData();
		const type = formData.get('type');
		if (!isQuestionType(type)) error(400, m.error_invalid());
		const form = await superValidate(formData, zod4(questionFormSchemas[type]), { id: 'question' });
		const changed = applyQuestionIntent(form.data, String(formData.get('intent') ?? ''));
		if (changed) {
			form.data = changed.values;
			return { form, rowsChanged: true };
		}
		if (!form.valid) return fail(400, { form });
		const quizPage = `/author/${params.slug}/quizzes/${params.quiz}`;

		if (params.id === NEW) {
			// Adding overwrites nothing, so it goes into the latest version whoever saved it.
			for (let attempt = 0; attempt < 3; attempt++) {
				const current = attempt === 0 ? quiz : (await requireQuiz(locals, url, params)).quiz;
				const saved = await changeQuiz(
					locals.db,
					course.id,
					params.quiz,
					current.revision,
					user.id,
					(q) => {
						const id = questionIdFor(questionsOf(q.data), null, form.data.text);
						putQuestion(q, null, questionData(type, id, form.data));
						return id;
					}
				);
				if (saved.ok) redirect(303, localizeHref(`${quizPage}/questions/${saved.result}?saved`));
			}
			return message(form, { type: 'error', text: m.author_quiz_busy() }, { status: 409 });
		}

		const base = baseRevision(formData);
		const saved = await changeQuiz(locals.db, course.id, params.quiz, base, user.id, (q) => {
			const questions = questionsOf(q.data);
			const found = questionKeys(questions).indexOf(params.id);
			const at = found === -1 ? null : found;
			const id = questionIdFor(questions, at, form.data.text);
			return putQuestion(q, at, questionData(type, id, form.data));
		});
		if (!saved.ok) {
			const theirs = theirQuestion(saved.current, params.id);
			return fail(409, { form, conflict: { ...conflictWith(base, saved.current), theirs } });
		}
		const now = readQuiz(saved.text);
		const after = questionsOf(now.data);
		const key = questionKeys(after)[saved.result];
		if (key !== params.id) redirect(303, localizeHref(`${quizPage}/questions/${key}?saved`));
		form.data = questionValues(after[saved.result]);
		const count = countOn(checkQuiz(now), saved.result);
		const text = count ? m.author_quiz_saved_problems({ count }) : m.author_quiz_question_saved();
		return message(form, { type: 'success', text });
	}
};
