// What the checks read back from the database about quiz attempts, and the one thing they add to
// their own throwaway database: a log of every write that leaves an attempt submitted, so "graded
// once" is observed rather than inferred (a second grading would add a second row).
import { and, eq, inArray, sql } from 'drizzle-orm';
import { quizAttempts } from '$db/schema';
import type { Database } from '$lib/server/db';
import {
	getQuiz,
	responsesOf,
	snapshotOf,
	startAttempt,
	submitAttempt
} from '$lib/server/quiz/attempts';
import { getCourseBySlug } from '$lib/server/enrolment';
import { gradeAttempt } from '$lib/server/quiz/grading';
import type { ExamQuiz, Learner } from './seed';

export type AttemptRow = typeof quizAttempts.$inferSelect;

/**
 * After every update that leaves an attempt submitted, one row in faults_gradings. The app's own
 * updates of a submitted attempt are none (grading and saving both require `in_progress`), so an
 * attempt graded once has exactly one row.
 */
export async function installGradingLog(db: Database): Promise<void> {
	await db.execute(
		sql.raw(`create table faults_gradings (
			attempt_id uuid not null,
			score real,
			at timestamptz not null default clock_timestamp())`)
	);
	await db.execute(
		sql.raw(`create function faults_log_grading() returns trigger language plpgsql as $$
			begin
				insert into faults_gradings (attempt_id, score) values (new.id, new.score);
				return new;
			end $$`)
	);
	await db.execute(
		sql.raw(`create trigger faults_log_grading after update on quiz_attempts
			for each row when (new.state = 'submitted') execute function faults_log_grading()`)
	);
}

/** attempt id → how many times it was graded (written as submitted). */
export async function gradingCounts(db: Database): Promise<Map<string, number>> {
	const rows = await db.execute<{ attempt_id: string; n: number }>(
		sql.raw('select attempt_id, count(*)::int as n from faults_gradings group by attempt_id')
	);
	const list = Array.isArray(rows) ? rows : (rows as { rows: typeof rows }).rows;
	return new Map(
		(list as { attempt_id: string; n: number }[]).map((r) => [r.attempt_id, Number(r.n)])
	);
}

export function readAttempts(db: Database, exam: ExamQuiz, userIds?: string[]) {
	return db
		.select()
		.from(quizAttempts)
		.where(
			userIds
				? and(eq(quizAttempts.quizId, exam.quizId), inArray(quizAttempts.userId, userIds))
				: eq(quizAttempts.quizId, exam.quizId)
		);
}

export function byLearner(rows: AttemptRow[]): Map<string, AttemptRow[]> {
	const map = new Map<string, AttemptRow[]>();
	for (const row of rows) map.set(row.userId, [...(map.get(row.userId) ?? []), row]);
	return map;
}

/** Problems with a submitted attempt: not graded, or graded differently from its own answers. */
export function gradeProblems(row: AttemptRow): string[] {
	if (row.state !== 'submitted') return [];
	if (row.submittedAt === null || row.score === null || row.marks === null) {
		return [`attempt ${row.id} is submitted but not graded`];
	}
	const snapshot = snapshotOf(row);
	const grade = gradeAttempt(snapshot.questions, responsesOf(row), snapshot.passMark);
	// Scores are stored as `real`: compare to a hundredth, the precision grading rounds to.
	return Math.abs(grade.score - row.score) > 0.005
		? [`attempt ${row.id} has score ${row.score}, its saved answers grade to ${grade.score}`]
		: [];
}

/** What must not change once an attempt is submitted. */
export const gradedState = (row: AttemptRow) =>
	JSON.stringify([row.state, row.submittedAt?.toISOString(), row.score, row.marks, row.responses]);

/**
 * Gives every learner `count` attempts already made (started and submitted unanswered), through the
 * quiz module as the server would, so a check can begin part-way through the attempt limit.
 */
export async function makePastAttempts(
	db: Database,
	exam: ExamQuiz,
	learners: Learner[],
	count: number,
	leaveLastOpen = false
): Promise<string[]> {
	const course = await getCourseBySlug(db, exam.courseSlug);
	const quiz = course && (await getQuiz(db, course.id, exam.quizSlug));
	if (!quiz) throw new Error(`quiz ${exam.path} not found`);
	/** The attempt left open, per learner, in the learners' order. */
	const open: string[] = [];
	// A few at a time: the pool has few connections, PGlite one.
	for (let i = 0; i < learners.length; i += 25) {
		await Promise.all(
			learners.slice(i, i + 25).map(async (learner, j) => {
				for (let n = 1; n <= count; n++) {
					const started = await startAttempt(db, quiz, learner.id);
					if (!started.ok) throw new Error(`could not start an attempt: ${started.reason}`);
					if (leaveLastOpen && n === count) open[i + j] = started.attempt.id;
					else await submitAttempt(db, started.attempt.id, learner.id);
				}
			})
		);
	}
	return open;
}
