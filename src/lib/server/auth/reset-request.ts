/**
 * Password reset by e-mail, asked for on /reset by someone who cannot sign in. The answer is the
 * same whether or not an account has the address, so the page tells nobody who has an account
 * here; the link goes only to the address itself. Requests are throttled per e-mail address (an
 * inbox is not flooded) and per network address (nobody walks through a list of addresses).
 */
import { eq } from 'drizzle-orm';
import { users } from '$db/schema';
import type { Database } from '../db';
import { queueOutboxOnly } from '../messages/outbox';
import { admit, settle } from '../throttle/throttle';
import { parseIdentifier } from './identifier';
import { issuePasswordResetIn } from './reset';
import { sessionIdFromToken } from './session';

export type ResetRequestResult = { ok: true } | { ok: false; retryAfterSeconds: number };

/**
 * For an account with this e-mail address, issues a reset token and queues the e-mail carrying it,
 * in one transaction: the token exists exactly when its e-mail will be sent. Otherwise nothing
 * happens, and the answer is the same. Call it only when e-mail is configured.
 */
export async function requestPasswordReset(
	db: Database,
	email: string,
	address: string,
	now = new Date()
): Promise<ResetRequestResult> {
	const { value } = parseIdentifier(email);
	const admission = await admit(
		db,
		[
			{ policy: 'reset-request-email', subject: value },
			{ policy: 'reset-request-address', subject: address }
		],
		now
	);
	if (!admission.allowed) return { ok: false, retryAfterSeconds: admission.retryAfterSeconds };
	try {
		const [account] = await db.select({ id: users.id }).from(users).where(eq(users.email, value));
		if (account) {
			await db.transaction(async (tx) => {
				const { token } = await issuePasswordResetIn(tx, account.id, null, now);
				await queueOutboxOnly(tx, {
					userId: account.id,
					channel: 'email',
					kind: 'password_reset',
					key: `password_reset:${sessionIdFromToken(token)}`,
					params: { token },
					now
				});
			});
		}
	} finally {
		// Every request counts against both limits, an answered one too.
		await settle(db, admission.slots, 'failed');
	}
	return { ok: true };
}
