// Test support for the events that cause messages (not shipped code paths).
import { and, eq, like, sql } from 'drizzle-orm';
import { notifications } from '$db/schema';
import type { Database } from '$lib/server/db';

/**
 * Runs an event while `table` refuses every row at commit (a deferred constraint trigger), so the
 * event's transaction fails after everything in it, its messages included, was written. Returns
 * the error (undefined if the event did not fail). Tests run one at a time within a file.
 */
export async function failingAtCommit(
	db: Database,
	table: string,
	run: () => Promise<unknown>
): Promise<unknown> {
	await db.execute(
		sql.raw(`create or replace function test_fail_at_commit() returns trigger language plpgsql
			as $$ begin raise exception 'the event failed at commit'; end $$`)
	);
	await db.execute(
		sql.raw(`create constraint trigger test_fail_at_commit after insert or update on ${table}
			deferrable initially deferred for each row execute function test_fail_at_commit()`)
	);
	try {
		return await run().then(
			() => undefined,
			(error: unknown) => error
		);
	} finally {
		await db.execute(sql.raw(`drop trigger test_fail_at_commit on ${table}`));
	}
}

/** A person's inbox messages whose key starts with `prefix`, oldest first. */
export function inbox(db: Database, userId: string, prefix = '') {
	return db
		.select()
		.from(notifications)
		.where(and(eq(notifications.userId, userId), like(notifications.key, `${prefix}%`)))
		.orderBy(notifications.createdAt, notifications.key);
}
