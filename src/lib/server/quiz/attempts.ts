import { and, asc, eq, isNull, lt, sql } from 'drizzle-orm';
import { quizAttempts, quizzes, type Quiz, type QuizAttempt } from '$db/schema';
import type { Database } from '../db';
import { recordAttemptScore } from '../workshops/scores';
import { completeAfterGrading } from './completion';
import type { QuizDefinition } from './format';
import { answersToReenter, gradeAttempt, type Response } from './grading';
import type { QuizSnapshot, Random } from './snapshot';
import { openAttempt } from './start';

/** Past the deadline, answers saved within this grace still count (a slow phone, a slow network). */
export const GRACE_MS = 30_000;

export const snapshotOf = (attempt: QuizAttempt) => attempt.snapshot as unknown as QuizSnapshot;
export const responsesOf = (attempt: QuizAttempt) =>
	attempt.responses as unknown as Record<string, Response>;
export const definitionOf = (quiz: Quiz) => quiz.definition as unknown as QuizDefinition;

export async function getQuiz(db: Database, courseId: string, slug: string) {
	const [quiz] = await db
		.select()
		.from(quizzes)
		.where(and(eq(quizzes.courseId, courseId), eq(quizzes.slug, slug), isNull(quizzes.retiredAt)));
	return quiz;
}

export async function getAttempt(db: Database, attemptId: string, userId: string) {
	const [attempt] = await db
		.select()
		.from(quizAttempts)
		.where(and(eq(quizAttempts.id, attemptId), eq(quizAttempts.userId, userId)));
	return attempt;
}

/** An attempt just graded and closed, and whether that completed the course. */
export interface Closed {
	attempt: QuizAttempt;
	courseCompleted: boolean;
}

/** Grades and closes an attempt once; a second call (a double click, a retry) returns the first result. */
export async function submitAttempt(
	db: Database,
	attemptId: string,
	userId: string,
	now = new Date()
): Promise<QuizAttempt | undefined> {
	return (await submit(db, attemptId, userId, now)).attempt;
}

async function submit(db: Database, attemptId: string, userId: string, now: Date) {
	return db.transaction(async (tx) => {
		const attempt = await lockAttempt(tx, attemptId, userId);
		if (!attempt || attempt.state === 'submitted') return { attempt, courseCompleted: false };
		return close(tx, attempt, responsesOf(attempt), now);
	});
}

/**
 * Hands in, with what was saved, an attempt whose time ran out while its page was closed; null when
 * it still has time or was closed already.
 */
export async function closeIfTimeUp(
	db: Database,
	attempt: QuizAttempt,
	now = new Date()
): Promise<Closed | null> {
	if (attempt.state !== 'in_progress' || !pastDeadline(attempt, now)) return null;
	const closed = await submit(db, attempt.id, attempt.userId, now);
	return closed.attempt
		? { attempt: closed.attempt, courseCompleted: closed.courseCompleted }
		: null;
}

export type HandInResult =
	| ({ outcome: 'submitted' } & Closed)
	/** Past the deadline and its grace: graded with what was saved before. */
	| ({ outcome: 'time_up' } & Closed)
	/** Handed in already. */
	| { outcome: 'closed'; attempt: QuizAttempt | undefined }
	/** Not handed in: these questions' numbers read two ways or are not numbers (answers saved). */
	| { outcome: 'reenter'; attempt: QuizAttempt; questionIds: string[] };

/**
 * The learner hands in: the answers on the last page are saved and the attempt graded, in one
 * transaction. Past the deadline and its grace those answers are refused, as when saving. A number
 * that must be typed again (grading.ts) stops the hand-in: the answers are saved, nothing is graded.
 */
export async function handIn(
	db: Database,
	attemptId: string,
	userId: string,
	answers: Record<string, Response>,
	now = new Date()
): Promise<HandInResult> {
	return db.transaction(async (tx): Promise<HandInResult> => {
		const attempt = await lockAttempt(tx, attemptId, userId);
		if (!attempt || attempt.state === 'submitted') return { outcome: 'closed', attempt };
		if (pastDeadline(attempt, now))
			return { outcome: 'time_up', ...(await close(tx, attempt, responsesOf(attempt), now)) };
		const responses = { ...responsesOf(attempt), ...answersFor(attempt, answers) };
		const questionIds = answersToReenter(snapshotOf(attempt).questions, responses);
		if (questionIds.length > 0) {
			const [saved] = await tx
				.update(quizAttempts)
				.set({ responses })
				.where(eq(quizAttempts.id, attempt.id))
				.returning();
			return { outcome: 'reenter', attempt: saved, questionIds };
		}
		return { outcome: 'submitted', ...(await close(tx, attempt, responses, now)) };
	});
}

async function lockAttempt(db: Database, attemptId: string, userId: string) {
	const [attempt] = await db
		.select()
		.from(quizAttempts)
		.where(and(eq(quizAttempts.id, attemptId), eq(quizAttempts.userId, userId)))
		.for('update');
	return attempt;
}

/** Past the deadline and its grace: answers are no longer taken. */
export function pastDeadline(attempt: QuizAttempt, now: Date): boolean {
	return Boolean(attempt.deadlineAt && now.getTime() > attempt.deadlineAt.getTime() + GRACE_MS);
}

/** Only answers to the attempt's own questions are kept. */
function answersFor(attempt: QuizAttempt, answers: Record<string, Response>) {
	const known = new Set(snapshotOf(attempt).questions.map((q) => q.id));
	return Object.fromEntries(Object.entries(answers).filter(([id]) => known.has(id)));
}

/**
 * Grades a locked attempt in progress with these responses and closes it: the one place an attempt is
 * graded, whatever closes it. What the grade means for the course (completion, the certificate) is
 * decided here too, in the same transaction: all of it happens, or none of it.
 */
async function close(
	tx: Database,
	attempt: QuizAttempt,
	responses: Record<string, Response>,
	now: Date
): Promise<Closed> {
	const snapshot = snapshotOf(attempt);
	const grade = gradeAttempt(snapshot.questions, responses, snapshot.passMark);
	// A late submission counts as of the deadline: what was saved by then is what is graded.
	const submittedAt = pastDeadline(attempt, now) ? attempt.deadlineAt! : now;
	const [closed] = await tx
		.update(quizAttempts)
		.set({
			state: 'submitted',
			submittedAt,
			responses,
			marks: grade.marks,
			score: grade.score,
			percent: grade.percent,
			passed: grade.passed
		})
		.where(and(eq(quizAttempts.id, attempt.id), eq(quizAttempts.state, 'in_progress')))
		.returning();
	// A workshop's pre- or post-test taken on the phone becomes its score there (workshops/scores.ts).
	await recordAttemptScore(tx, closed, now);
	return { attempt: closed, courseCompleted: await completeAfterGrading(tx, closed, now) };
}

/** Submits, with what was saved, every attempt of this learner whose time ran out. */
export async function closeExpiredAttempts(db: Database, userId: string, now = new Date()) {
	const expired = await db
		.select({ id: quizAttempts.id })
		.from(quizAttempts)
		.where(
			and(
				eq(quizAttempts.userId, userId),
				eq(quizAttempts.state, 'in_progress'),
				lt(quizAttempts.deadlineAt, new Date(now.getTime() - GRACE_MS))
			)
		);
	const closed: QuizAttempt[] = [];
	for (const { id } of expired) {
		const attempt = await submitAttempt(db, id, userId, now);
		if (attempt) closed.push(attempt);
	}
	return closed;
}

export type StartResult =
	| { ok: true; attempt: QuizAttempt; resumed: boolean }
	| { ok: false; reason: 'not_enrolled' | 'no_attempts_left' };

/**
 * Starts an attempt, or resumes the one in progress (start.ts, where the attempt limit is held),
 * and reads it whole.
 */
export async function startAttempt(
	db: Database,
	quiz: Quiz,
	userId: string,
	now = new Date(),
	random?: Random
): Promise<StartResult> {
	const opened = await openAttempt(db, { ...quiz, definition: definitionOf(quiz) }, userId, {
		now,
		random
	});
	if (!opened.ok) return opened;
	const attempt = await getAttempt(db, opened.attemptId, userId);
	return { ok: true, attempt: attempt!, resumed: opened.resumed };
}

export type SaveResult =
	| { ok: true; attempt: QuizAttempt }
	/** Past the deadline and its grace: handed in with what was saved before. */
	| { ok: false; reason: 'time_up'; attempt: QuizAttempt | undefined; courseCompleted: boolean }
	/** Handed in already (a double click). */
	| { ok: false; reason: 'closed'; attempt: QuizAttempt | undefined };

/**
 * Saves answers to some questions of an attempt in progress. Past the deadline and its grace the
 * answers are refused and the attempt is submitted with what was saved before.
 */
export async function saveResponses(
	db: Database,
	attemptId: string,
	userId: string,
	answers: Record<string, Response>,
	now = new Date(),
	/** The attempt as the caller already read it: its questions and deadline do not change. */
	loaded?: QuizAttempt
): Promise<SaveResult> {
	const attempt = loaded ?? (await getAttempt(db, attemptId, userId));
	if (!attempt || attempt.state !== 'in_progress') return { ok: false, reason: 'closed', attempt };
	if (pastDeadline(attempt, now))
		return { ok: false, reason: 'time_up', ...(await submit(db, attemptId, userId, now)) };
	// Merged in the database: two tabs saving different pages at once both keep their answers.
	const [saved] = await db
		.update(quizAttempts)
		.set({
			responses: sql`${quizAttempts.responses} || ${JSON.stringify(answersFor(attempt, answers))}::jsonb`
		})
		.where(
			and(
				eq(quizAttempts.id, attemptId),
				eq(quizAttempts.userId, userId),
				eq(quizAttempts.state, 'in_progress')
			)
		)
		.returning();
	return saved
		? { ok: true, attempt: saved }
		: // Handed in meanwhile by another request: a double click, a retry, the countdown.
			{ ok: false, reason: 'closed', attempt: await getAttempt(db, attemptId, userId) };
}

/** A learner's attempts at a quiz, oldest first. */
export function attemptsAt(db: Database, quizId: string, userId: string) {
	return db
		.select()
		.from(quizAttempts)
		.where(and(eq(quizAttempts.quizId, quizId), eq(quizAttempts.userId, userId)))
		.orderBy(asc(quizAttempts.number));
}

/** The assessment grade is the best submitted attempt. */
export function bestAttempt(attempts: QuizAttempt[]): QuizAttempt | undefined {
	return attempts
		.filter((a) => a.state === 'submitted')
		.reduce<QuizAttempt | undefined>(
			(best, a) => (!best || (a.percent ?? 0) > (best.percent ?? 0) ? a : best),
			undefined
		);
}
