import { and, count, eq, gte, inArray, lt, min } from 'drizzle-orm';
import { signInFailures } from '$db/schema';
import type { Database } from '../db';

export const THROTTLE_WINDOW_MS = 15 * 60 * 1000;
export const ACCOUNT_LIMIT = 5;
export const ADDRESS_LIMIT = 20;

export const accountKey = (identifier: string) => `account:${identifier}`;
export const addressKey = (address: string) => `address:${address}`;

/**
 * Seconds until sign-in may be tried again for this account and address, or 0 when it may now.
 * Counted in the database, so the limit holds across several instances.
 */
export async function throttleDelay(
	db: Database,
	identifier: string,
	address: string,
	now = new Date()
): Promise<number> {
	const since = new Date(now.getTime() - THROTTLE_WINDOW_MS);
	const rows = await db
		.select({ key: signInFailures.key, failures: count(), oldest: min(signInFailures.failedAt) })
		.from(signInFailures)
		.where(
			and(
				inArray(signInFailures.key, [accountKey(identifier), addressKey(address)]),
				gte(signInFailures.failedAt, since)
			)
		)
		.groupBy(signInFailures.key);
	let delay = 0;
	for (const row of rows) {
		const limit = row.key.startsWith('account:') ? ACCOUNT_LIMIT : ADDRESS_LIMIT;
		if (row.failures >= limit && row.oldest) {
			const oldest = new Date(row.oldest).getTime();
			delay = Math.max(delay, Math.ceil((oldest + THROTTLE_WINDOW_MS - now.getTime()) / 1000));
		}
	}
	return delay;
}

export async function recordSignInFailure(
	db: Database,
	identifier: string,
	address: string,
	now = new Date()
): Promise<void> {
	const keys = [accountKey(identifier), addressKey(address)];
	await db.insert(signInFailures).values(keys.map((key) => ({ key, failedAt: now })));
	// Old rows serve no purpose; tidy the keys we just touched.
	await db
		.delete(signInFailures)
		.where(
			and(
				inArray(signInFailures.key, keys),
				lt(signInFailures.failedAt, new Date(now.getTime() - THROTTLE_WINDOW_MS))
			)
		);
}

/** A successful sign-in forgives the account's earlier failures (not the address's). */
export async function clearAccountFailures(db: Database, identifier: string): Promise<void> {
	await db.delete(signInFailures).where(eq(signInFailures.key, accountKey(identifier)));
}
