/**
 * Throttling /verify against enumeration: each lookup of an unknown code counts against the
 * caller's address; past the limit, every lookup from that address waits. Counted in the database
 * (the sign-in failures table, under its own key prefix) so the limit holds across instances.
 * With 59-bit codes enumeration is hopeless anyway; this keeps anyone from trying at volume.
 */
import { and, count, eq, gte, lt, min } from 'drizzle-orm';
import { signInFailures } from '$db/schema';
import type { Database } from '../db';

export const VERIFY_WINDOW_MS = 15 * 60 * 1000;
export const VERIFY_LIMIT = 30;

const verifyKey = (address: string) => `verify:${address}`;

/** Seconds until this address may look up codes again, or 0 when it may now. */
export async function verifyThrottleDelay(
	db: Database,
	address: string,
	now = new Date()
): Promise<number> {
	const since = new Date(now.getTime() - VERIFY_WINDOW_MS);
	const [row] = await db
		.select({ misses: count(), oldest: min(signInFailures.failedAt) })
		.from(signInFailures)
		.where(and(eq(signInFailures.key, verifyKey(address)), gte(signInFailures.failedAt, since)));
	if (!row || row.misses < VERIFY_LIMIT || !row.oldest) return 0;
	const oldest = new Date(row.oldest).getTime();
	return Math.max(1, Math.ceil((oldest + VERIFY_WINDOW_MS - now.getTime()) / 1000));
}

/** Counts a lookup of a code that does not exist. */
export async function recordUnknownCode(
	db: Database,
	address: string,
	now = new Date()
): Promise<void> {
	const key = verifyKey(address);
	await db.insert(signInFailures).values({ key, failedAt: now });
	await db
		.delete(signInFailures)
		.where(
			and(
				eq(signInFailures.key, key),
				lt(signInFailures.failedAt, new Date(now.getTime() - VERIFY_WINDOW_MS))
			)
		);
}
