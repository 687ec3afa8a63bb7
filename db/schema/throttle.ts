import { index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Attempts counted per throttled subject in fixed windows (src/lib/server/throttle): one row a key,
 * so one upsert both counts an attempt and says whether it may go ahead, across instances.
 */
export const throttleWindows = pgTable(
	'throttle_windows',
	{
		/** '<policy>:<subject>', e.g. 'sign-in-account:lan@example.vn' or 'verify-address:10.0.0.1'. */
		key: text().primaryKey(),
		/** Attempts that failed in this window (a wrong password, an unknown code). */
		failures: integer().notNull().default(0),
		/** Attempts let through and not yet settled: counted as failures until they are. */
		pending: integer().notNull().default(0),
		/** When the window closes; the next attempt after it opens a new one. */
		endsAt: timestamp({ withTimezone: true }).notNull()
	},
	(t) => [index('throttle_windows_ends_at_idx').on(t.endsAt)]
);
