/**
 * Throttling, for everything throttled: sign-in per account and per address, certificate lookups
 * per address, password-reset e-mails per e-mail address and per address, phone codes per account
 * and per number. Counted in the database so the limits hold across instances.
 *
 * Each attempt is counted and decided in one statement, before the work it guards: an upsert on
 * the key's row, which PostgreSQL (and PGlite) serialises per row, returns the failures so far and
 * the attempts still in progress, this one included. Deciding first and counting afterwards let a
 * burst of parallel guesses all pass the check before any was counted.
 *
 * Windows are fixed: they open at a key's first attempt and close `windowMs` later, whatever
 * happens meanwhile, so hammering a closed door does not keep it closed any longer.
 */
import { sql } from 'drizzle-orm';
import type { Database } from '../db';
import { queryRows } from '../db/rows';

const MINUTE = 60 * 1000;

export const throttlePolicies = {
	/** Wrong passwords for one account, from anywhere. */
	'sign-in-account': { limit: 5, windowMs: 15 * MINUTE },
	/** Wrong passwords from one address, for any accounts (a classroom shares one address). */
	'sign-in-address': { limit: 20, windowMs: 15 * MINUTE },
	/** Certificate codes looked up that do not exist (/verify), from one address. */
	'verify-address': { limit: 30, windowMs: 15 * MINUTE },
	/** Reset e-mails asked for one e-mail address, an account's or not: nobody is flooded with them. */
	'reset-request-email': { limit: 3, windowMs: 60 * MINUTE },
	/** Password-reset e-mails asked for from one network address, for any e-mail addresses. */
	'reset-request-address': { limit: 20, windowMs: 60 * MINUTE },
	/** Phone verification codes sent for one account: each costs the province a message. */
	'phone-code-account': { limit: 3, windowMs: 60 * MINUTE },
	/** Codes sent to one phone number, from any accounts: nobody's phone is flooded with them. */
	'phone-code-number': { limit: 5, windowMs: 24 * 60 * MINUTE }
} as const satisfies Record<string, { limit: number; windowMs: number }>;

export type ThrottlePolicy = keyof typeof throttlePolicies;

/** What an attempt counts against: a policy and whom it names (an account, an address). */
export interface Counted {
	policy: ThrottlePolicy;
	subject: string;
}

/** An attempt let through, as counted: enough to settle it in the window it was counted in. */
export interface Slot extends Counted {
	key: string;
	endsAt: Date;
}

export type Admission =
	{ allowed: true; slots: Slot[] } | { allowed: false; retryAfterSeconds: number };

/**
 * How long an attempt waits for others in progress to settle when only they stand in its way: a
 * classroom signing in at once behind one address gets through, a moment later (on a busy
 * two-core server thirty password checks take seconds). Bounded, as an attempt lost in a crash stays
 * in progress until its window closes; the pauses grow, so a burst of refused guesses does not
 * flood the database with retries.
 */
const BUSY_WAIT_MS = 10_000;
const busyPause = (round: number) => Math.min(50 * 2 ** round, 800) * (0.5 + Math.random());

const keyOf = ({ policy, subject }: Counted) => `${policy}:${subject}`;

/**
 * Counts one attempt against each subject and lets it go ahead only if, for every one, the
 * failures and the attempts in progress (this one included) are within the limit. The caller
 * must `settle` the slots of an attempt let through.
 */
export async function admit(
	db: Database,
	counted: Counted[],
	now = new Date()
): Promise<Admission> {
	const started = Date.now();
	for (let round = 0; ; round++) {
		const decision = await countAndDecide(db, counted, now);
		if (decision.allowed) return decision;
		if (!decision.busy || Date.now() - started >= BUSY_WAIT_MS) {
			return { allowed: false, retryAfterSeconds: decision.retryAfterSeconds };
		}
		await new Promise((resolve) => setTimeout(resolve, busyPause(round)));
	}
}

type Decision =
	{ allowed: true; slots: Slot[] } | { allowed: false; busy: boolean; retryAfterSeconds: number };

async function countAndDecide(db: Database, counted: Counted[], now: Date): Promise<Decision> {
	// Rows are locked in key order, so two attempts naming the same keys cannot deadlock.
	const entries = counted
		.map((c) => ({ ...c, key: keyOf(c) }))
		.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
	const at = now.toISOString();
	const values = entries.map((e) => {
		const endsAt = new Date(now.getTime() + throttlePolicies[e.policy].windowMs).toISOString();
		return sql`(${e.key}, 0, 1, ${endsAt}::timestamptz)`;
	});
	const rows = await queryRows<{ key: string; failures: number; pending: number; ends_ms: number }>(
		db,
		sql`insert into throttle_windows as w (key, failures, pending, ends_at)
			values ${sql.join(values, sql`, `)}
			on conflict (key) do update set
				failures = case when w.ends_at <= ${at}::timestamptz then 0 else w.failures end,
				pending = case when w.ends_at <= ${at}::timestamptz then 1 else w.pending + 1 end,
				ends_at = case when w.ends_at <= ${at}::timestamptz then excluded.ends_at else w.ends_at end
			returning key, failures, pending, (extract(epoch from ends_at) * 1000)::float8 as ends_ms`
	);
	const byKey = new Map(rows.map((r) => [r.key, r]));
	const slots: Slot[] = entries.map((e) => ({
		policy: e.policy,
		subject: e.subject,
		key: e.key,
		endsAt: new Date(byKey.get(e.key)!.ends_ms)
	}));
	// A window opened: the moment to clear away those that have closed.
	const opened = entries.some(
		(e) => byKey.get(e.key)!.ends_ms === now.getTime() + throttlePolicies[e.policy].windowMs
	);
	if (opened) await tidy(db, now);
	const over = entries
		.map((e) => ({ row: byKey.get(e.key)!, limit: throttlePolicies[e.policy].limit }))
		.filter(({ row, limit }) => row.failures + row.pending > limit);
	if (over.length === 0) return { allowed: true, slots };
	await settle(db, slots, 'refused');
	const spent = over.filter(({ row, limit }) => row.failures >= limit);
	if (spent.length === 0) return { allowed: false, busy: true, retryAfterSeconds: 5 };
	const closes = Math.max(...spent.map(({ row }) => row.ends_ms));
	const seconds = Math.ceil((closes - now.getTime()) / 1000);
	return { allowed: false, busy: false, retryAfterSeconds: Math.max(1, seconds) };
}

/**
 * What became of an attempt: it failed (and counts until its window closes), it passed (a right
 * password, a code that exists: it costs nothing), it passed and clears the subject's earlier
 * failures (a successful sign-in forgives its account), or it was refused before it began.
 */
export type Settlement = 'failed' | 'passed' | 'forgiven' | 'refused';

/** Settles attempts counted by `admit`, each in the window it was counted in. */
export async function settle(db: Database, slots: Slot[], outcome: Settlement): Promise<void> {
	for (const { key, endsAt } of slots) {
		const sameWindow = sql`ends_at = ${endsAt.toISOString()}::timestamptz`;
		const pending = sql`case when ${sameWindow} then greatest(pending - 1, 0) else pending end`;
		// A failure counts even when its window closed meanwhile: the next one has it.
		const failures =
			outcome === 'failed' ? sql`failures + 1` : outcome === 'forgiven' ? sql`0` : sql`failures`;
		await db.execute(
			sql`update throttle_windows set pending = ${pending}, failures = ${failures} where key = ${key}`
		);
	}
}

/**
 * Deletes closed windows. Rows another statement holds are skipped rather than waited for, so
 * tidying never holds up an attempt (nor deadlocks with one); a later tidy takes them.
 */
async function tidy(db: Database, now: Date): Promise<void> {
	await db.execute(sql`delete from throttle_windows where key in (
		select key from throttle_windows where ends_at <= ${now.toISOString()}::timestamptz
		for update skip locked)`);
}
