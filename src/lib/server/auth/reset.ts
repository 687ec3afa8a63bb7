import { and, eq, gt, isNull } from 'drizzle-orm';
import { passwordResets } from '$db/schema';
import type { Database } from '../db';
import { recordAudit } from '../audit';
import { passwordProblem } from './password';
import { getUser, setPassword } from './accounts';
import { generateSessionToken, sessionIdFromToken } from './session';

export const RESET_LIFETIME_MS = 24 * 60 * 60 * 1000;

/**
 * Issues a one-time reset token (24 hours); the caller builds the link, or sends it by e-mail
 * (reset-request.ts). Only the token's hash is stored, and earlier unused tokens of that user are
 * withdrawn.
 */
export async function issuePasswordReset(
	db: Database,
	userId: string,
	issuedBy: string | null,
	now = new Date()
): Promise<{ token: string; expiresAt: Date }> {
	return db.transaction((tx) => issuePasswordResetIn(tx, userId, issuedBy, now));
}

/** The same, in the caller's transaction: the e-mail carrying the link is queued with it. */
export async function issuePasswordResetIn(
	tx: Database,
	userId: string,
	issuedBy: string | null,
	now = new Date()
): Promise<{ token: string; expiresAt: Date }> {
	const token = generateSessionToken();
	const expiresAt = new Date(now.getTime() + RESET_LIFETIME_MS);
	await tx
		.update(passwordResets)
		.set({ usedAt: now })
		.where(and(eq(passwordResets.userId, userId), isNull(passwordResets.usedAt)));
	await tx.insert(passwordResets).values({
		id: sessionIdFromToken(token),
		userId,
		createdBy: issuedBy,
		expiresAt,
		createdAt: now
	});
	await recordAudit(tx, {
		actorId: issuedBy,
		action: 'password_reset.issued',
		subjectId: userId
	});
	return { token, expiresAt };
}

/** The user a still-valid token belongs to, for showing the reset form. */
export async function findValidReset(db: Database, token: string, now = new Date()) {
	const [row] = await db
		.select()
		.from(passwordResets)
		.where(
			and(
				eq(passwordResets.id, sessionIdFromToken(token)),
				isNull(passwordResets.usedAt),
				gt(passwordResets.expiresAt, now)
			)
		);
	return row ? await getUser(db, row.userId) : undefined;
}

export type ResetResult =
	| { ok: true; userId: string }
	| { ok: false; reason: 'invalid' | 'too_short' | 'too_long' | 'common' };

/** Sets the new password and spends the token; a token works once, and not after 24 hours. */
export async function completePasswordReset(
	db: Database,
	token: string,
	password: string,
	now = new Date()
): Promise<ResetResult> {
	const user = await findValidReset(db, token, now);
	if (!user) return { ok: false, reason: 'invalid' };
	const problem = passwordProblem(password, [user.email ?? '', user.username ?? '']);
	if (problem) return { ok: false, reason: problem };
	// Spend the token first and only if still unspent, so two submissions cannot both succeed.
	const spent = await db
		.update(passwordResets)
		.set({ usedAt: now })
		.where(and(eq(passwordResets.id, sessionIdFromToken(token)), isNull(passwordResets.usedAt)))
		.returning({ id: passwordResets.id });
	if (spent.length === 0) return { ok: false, reason: 'invalid' };
	await setPassword(db, user.id, password);
	return { ok: true, userId: user.id };
}
