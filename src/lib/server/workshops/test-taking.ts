import { and, eq, isNull } from 'drizzle-orm';
import {
	courses,
	quizAttempts,
	quizzes,
	workshopTestScores,
	type Localised,
	type QuizAttempt,
	type Workshop
} from '$db/schema';
import type { TestPhase } from '$lib/workshops';
import type { Database } from '../db';
import { upsertEnrolment } from '../enrolment';
import { startAttempt } from '../quiz/attempts';
import { workshopAccess, type WorkshopViewer } from './access';
import { isParticipant } from './participants';
import { hasAnswered, surveyOf } from './survey';

export type StartTestRefusal =
	'not_found' | 'not_participant' | 'not_open' | 'no_test' | 'no_attempts_left';

const quizOf = (workshop: Workshop, phase: TestPhase) =>
	phase === 'pre' ? workshop.preQuizId : workshop.postQuizId;

/**
 * A participant starts (or resumes) the workshop's pre- or post-test on their phone: the quiz
 * engine's own attempt, with its own rules (attempt limit, time limit). The workshop is part of
 * the course, so taking its test enrols the person in the course if they were not.
 */
export async function startWorkshopTest(
	db: Database,
	viewer: WorkshopViewer,
	workshopId: string,
	phase: TestPhase
): Promise<
	| { ok: true; attempt: QuizAttempt; courseSlug: string; quizSlug: string }
	| { ok: false; reason: StartTestRefusal }
> {
	const access = await workshopAccess(db, viewer, workshopId);
	if (!access || !viewer.user) return { ok: false, reason: 'not_found' };
	const { workshop } = access;
	if (workshop.status !== 'open') return { ok: false, reason: 'not_open' };
	const quizId = quizOf(workshop, phase);
	if (!quizId) return { ok: false, reason: 'no_test' };
	if (!(await isParticipant(db, workshopId, viewer.user.id)))
		return { ok: false, reason: 'not_participant' };
	const [found] = await db
		.select({ quiz: quizzes, courseSlug: courses.slug })
		.from(quizzes)
		.innerJoin(courses, eq(courses.id, quizzes.courseId))
		.where(and(eq(quizzes.id, quizId), isNull(quizzes.retiredAt)));
	if (!found) return { ok: false, reason: 'no_test' };
	await upsertEnrolment(db, viewer.user.id, found.quiz.courseId, 'self', null);
	const started = await startAttempt(db, found.quiz, viewer.user.id);
	if (!started.ok) return { ok: false, reason: 'no_attempts_left' };
	return {
		ok: true,
		attempt: started.attempt,
		courseSlug: found.courseSlug,
		quizSlug: found.quiz.slug
	};
}

export interface DayTest {
	phase: TestPhase;
	/** The quiz's title (localised by the page). */
	title: Localised;
	/** done: a score is on record; started: an attempt is open on the phone; todo otherwise. */
	state: 'done' | 'started' | 'todo';
	percent: number | null;
	source: 'online' | 'paper' | null;
}

/** A participant's tests at a workshop, as the public page shows them to them. */
export async function myTests(
	db: Database,
	workshop: Workshop,
	userId: string
): Promise<DayTest[]> {
	const tests: DayTest[] = [];
	for (const phase of ['pre', 'post'] as const) {
		const quizId = quizOf(workshop, phase);
		if (!quizId) continue;
		const [[quiz], [score], [open]] = await Promise.all([
			db.select({ title: quizzes.title }).from(quizzes).where(eq(quizzes.id, quizId)),
			db
				.select({ percent: workshopTestScores.percent, source: workshopTestScores.source })
				.from(workshopTestScores)
				.where(
					and(
						eq(workshopTestScores.workshopId, workshop.id),
						eq(workshopTestScores.userId, userId),
						eq(workshopTestScores.phase, phase)
					)
				),
			db
				.select({ id: quizAttempts.id })
				.from(quizAttempts)
				.where(
					and(
						eq(quizAttempts.quizId, quizId),
						eq(quizAttempts.userId, userId),
						eq(quizAttempts.state, 'in_progress')
					)
				)
		]);
		if (!quiz) continue;
		tests.push({
			phase,
			title: quiz.title,
			state: open ? 'started' : score ? 'done' : 'todo',
			percent: score?.percent ?? null,
			source: score?.source ?? null
		});
	}
	return tests;
}

/**
 * What the public page shows a signed-in person about the day: whether they take part, their
 * tests and the survey (null when the workshop asks none).
 */
export async function myDay(db: Database, workshop: Workshop, userId: string) {
	const [participant, tests, survey, answered] = await Promise.all([
		isParticipant(db, workshop.id, userId),
		myTests(db, workshop, userId),
		surveyOf(db, workshop.id),
		hasAnswered(db, workshop.id, userId)
	]);
	return {
		participant,
		tests,
		survey: survey ? { title: survey.title, answered } : null
	};
}
