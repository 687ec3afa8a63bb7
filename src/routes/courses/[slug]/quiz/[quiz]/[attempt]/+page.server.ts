import { error, redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { getLocale, localizeHref } from '$lib/paraglide/runtime';
import {
	attemptsAt,
	closeIfTimeUp,
	definitionOf,
	getAttempt,
	handIn,
	responsesOf,
	saveResponses,
	snapshotOf
} from '$lib/server/quiz/attempts';
import { grantsOf } from '$lib/server/quiz/allowance';
import { isAnswered, readResponse } from '$lib/server/quiz/responses';
import { mayReview } from '$lib/server/quiz/review';
import { certificatePaths } from '$lib/certificates';
import { certificateFor, certificateLinks } from '$lib/server/certificates';
import { config } from '$lib/server/config';
import { getEnrolment } from '$lib/server/enrolment';
import { questionReview, questionView } from '$lib/server/quiz/view';
import { workshopsOfAttempt } from '$lib/server/workshops/scores';
import type { QuizAttempt } from '$db/schema';
import type { Response } from '$lib/server/quiz/grading';
import { quizAccess } from '../access';
import { asksBeforeHandIn } from './hand-in';
import { reenterMessages } from './reenter';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

const UUID = /^[0-9a-f-]{36}$/i;

/** The learner's own attempt at this quiz; anyone else's is not found. */
async function ownAttempt(event: Pick<RequestEvent, 'locals' | 'params'>) {
	const { locals, params } = event;
	if (!locals.user) redirect(303, localizeHref('/sign-in'));
	const { course, quiz } = await quizAccess(locals, params);
	if (!UUID.test(params.attempt)) error(404, m.error_not_found());
	const found = await getAttempt(locals.db, params.attempt, locals.user.id);
	if (!found || found.quizId !== quiz.id) error(404, m.error_not_found());
	// Time ran out with the page closed: it is handed in with what was saved (the quiz page does
	// the same for all of the learner's attempts).
	const closed = await closeIfTimeUp(locals.db, found);
	const attempt = closed?.attempt ?? found;
	return { course, quiz, attempt, userId: locals.user.id, closedNow: closed };
}

/** The result page, saying whether time ran out and whether this completed the course. */
function resultHref(base: string, how: { timeUp: boolean; courseCompleted: boolean }) {
	const flags = [how.timeUp && 'timeup', how.courseCompleted && 'completed'].filter(Boolean);
	return localizeHref(flags.length > 0 ? `${base}?${flags.join('&')}` : base);
}

function pageOf(attempt: QuizAttempt, requested: number) {
	const snapshot = snapshotOf(attempt);
	const perPage = snapshot.questionsPerPage;
	const pages = Math.max(1, Math.ceil(snapshot.questions.length / perPage));
	const page = Math.min(pages, Math.max(1, Number.isFinite(requested) ? requested : 1));
	const offset = (page - 1) * perPage;
	return { page, pages, offset, questions: snapshot.questions.slice(offset, offset + perPage) };
}

/** The page that shows this question. */
function pageWith(attempt: QuizAttempt, questionId: string) {
	const snapshot = snapshotOf(attempt);
	const index = Math.max(
		0,
		snapshot.questions.findIndex((q) => q.id === questionId)
	);
	return Math.floor(index / snapshot.questionsPerPage) + 1;
}

export const load: PageServerLoad = async (event) => {
	const { course, quiz, attempt, userId, closedNow } = await ownAttempt(event);
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
			questions: questions.map((q) => questionView(q, getLocale())),
			responses: Object.fromEntries(questions.map((q) => [q.id, responses[q.id] ?? null])),
			/** Beside a number to type again: what is unclear about it, keeping what was typed. */
			reenter: reenterMessages(questions, responses),
			handInRefused: event.url.searchParams.has('reenter'),
			answered: snapshot.questions.filter((q) => isAnswered(responses[q.id])).length,
			/** Unanswered on the other pages: the page adds its own when asking before a hand-in. */
			unansweredElsewhere: snapshot.questions.filter(
				(q) => !questions.includes(q) && !isAnswered(responses[q.id])
			).length,
			total: snapshot.questions.length,
			deadline: attempt.deadlineAt?.toISOString() ?? null
		};
	}
	const [attempts, grants, enrolment, certificate, workshops] = await Promise.all([
		attemptsAt(event.locals.db, quiz.id, userId),
		grantsOf(event.locals.db, quiz.id, userId),
		getEnrolment(event.locals.db, userId, course.id),
		attempt.passed ? certificateFor(event.locals.db, userId, course.id) : undefined,
		workshopsOfAttempt(event.locals.db, attempt.id)
	]);
	const review = mayReview(attempt, attempts, definitionOf(quiz), grants);
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
		/** A workshop's pre- or post-test taken here (workshops/scores.ts): the way back to it. */
		workshops,
		review: review
			? snapshot.questions.map((q) =>
					questionReview(q, responses[q.id], attempt.marks?.[q.id] ?? 0, words, getLocale())
				)
			: null,
		timeUp: Boolean(closedNow) || event.url.searchParams.has('timeup'),
		courseCompleted:
			Boolean(closedNow?.courseCompleted) ||
			event.url.searchParams.has('completed') ||
			Boolean(attempt.passed && enrolment?.completedAt),
		certificate:
			certificate && certificate.status !== 'revoked'
				? {
						number: certificate.number,
						...certificatePaths(certificate.code),
						// The share link holds the public address, as on the dashboard and the PDF.
						share: certificateLinks(config().origin ?? event.url.origin).verify(certificate.code)
					}
				: null
	};
};

/** The learner's attempt a form acts on, still open; otherwise on to its result. */
async function openAttempt(event: Parameters<Actions[string]>[0]) {
	const { attempt, userId, closedNow } = await ownAttempt(event);
	const base = `/courses/${event.params.slug}/quiz/${event.params.quiz}/${attempt.id}`;
	if (closedNow)
		redirect(303, resultHref(base, { timeUp: true, courseCompleted: closedNow.courseCompleted }));
	if (attempt.state !== 'in_progress') redirect(303, localizeHref(base));
	return { attempt, userId, base };
}

export const actions: Actions = {
	/** Saves the answers on this page, then goes where the learner asked: another page, or submit. */
	save: async (event) => {
		const { attempt, userId, base } = await openAttempt(event);
		const form = await event.request.formData();
		const { page, pages, questions } = pageOf(attempt, Number(form.get('page') ?? 1));
		const answers = Object.fromEntries(
			questions.map((q) => [q.id, readResponse(questionView(q), form, getLocale())])
		);
		const go = String(form.get('go') ?? 'stay');
		if (go === 'submit')
			return handInOrAsk(event, { attempt, userId, base, answers, page, pages }, form);
		const saved = await saveResponses(
			event.locals.db,
			attempt.id,
			userId,
			answers,
			new Date(),
			attempt
		);
		if (!saved.ok)
			redirect(
				303,
				saved.reason === 'time_up'
					? resultHref(base, { timeUp: true, courseCompleted: saved.courseCompleted })
					: localizeHref(base)
			);
		// A number to type again keeps the learner on this page, where it is shown beside the answer.
		const reenter = reenterMessages(questions, answers);
		if (go === 'stay') return { saved: new Date().toISOString(), reenter };
		if (Object.keys(reenter).length > 0) redirect(303, localizeHref(`${base}?p=${page}`));
		const target = go === 'previous' ? page - 1 : go === 'next' ? page + 1 : Number(go);
		redirect(303, localizeHref(`${base}?p=${Math.min(pages, Math.max(1, target || 1))}`));
	},
	/** The confirmation's own form (without JavaScript): hands in what was saved. */
	handIn: async (event) => {
		const { attempt, userId, base } = await openAttempt(event);
		const form = await event.request.formData();
		const { page, pages } = pageOf(attempt, Number(form.get('page') ?? 1));
		return handInOrAsk(event, { attempt, userId, base, answers: {}, page, pages }, form);
	}
};

interface HandingIn {
	attempt: QuizAttempt;
	userId: string;
	base: string;
	/** The answers on the page handed in from (none from the confirmation). */
	answers: Record<string, Response>;
	page: number;
	pages: number;
}

/**
 * Hands in, unless the learner should confirm first (hand-in.ts): then the answers are saved and
 * the page asks, saying how many are unanswered. A hand-in when the clock has run out never asks.
 * A number to type again is told after the confirmation, by the hand-in's own refusal, with
 * JavaScript or without.
 */
async function handInOrAsk(event: RequestEvent, h: HandingIn, form: FormData) {
	const { attempt, userId, base, answers, page, pages } = h;
	const db = event.locals.db;
	const confirmed = form.get('confirm') === 'yes';
	const clockRanOut = attempt.deadlineAt !== null && attempt.deadlineAt.getTime() <= Date.now();
	if (!confirmed && !clockRanOut) {
		const saved = await saveResponses(db, attempt.id, userId, answers, new Date(), attempt);
		if (!saved.ok)
			redirect(
				303,
				saved.reason === 'time_up'
					? resultHref(base, { timeUp: true, courseCompleted: saved.courseCompleted })
					: localizeHref(base)
			);
		const responses = responsesOf(saved.attempt);
		const unanswered = snapshotOf(attempt).questions.filter(
			(q) => !isAnswered(responses[q.id])
		).length;
		if (asksBeforeHandIn({ unanswered, page, pages })) return { confirm: { unanswered, page } };
	}
	const handed = await handIn(db, attempt.id, userId, answers);
	if (handed.outcome === 'closed') redirect(303, localizeHref(base));
	if (handed.outcome === 'reenter') {
		const to = pageWith(attempt, handed.questionIds[0]);
		redirect(303, localizeHref(`${base}?p=${to}&reenter`));
	}
	const timeUp = handed.outcome === 'time_up';
	redirect(303, resultHref(base, { timeUp, courseCompleted: handed.courseCompleted }));
}
