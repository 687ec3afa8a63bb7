import PgBoss from 'pg-boss';
import { sql, type SQL } from 'drizzle-orm';
import type { Database } from '../db';

/**
 * Background work runs on pg-boss (README, "Messages"): a PostgreSQL job queue that also runs on
 * PGlite, because it reaches the database only through an `executeSql(text, values)` we give it.
 * Its tables live in the `pgboss` schema, installed with our migrations so that a job can be
 * inserted in the same transaction as the event that causes it.
 */
export const JOB_SCHEMA = 'pgboss';

/** What pg-boss needs of a database: one call, plain `$1` parameters, rows back. */
export interface SqlExecutor {
	executeSql(text: string, values?: unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
}

/** The queues of this application and how their jobs are retried. */
export const QUEUES = {
	/** One job per outbox row: send it, or record why not. */
	deliver: {
		name: 'deliver',
		// Five tries over about half an hour (1, 2, 4, 8, 16 minutes), then the row is marked failed.
		retryLimit: 5,
		retryDelay: 60,
		retryBackoff: true,
		// A send that takes longer than this is taken for crashed; the row's own claim decides.
		expireInSeconds: 120
	},
	/** The hourly sweep of reminders, and the daily digests it makes. */
	reminders: { name: 'reminders', retryLimit: 2, retryDelay: 300, retryBackoff: false },
	/** Re-enqueues outbox rows whose job was lost (a restore, a purge): a safety net. */
	outboxSweep: { name: 'outbox-sweep', retryLimit: 0, retryDelay: 0, retryBackoff: false },
	/**
	 * The nightly retention run (privacy/retention-schedule.ts). Stately: at most one run waiting and
	 * one running, however many instances schedule it. A run left unfinished is taken again once, an
	 * hour later; what it did already stays done (every rule counts only what is left).
	 */
	retention: {
		name: 'retention',
		policy: 'stately',
		retryLimit: 1,
		retryDelay: 3600,
		retryBackoff: false,
		// A first run over years of data may be long; it works in short batches all the same.
		expireInSeconds: 4 * 3600
	}
} as const;

export type QueueName = (typeof QUEUES)[keyof typeof QUEUES]['name'];

/** A pg-boss bound to `executor`; started only by the worker, but able to send jobs without start. */
export function jobQueue(executor: SqlExecutor, options: { worker?: boolean } = {}): PgBoss {
	const boss = new PgBoss({
		db: executor as PgBoss.Db,
		schema: JOB_SCHEMA,
		// Installing and migrating its schema is ours (installJobQueue), at the server's migrations.
		migrate: false,
		supervise: options.worker ?? false,
		schedule: options.worker ?? false
	});
	return boss;
}

/**
 * Creates or upgrades pg-boss's schema and our queues. Runs after our own migrations, under the
 * same lock; idempotent, and quick when there is nothing to do.
 */
export async function installJobQueue(executor: SqlExecutor): Promise<void> {
	const boss = new PgBoss({
		db: executor as PgBoss.Db,
		schema: JOB_SCHEMA,
		migrate: true,
		supervise: false,
		schedule: false
	});
	boss.on('error', () => {});
	await boss.start();
	try {
		const existing = new Set((await boss.getQueues()).map((q) => q.name));
		for (const queue of Object.values(QUEUES)) {
			const { name, ...policy } = queue;
			if (!existing.has(name))
				await boss.createQueue(name, { name, policy: 'standard', ...policy });
		}
	} finally {
		await boss.stop({ graceful: false, wait: true });
	}
}

/** pg-boss gives objects for jsonb and undefined for "not set": our drivers want text and null (arrays they take as they are). */
function parameter(value: unknown): unknown {
	if (value === undefined) return null;
	if (
		value !== null &&
		typeof value === 'object' &&
		!(value instanceof Date) &&
		!Array.isArray(value)
	)
		return JSON.stringify(value);
	return value;
}

/** pg-boss's `$1 … $n` text with its values as one drizzle query, so it can run in our transaction. */
export function asDrizzleSql(text: string, values: unknown[] = []): SQL {
	const chunks: SQL[] = [];
	let last = 0;
	for (const match of text.matchAll(/\$(\d+)/g)) {
		chunks.push(sql.raw(text.slice(last, match.index)));
		chunks.push(sql`${parameter(values[Number(match[1]) - 1])}`);
		last = match.index + match[0].length;
	}
	chunks.push(sql.raw(text.slice(last)));
	return sql.join(chunks);
}

/** An executor over a database or transaction of ours: jobs sent through it commit or roll back with it. */
export function executorIn(db: Database): SqlExecutor {
	return {
		async executeSql(text, values) {
			const result = (await db.execute(asDrizzleSql(text, values))) as unknown;
			const rows = Array.isArray(result) ? result : (result as { rows: unknown[] }).rows;
			return { rows: rows as Record<string, unknown>[] };
		}
	};
}

/** Values as our engines' own clients take them (see parameter). */
export function driverValues(values: unknown[] | undefined): unknown[] {
	return (values ?? []).map(parameter);
}
