import {
	and,
	desc,
	eq,
	exists,
	inArray,
	isNotNull,
	isNull,
	lt,
	ne,
	notExists,
	notInArray,
	or,
	sql,
	type SQL
} from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import {
	auditEvents,
	dataRequests,
	deliveries,
	notifications,
	passwordResets,
	quizAttempts,
	retentionRuns,
	sessions,
	submissionFiles,
	submissions,
	users,
	type DeliveryStatus
} from '$db/schema';
import { addMonthsAt } from '$lib/vietnam-time';
import { recordAudit } from '../audit';
import type { RetentionConfig } from '../config';
import type { Database } from '../db';
import { log } from '../log';
import { erasePerson } from './erasure';

/**
 * The retention job (README, "Personal data" → "Retention"; Law 91/2025/QH15 Art. 3(3), 14(1)(b)):
 * what has been kept longer than the operator's periods (config RETENTION_*) is anonymised or
 * deleted. Every rule can count what it would touch (a dry run) or do it, measured from one `now`.
 *
 * What the reports and public statistics read is never touched: enrolments, completions,
 * certificates, attempt scores and pass marks, submission points and outcomes, and the anonymised
 * person's audience, organisation and area (erasure.ts keeps them). So their totals stay the same.
 */

/** The rules, in the order a run applies them; the counts of a run are keyed by them. */
export const retentionRules = [
	/** Expired sessions: nothing left to protect, only a hash and a date. */
	'sessions',
	/** Password reset links used or expired. */
	'password_resets',
	/** Inbox messages older than messageMonths. */
	'notifications',
	/** Delivery records (e-mail, phone) older than messageMonths, once finished. */
	'deliveries',
	/** Audit events older than logYears. */
	'audit_events',
	/** Quiz attempts older than attemptYears whose answers are cleared (score and pass stay). */
	'quiz_answers',
	/** Rounds of assignment work older than submissionYears whose text and files are removed. */
	'submissions',
	/** The files those rounds had (work and graders' marked-up copies). */
	'submission_files',
	/** Accounts inactive longer than inactiveYears, anonymised (erasure.ts). */
	'accounts'
] as const;
export type RetentionRule = (typeof retentionRules)[number];
export type RetentionCounts = Record<RetentionRule, number>;

/** The periods a run applies: the configuration without the schedule switch. */
export type RetentionSettings = Omit<RetentionConfig, 'scheduled'>;

export function retentionSettings(config: RetentionConfig): RetentionSettings {
	const { inactiveYears, attemptYears, submissionYears, logYears, messageMonths } = config;
	return { inactiveYears, attemptYears, submissionYears, logYears, messageMonths };
}

/** Rows changed per transaction: a large first run is many short transactions, not one long one. */
export const RETENTION_BATCH = 500;

/** The instants before which each kind of data is past its period, by the calendar in Vietnam. */
export function retentionCutoffs(now: Date, s: RetentionSettings) {
	return {
		inactive: addMonthsAt(now, -12 * s.inactiveYears),
		attempts: addMonthsAt(now, -12 * s.attemptYears),
		submissions: addMonthsAt(now, -12 * s.submissionYears),
		logs: addMonthsAt(now, -12 * s.logYears),
		messages: addMonthsAt(now, -s.messageMonths)
	};
}
type Cutoffs = ReturnType<typeof retentionCutoffs>;

/**
 * Deliveries still to be sent (or being sent) are left to the worker, however old: deleting a row
 * under a live job would lose what it was doing; once it is sent, failed or skipped, the next run
 * takes it.
 */
const UNFINISHED: DeliveryStatus[] = ['queued', 'sending'];

/** A submission still waiting for its grade keeps its work, however old: a grader needs it. */
const AWAITING_GRADE = 'submitted';

/** The conditions of each rule over its table, for counting and for choosing a batch alike. */
function conditions(db: Database, now: Date, c: Cutoffs) {
	const hasWork = or(
		isNotNull(submissions.body),
		exists(
			db
				.select({ id: submissionFiles.id })
				.from(submissionFiles)
				.where(eq(submissionFiles.submissionId, submissions.id))
		)
	);
	return {
		sessions: lt(sessions.expiresAt, now),
		passwordResets: or(isNotNull(passwordResets.usedAt), lt(passwordResets.expiresAt, now)),
		notifications: lt(notifications.createdAt, c.messages),
		deliveries: and(
			lt(deliveries.createdAt, c.messages),
			notInArray(deliveries.status, UNFINISHED)
		),
		auditEvents: lt(auditEvents.at, c.logs),
		quizAnswers: and(
			eq(quizAttempts.state, 'submitted'),
			lt(quizAttempts.submittedAt, c.attempts),
			ne(quizAttempts.responses, sql`'{}'::jsonb`)
		),
		// Handed in N years ago, or (a draft never handed in) last saved N years ago.
		submissions: and(
			ne(submissions.state, AWAITING_GRADE),
			or(
				lt(submissions.submittedAt, c.submissions),
				and(isNull(submissions.submittedAt), lt(submissions.updatedAt, c.submissions))
			),
			hasWork
		),
		accounts: and(
			isNull(users.anonymisedAt),
			eq(users.isAdmin, false),
			lt(users.lastActiveAt, c.inactive),
			// A person with a request still open is left alone until it is answered: the answer may
			// need their data (access, export, correction), and the request's own deadline governs
			// them meanwhile. (There is no other hold: a dispute or an authority's order is entered as
			// a request on paper, which keeps the account the same way.)
			notExists(
				db
					.select({ id: dataRequests.id })
					.from(dataRequests)
					.where(and(eq(dataRequests.userId, users.id), eq(dataRequests.status, 'open')))
			)
		)
	};
}

/** What a run would do now: the rows each rule would anonymise, clear or delete. Writes nothing. */
export async function planRetention(
	db: Database,
	now: Date,
	settings: RetentionSettings
): Promise<RetentionCounts> {
	const c = retentionCutoffs(now, settings);
	const w = conditions(db, now, c);
	const n = async (query: Promise<{ n: number }[]>) => Number((await query)[0]?.n ?? 0);
	const total = sql<number>`count(*)::int`;
	const chosen = db.select({ id: submissions.id }).from(submissions).where(w.submissions);
	return {
		sessions: await n(db.select({ n: total }).from(sessions).where(w.sessions)),
		password_resets: await n(db.select({ n: total }).from(passwordResets).where(w.passwordResets)),
		notifications: await n(db.select({ n: total }).from(notifications).where(w.notifications)),
		deliveries: await n(db.select({ n: total }).from(deliveries).where(w.deliveries)),
		audit_events: await n(db.select({ n: total }).from(auditEvents).where(w.auditEvents)),
		quiz_answers: await n(db.select({ n: total }).from(quizAttempts).where(w.quizAnswers)),
		submissions: await n(db.select({ n: total }).from(submissions).where(w.submissions)),
		submission_files: await n(
			db
				.select({ n: total })
				.from(submissionFiles)
				.where(inArray(submissionFiles.submissionId, chosen))
		),
		accounts: await n(db.select({ n: total }).from(users).where(w.accounts))
	};
}

/** Repeats `step` (one batch in one transaction, returning how many it changed) until it runs dry. */
async function inBatches(step: () => Promise<number>): Promise<number> {
	let done = 0;
	for (;;) {
		const changed = await step();
		done += changed;
		if (changed < RETENTION_BATCH) return done;
	}
}

/** Deletes the rows of `table` that match `where`, a batch per transaction. */
function deleteInBatches(
	db: Database,
	table: PgTable,
	id: PgColumn,
	where: SQL | undefined
): Promise<number> {
	return inBatches(() =>
		db.transaction(async (tx) => {
			const rows = (await tx.select({ id }).from(table).where(where).limit(RETENTION_BATCH)) as {
				id: unknown;
			}[];
			const batch = rows.map((r) => r.id);
			if (batch.length > 0) await tx.delete(table).where(inArray(id, batch));
			return batch.length;
		})
	);
}

/** Applies every rule, batch by batch; returns what each changed. */
async function applyRetention(
	db: Database,
	now: Date,
	settings: RetentionSettings,
	startedBy: string | null
): Promise<RetentionCounts> {
	const c = retentionCutoffs(now, settings);
	const w = conditions(db, now, c);

	const sessionsDeleted = await deleteInBatches(db, sessions, sessions.id, w.sessions);
	const resetsDeleted = await deleteInBatches(
		db,
		passwordResets,
		passwordResets.id,
		w.passwordResets
	);
	const notificationsDeleted = await deleteInBatches(
		db,
		notifications,
		notifications.id,
		w.notifications
	);
	const deliveriesDeleted = await deleteInBatches(db, deliveries, deliveries.id, w.deliveries);
	const auditDeleted = await deleteInBatches(db, auditEvents, auditEvents.id, w.auditEvents);
	const ids = (rows: { id: string }[]) => rows.map((r) => r.id);
	// The answers go; the attempt stays with its score, pass mark, state and dates (the reports and
	// the learning record read them) and its per-question marks (points, no answer text).
	const answersCleared = await inBatches(() =>
		db.transaction(async (tx) => {
			const batch = ids(
				await tx
					.select({ id: quizAttempts.id })
					.from(quizAttempts)
					.where(w.quizAnswers)
					.limit(RETENTION_BATCH)
			);
			if (batch.length > 0)
				await tx.update(quizAttempts).set({ responses: {} }).where(inArray(quizAttempts.id, batch));
			return batch.length;
		})
	);
	// The work goes (its text and files); the round stays with its state, points, pass and dates,
	// which the progress matrix, the certificate's assessments and the reports read.
	let filesDeleted = 0;
	const submissionsCleared = await inBatches(() =>
		db.transaction(async (tx) => {
			const batch = ids(
				await tx
					.select({ id: submissions.id })
					.from(submissions)
					.where(w.submissions)
					.limit(RETENTION_BATCH)
			);
			if (batch.length === 0) return 0;
			const files = await tx
				.delete(submissionFiles)
				.where(inArray(submissionFiles.submissionId, batch))
				.returning({ id: submissionFiles.id });
			filesDeleted += files.length;
			await tx.update(submissions).set({ body: null }).where(inArray(submissions.id, batch));
			return batch.length;
		})
	);
	// Last, so the rules above count the same rows in a dry run and in the run that follows it.
	// Each person is erased in a transaction of their own (erasure.ts); one that fails is logged
	// and left for the next run, and the others go on.
	let accounts = 0;
	const failed: string[] = [];
	for (;;) {
		const batch = await db
			.select({ id: users.id })
			.from(users)
			.where(failed.length > 0 ? and(w.accounts, notInArray(users.id, failed)) : w.accounts)
			.limit(RETENTION_BATCH);
		for (const { id } of batch) {
			try {
				await erasePerson(db, id, { by: startedBy, reason: 'retention', now });
				accounts++;
			} catch (error) {
				failed.push(id);
				log().error({ err: error, userId: id }, 'retention: erasing an inactive account failed');
			}
		}
		if (batch.length < RETENTION_BATCH) break;
	}
	return {
		sessions: sessionsDeleted,
		password_resets: resetsDeleted,
		notifications: notificationsDeleted,
		deliveries: deliveriesDeleted,
		audit_events: auditDeleted,
		quiz_answers: answersCleared,
		submissions: submissionsCleared,
		submission_files: filesDeleted,
		accounts
	};
}

export type RetentionRun = typeof retentionRuns.$inferSelect;

/** A dry run: counts what a run would do now and keeps the counts as a run marked dry. */
export async function dryRunRetention(
	db: Database,
	now: Date,
	settings: RetentionSettings,
	startedBy: string | null
): Promise<RetentionRun> {
	const counts = await planRetention(db, now, settings);
	const [run] = await db
		.insert(retentionRuns)
		.values({ dryRun: true, settings, counts, finishedAt: new Date(), startedBy })
		.returning();
	return run;
}

/**
 * Applies the periods: every rule, in batches, then the run's record and its audit event. The run
 * is recorded when it starts, so one interrupted half-way shows as never finished.
 */
export async function runRetention(
	db: Database,
	now: Date,
	settings: RetentionSettings,
	startedBy: string | null
): Promise<RetentionCounts> {
	const [run] = await db
		.insert(retentionRuns)
		.values({ dryRun: false, settings, counts: {}, startedBy })
		.returning({ id: retentionRuns.id });
	const counts = await applyRetention(db, now, settings, startedBy);
	await db.transaction(async (tx) => {
		await tx
			.update(retentionRuns)
			.set({ counts, finishedAt: new Date() })
			.where(eq(retentionRuns.id, run.id));
		await recordAudit(tx, { actorId: startedBy, action: 'retention.run', details: counts });
	});
	return counts;
}

/** The latest runs, newest first. */
export async function recentRetentionRuns(db: Database, limit = 10): Promise<RetentionRun[]> {
	return db.select().from(retentionRuns).orderBy(desc(retentionRuns.startedAt)).limit(limit);
}

/** How long after a dry run the administrator may carry it out from the page without another. */
export const DRY_RUN_VALID_MS = 60 * 60 * 1000;

/**
 * The dry run the administrator may carry out: the latest run, when it is a dry run under an hour
 * old. A run after it (from the page, the command line or the schedule) makes it stale.
 */
export async function recentDryRun(db: Database, now: Date): Promise<RetentionRun | undefined> {
	const [run] = await db
		.select()
		.from(retentionRuns)
		.orderBy(desc(retentionRuns.startedAt))
		.limit(1);
	return run?.dryRun && run.startedAt.getTime() > now.getTime() - DRY_RUN_VALID_MS
		? run
		: undefined;
}
