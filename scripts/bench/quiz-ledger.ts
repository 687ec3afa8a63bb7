// "Zero lost or doubled": what the quiz flows were told, set against what the database holds after
// the run. Every start answered with an attempt's address must have made that attempt, every submit
// answered 303 must have left it submitted, and no start may have made two.
import { sql } from 'drizzle-orm';
import { openDatabase } from '../../src/lib/server/db';
import type { BenchDatabase } from './engines';
import { rows } from './seed-sql';

/** What the quiz flows of one run sent and were answered, attempt by attempt. */
export class QuizLedger {
	/** Before the first flow: attempts started since are this run's. */
	readonly since = new Date();
	/** Start requests sent (each may make one attempt). */
	startsSent = 0;
	/** Attempts the starts were answered with (their addresses' ids). */
	readonly started = new Set<string>();
	/** Attempts whose submit was answered 303. */
	readonly submitted = new Set<string>();

	/** The attempt id at the end of an attempt's address, or undefined. */
	static attemptId(address: string | undefined): string | undefined {
		return address ? /\/([0-9a-f-]{36})$/.exec(address)?.[1] : undefined;
	}
}

export interface LedgerCheck {
	startsSent: number;
	/** Starts answered with an attempt; the others failed or were cut off when the load stopped. */
	startsAnswered: number;
	submitsAnswered: number;
	/** Attempts of this run in the database. */
	inDatabase: number;
	/** Answered as started but missing, or answered as submitted but not submitted. */
	lost: number;
	/** Attempts beyond what the unanswered starts can explain: a start that made two. */
	doubled: number;
}

export function reconcile(
	ledger: Pick<QuizLedger, 'startsSent' | 'started' | 'submitted'>,
	stored: Map<string, boolean>
): LedgerCheck {
	const lost = new Set<string>();
	for (const id of ledger.started) if (!stored.has(id)) lost.add(id);
	for (const id of ledger.submitted) if (!stored.get(id)) lost.add(id);
	const unseen = [...stored.keys()].filter((id) => !ledger.started.has(id)).length;
	const unanswered = ledger.startsSent - ledger.started.size;
	return {
		startsSent: ledger.startsSent,
		startsAnswered: ledger.started.size,
		submitsAnswered: ledger.submitted.size,
		inDatabase: stored.size,
		lost: lost.size,
		doubled: Math.max(0, unseen - unanswered)
	};
}

/** Reads the run's attempts (the server must be stopped: PGlite has one owner) and reconciles. */
export async function checkLedger(ledger: QuizLedger, database: BenchDatabase) {
	const handle = await openDatabase({ ...database.open, max: 1 });
	try {
		const found = await rows<{ id: string; submitted: boolean }>(
			handle.db,
			sql`select id::text as id, submitted_at is not null as submitted from quiz_attempts
				where started_at >= ${ledger.since.toISOString()}::timestamptz`
		);
		return reconcile(ledger, new Map(found.map((r) => [r.id, Boolean(r.submitted)])));
	} finally {
		await handle.close();
	}
}
