import { error, redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { localizeHref } from '$lib/paraglide/runtime';
import {
	attemptsAt,
	definitionOf,
	getAttempt,
	handIn,
	mayReview,
	pastDeadline,
	responsesOf,
	saveResponses,
	snapshotOf,
	submitAttempt
} from '$lib/server/quiz/attempts';
import { evaluateAfterSubmit } from '$lib/server/quiz/completion';
import { isAnswered, readResponse } from '$lib/server/quiz/responses';
import { questionReview, questionView } from '$lib/server/quiz/view';
import type { QuizAttempt } from '$db/schema';
import { quizAccess } from '../access';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

const UUID = /^[0-9a-f-]{36}$/i;

/** The learner's own attempt at this quiz; anyone else's is not found. */
async function ownAttempt(event: Pick<RequestEvent, 'locals' | 'params'>) {
	const { locals, params } = event;
	if (!locals.user) redirect(303, localizeHref('/sign-in'));
	const { course, quiz } = await quizAccess(locals, params);
	if (!UUID.test(params.attempt)) error(404, m.error_not_found());
	let attempt = await getAttempt(locals.db, params.attempt, locals.user.id);
	if (!attempt || attempt.quizId !== quiz.id) error(404, m.error_not_found());
	// Time ran out with the page closed: it is handed in with what was saved (the quiz page does
	// the same for all of the learner's attempts).
	if (attempt.state === 'in_progress' && pastDeadline(attempt, new Date()))
		attempt = (await submitAttempt(locals.db, attempt.id, locals.user.id)) ?? attempt;
	return { course, quiz, attempt, userId: locals.user.id };
}

function pageOf(attempt: QuizAttempt, requested: number) {
	const snapshot = snapshotOf(attempt);
	const perPage = snapshot.questionsPerPage;
	const pages = Math.max(1, Math.ceil(snapshot.questions.length / perPage));
	const page = Math.min(pages, Math.max(1, Number.isFinite(requested) ? requested : 1));
	const offset = (page - 1) * perPage;
	return { page, pages, offset, questions: snapshot.questions.slice(offset, offset + perPage) };
}

export const load: PageServerLoad = async (event) => {
	const { course, quiz, attempt, userId } = await ownAttempt(event);
	const snapshot = snapshotOf(attempt);
	const responses = responsesOf(attempt);
	const common = {
		course: { slug: course.slug, title: course.title },
		quiz: { slug: quiz.slug, title: snapshot.title },
		attempt: { id: attempt.id, number: attempt.number }
	};
	if (attempt.state === 'in_progress') {
		const { page, pages, offset, questions } = pageOf(
			attempt,
			Number(event.url.searchParams.get('p') ?? 1)
		);
		// Only the learner's view of the questions: never answers, flags, feedback or explanations.
		return {
			...common,
			mode: 'take' as const,
			page,
			pages,
			offset,
			questions: questions.map(questionView),
			responses: Object.fromEntries(questions.map((q) => [q.id, responses[q.id] ?? null])),
			answered: snapshot.questions.filter((q) => isAnswered(responses[q.id])).length,
			total: snapshot.questions.length,
			deadline: attempt.deadlineAt?.toISOString() ?? null
		};
	}
	const attempts = await attemptsAt(event.locals.db, quiz.id, userId);
	const review = mayReview(attempt, attempts, definitionOf(quiz));
	const words = { yes: m.quiz_true(), no: m.quiz_false() };
	return {
		...common,
		mode: 'result' as const,
		result: {
			score: attempt.score ?? 0,
			maxScore: attempt.maxScore,
			percent: attempt.percent ?? 0,
			passed: attempt.passed ?? false,
			passMark: snapshot.passMark
		},
		reviewMode: snapshot.review,
		review: review
			? snapshot.questions.map((q) =>
					questionReview(q, responses[q.id], attempt.marks?.[q.id] ?? 0, words)
				)
			: null,
		timeUp: event.url.searchParams.has('timeup'),
		courseCompleted: event.url.searchParams.has('completed')
	};
};

export const actions: Actions = {
	/** Saves the answers on this page, then goes where the learner asked: another page, or submit. */
	save: async (event) => {
		const { attempt, userId } = await ownAttempt(event);
		const base = `/courses/${event.params.slug}/quiz/${event.params.quiz}/${attempt.id}`;
		if (attempt.state !== 'in_progress') redirect(303, localizeHref(base));
		const form = await event.request.formData();
		const { page, pages, questions } = pageOf(attempt, Number(form.get('page') ?? 1));
		const answers = Object.fromEntries(
			questions.map((q) => [q.id, readResponse(questionView(q), form)])
		);
		const go = String(form.get('go') ?? 'stay');
		if (go === 'submit') {
			const handed = await handIn(event.locals.db, attempt.id, userId, answers);
			if (handed.outcome !== 'submitted')
				redirect(303, localizeHref(handed.outcome === 'time_up' ? `${base}?timeup` : base));
			const completed = await evaluateAfterSubmit(event.locals.db, handed.attempt);
			redirect(303, localizeHref(completed ? `${base}?completed` : base));
		}
		const saved = await saveResponses(
			event.locals.db,
			attempt.id,
			userId,
			answers,
			new Date(),
			attempt
		);
		if (!saved.ok)
			redirect(303, localizeHref(saved.reason === 'time_up' ? `${base}?timeup` : base));
		if (go === 'stay') return { saved: new Date().toISOString() };
		const target = go === 'previous' ? page - 1 : go === 'next' ? page + 1 : Number(go);
		redirect(303, localizeHref(`${base}?p=${Math.min(pages, Math.max(1, target || 1))}`));
	}
};
