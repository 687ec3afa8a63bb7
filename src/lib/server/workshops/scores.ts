import { and, desc, eq, or, sql } from 'drizzle-orm';
import {
	workshops,
	workshopSessions,
	workshopTestScores,
	type QuizAttempt,
	type Workshop
} from '$db/schema';
import type { PaperScoreRow } from '$lib/schemas/workshop-day';
import type { TestPhase } from '$lib/workshops';
import type { Database } from '../db';
import { recordAudit } from '../audit';
import { workshopAccess, type WorkshopViewer } from './access';
import { isParticipant, participantsAmong } from './participants';

/**
 * Which phase a handed-in attempt at this quiz is for this workshop. When the same quiz serves as
 * both tests (common: the same ten questions before and after), an attempt is the post-test once a
 * pre-test is on record and the last session has begun; before that, a new attempt is the pre-test.
 */
export function phaseOf(
	workshop: Pick<Workshop, 'preQuizId' | 'postQuizId'>,
	quizId: string,
	hasPre: boolean,
	lastSessionStarted: boolean
): TestPhase | null {
	const pre = workshop.preQuizId === quizId;
	const post = workshop.postQuizId === quizId;
	if (pre && post) return hasPre && lastSessionStarted ? 'post' : 'pre';
	return pre ? 'pre' : post ? 'post' : null;
}

/**
 * Records a graded attempt as a workshop test score, for every open workshop whose pre- or
 * post-test this quiz is and in which the person takes part. Called by the quiz engine where an
 * attempt is graded and closed (quiz/attempts.ts), in the same transaction, so a hand-in, a time-up
 * and a closing on a later visit all count. A later score replaces the one on record, paper or not.
 */
export async function recordAttemptScore(
	tx: Database,
	attempt: QuizAttempt,
	now: Date
): Promise<void> {
	if (attempt.state !== 'submitted' || attempt.percent === null) return;
	const candidates = await tx
		.select({
			id: workshops.id,
			preQuizId: workshops.preQuizId,
			postQuizId: workshops.postQuizId,
			lastStart: sql<
				string | null
			>`(select max(${workshopSessions.startsAt}) from ${workshopSessions} where ${workshopSessions.workshopId} = ${workshops.id})`,
			hasPre: sql<boolean>`exists (select 1 from ${workshopTestScores} where ${workshopTestScores.workshopId} = ${workshops.id} and ${workshopTestScores.userId} = ${attempt.userId} and ${workshopTestScores.phase} = 'pre')`
		})
		.from(workshops)
		.where(
			and(
				eq(workshops.status, 'open'),
				or(eq(workshops.preQuizId, attempt.quizId), eq(workshops.postQuizId, attempt.quizId))
			)
		)
		.orderBy(desc(workshops.createdAt));
	for (const w of candidates) {
		if (!(await isParticipant(tx, w.id, attempt.userId))) continue;
		const lastSessionStarted = w.lastStart === null || new Date(w.lastStart) <= now;
		const phase = phaseOf(w, attempt.quizId, Boolean(w.hasPre), lastSessionStarted);
		if (!phase) continue;
		const values = {
			percent: attempt.percent,
			source: 'online' as const,
			attemptId: attempt.id,
			recordedBy: attempt.userId,
			recordedAt: now
		};
		await tx
			.insert(workshopTestScores)
			.values({ workshopId: w.id, userId: attempt.userId, phase, ...values })
			.onConflictDoUpdate({
				target: [
					workshopTestScores.workshopId,
					workshopTestScores.userId,
					workshopTestScores.phase
				],
				set: values
			});
	}
}

export type PaperScoresResult =
	| { ok: true; saved: number; removed: number }
	| { ok: false; reason: 'not_found' | 'not_allowed' }
	/** These people do not take part (a stale table); nothing was saved. */
	| { ok: false; reason: 'not_participant'; userIds: string[] };

/**
 * The trainer types in the paper tests, the whole table at once: a percentage replaces whatever is
 * on record for that phase (an online attempt included); a cleared field removes a paper score,
 * never an online one (the table shows those beside an empty field). All or nothing.
 */
export async function savePaperScores(
	db: Database,
	viewer: WorkshopViewer,
	workshopId: string,
	rows: PaperScoreRow[]
): Promise<PaperScoresResult> {
	const access = await workshopAccess(db, viewer, workshopId);
	if (!access || !viewer.user) return { ok: false, reason: 'not_found' };
	if (!access.takeAttendance) return { ok: false, reason: 'not_allowed' };
	const among = await participantsAmong(
		db,
		workshopId,
		rows.map((r) => r.userId)
	);
	const strangers = rows.filter((r) => !among.has(r.userId)).map((r) => r.userId);
	if (strangers.length > 0) return { ok: false, reason: 'not_participant', userIds: strangers };
	const actorId = viewer.user.id;
	return db.transaction(async (tx) => {
		const onRecord = await tx
			.select()
			.from(workshopTestScores)
			.where(eq(workshopTestScores.workshopId, workshopId));
		const key = (userId: string, phase: TestPhase) => `${userId}:${phase}`;
		const current = new Map(onRecord.map((s) => [key(s.userId, s.phase), s]));
		let saved = 0;
		let removed = 0;
		for (const row of rows)
			for (const phase of ['pre', 'post'] as const) {
				const typed = row[phase];
				const existing = current.get(key(row.userId, phase));
				const where = and(
					eq(workshopTestScores.workshopId, workshopId),
					eq(workshopTestScores.userId, row.userId),
					eq(workshopTestScores.phase, phase)
				);
				if (typed === null) {
					if (existing?.source === 'paper') {
						await tx.delete(workshopTestScores).where(where);
						removed++;
					}
					continue;
				}
				if (existing?.source === 'paper' && existing.percent === typed) continue;
				const values = {
					percent: typed,
					source: 'paper' as const,
					attemptId: null,
					recordedBy: actorId,
					recordedAt: new Date()
				};
				await tx
					.insert(workshopTestScores)
					.values({ workshopId, userId: row.userId, phase, ...values })
					.onConflictDoUpdate({
						target: [
							workshopTestScores.workshopId,
							workshopTestScores.userId,
							workshopTestScores.phase
						],
						set: values
					});
				saved++;
			}
		if (saved + removed > 0)
			await recordAudit(tx, {
				actorId,
				action: 'workshop.paper_scores_entered',
				subjectId: workshopId,
				details: { saved, removed }
			});
		return { ok: true, saved, removed };
	});
}

/** Each person's score for each phase with where it came from, for the trainer's table. */
export async function scoresOnRecord(db: Database, workshopId: string) {
	const rows = await db
		.select({
			userId: workshopTestScores.userId,
			phase: workshopTestScores.phase,
			percent: workshopTestScores.percent,
			source: workshopTestScores.source
		})
		.from(workshopTestScores)
		.where(eq(workshopTestScores.workshopId, workshopId));
	return new Map(rows.map((r) => [`${r.userId}:${r.phase}`, r]));
}

/** The workshops where this attempt is a test score, for the quiz's result page to point back. */
export async function workshopsOfAttempt(db: Database, attemptId: string) {
	return db
		.select({ id: workshops.id, title: workshops.title, phase: workshopTestScores.phase })
		.from(workshopTestScores)
		.innerJoin(workshops, eq(workshops.id, workshopTestScores.workshopId))
		.where(eq(workshopTestScores.attemptId, attemptId));
}
