/**
 * A person's phone number for messages: given with their consent, confirmed with a 6-digit code
 * sent to it through the phone gateway, changed or removed by them at any time. Messages go to a
 * number only once it is verified and consented to (outbox.ts `reachable`, worker.ts).
 *
 * The code is kept only as its SHA-256, lives 10 minutes and allows 5 tries; sending codes is
 * throttled per account and per number, so nobody's phone is flooded and nobody pays for it.
 */
import { createHash, randomInt, timingSafeEqual } from 'node:crypto';
import { count, eq, and } from 'drizzle-orm';
import { consentRecords, deliveries, phoneNumbers } from '$db/schema';
import type { Database } from '../db';
import { recordAudit } from '../audit';
import { currentNotice } from '../privacy/notices';
import { admit, settle, type Counted } from '../throttle/throttle';
import { queueOutboxOnly } from './outbox';
import { parseMobileNumber, PHONE_CODE_LENGTH, type PhoneProblem } from './phone';

export const PHONE_CODE_TTL_MS = 10 * 60 * 1000;
export const PHONE_CODE_MAX_ATTEMPTS = 5;

/** A person's number as their own pages and their data export show it. */
export interface PhoneNumberState {
	/** E.164. */
	number: string;
	verifiedAt: Date | null;
	consentAt: Date | null;
	/** A code was sent and may still be entered. */
	codePending: boolean;
	codeExpiresAt: Date | null;
}

export async function phoneNumberOf(
	db: Database,
	userId: string,
	now = new Date()
): Promise<PhoneNumberState | null> {
	const [row] = await db.select().from(phoneNumbers).where(eq(phoneNumbers.userId, userId));
	if (!row) return null;
	const codePending =
		row.codeHash !== null &&
		row.codeExpiresAt !== null &&
		row.codeExpiresAt > now &&
		row.codeAttempts < PHONE_CODE_MAX_ATTEMPTS;
	return {
		number: row.number,
		verifiedAt: row.verifiedAt,
		consentAt: row.consentAt,
		codePending,
		codeExpiresAt: codePending ? row.codeExpiresAt : null
	};
}

/** What the person's data export holds of their number: the number and its two dates. */
export async function phoneNumberExport(db: Database, userId: string) {
	const [row] = await db
		.select({
			number: phoneNumbers.number,
			verifiedAt: phoneNumbers.verifiedAt,
			consentAt: phoneNumbers.consentAt,
			updatedAt: phoneNumbers.updatedAt
		})
		.from(phoneNumbers)
		.where(eq(phoneNumbers.userId, userId));
	return row ?? null;
}

const hashCode = (code: string) => createHash('sha256').update(code, 'utf8').digest('hex');

/** A code of PHONE_CODE_LENGTH digits, each equally likely. */
export function newPhoneCode(): string {
	return String(randomInt(0, 10 ** PHONE_CODE_LENGTH)).padStart(PHONE_CODE_LENGTH, '0');
}

export type CodeRequestResult =
	| { ok: true; number: string; expiresAt: Date }
	| { ok: false; reason: PhoneProblem | 'consent_required' | 'already_verified' }
	| { ok: false; reason: 'throttled'; retryAfterSeconds: number };

/**
 * Sets the number a person gives (with their consent) as theirs-to-confirm and sends it a new code.
 * A different number than the one kept replaces it, unverified until its code is entered; the
 * code goes out through the outbox in the same transaction.
 */
export async function requestPhoneCode(
	db: Database,
	userId: string,
	input: { number: string; consent: boolean },
	options: { now?: Date; code?: string } = {}
): Promise<CodeRequestResult> {
	if (!input.consent) return { ok: false, reason: 'consent_required' };
	const parsed = parseMobileNumber(input.number);
	if (!parsed.ok) return { ok: false, reason: parsed.reason };
	const now = options.now ?? new Date();
	const number = parsed.e164;

	const current = await phoneNumberOf(db, userId, now);
	if (current?.number === number && current.verifiedAt && current.consentAt)
		return { ok: false, reason: 'already_verified' };

	const counted: Counted[] = [
		{ policy: 'phone-code-account', subject: userId },
		{ policy: 'phone-code-number', subject: number }
	];
	const admission = await admit(db, counted, now);
	if (!admission.allowed)
		return { ok: false, reason: 'throttled', retryAfterSeconds: admission.retryAfterSeconds };

	const code = options.code ?? newPhoneCode();
	const expiresAt = new Date(now.getTime() + PHONE_CODE_TTL_MS);
	try {
		await db.transaction(async (tx) => {
			const fresh = { codeHash: hashCode(code), codeExpiresAt: expiresAt, codeAttempts: 0 };
			// The upsert locks the person's row first, so two requests at once number their codes in turn.
			await tx
				.insert(phoneNumbers)
				.values({ userId, number, ...fresh, updatedAt: now })
				.onConflictDoUpdate({
					target: phoneNumbers.userId,
					set: {
						number,
						...fresh,
						// A new number is not verified, nor consented to, until its code is entered.
						verifiedAt: null,
						consentAt: null,
						updatedAt: now
					}
				});
			const [{ sent }] = await tx
				.select({ sent: count() })
				.from(deliveries)
				.where(and(eq(deliveries.userId, userId), eq(deliveries.kind, 'phone_code')));
			const queued = await queueOutboxOnly(tx, {
				userId,
				channel: 'phone',
				kind: 'phone_code',
				key: `phone_code:${userId}:${sent + 1}`,
				params: { code },
				now
			});
			if (!queued) throw new Error('a phone code with this key was already queued');
		});
	} catch (error) {
		await settle(db, admission.slots, 'refused');
		throw error;
	}
	// Every code sent counts against the limits, whatever becomes of it.
	await settle(db, admission.slots, 'failed');
	return { ok: true, number, expiresAt };
}

export type CodeCheckResult =
	| { ok: true; number: string }
	| { ok: false; reason: 'no_code' | 'expired' | 'too_many_attempts' }
	| { ok: false; reason: 'wrong_code'; attemptsLeft: number };

/**
 * Confirms the number with the code sent to it: the number is then verified and the person's
 * consent recorded (both dated now). A wrong code uses one of the tries, kept even though the
 * answer is no; the comparison takes the same time whatever the code.
 */
export async function verifyPhoneCode(
	db: Database,
	userId: string,
	code: string,
	options: { now?: Date } = {}
): Promise<CodeCheckResult> {
	const now = options.now ?? new Date();
	return db.transaction(async (tx) => {
		const [row] = await tx
			.select()
			.from(phoneNumbers)
			.where(eq(phoneNumbers.userId, userId))
			.for('update');
		if (!row?.codeHash || !row.codeExpiresAt) return { ok: false, reason: 'no_code' } as const;
		if (row.codeAttempts >= PHONE_CODE_MAX_ATTEMPTS)
			return { ok: false, reason: 'too_many_attempts' } as const;
		if (row.codeExpiresAt <= now) return { ok: false, reason: 'expired' } as const;

		const given = Buffer.from(hashCode(code.trim()), 'hex');
		const kept = Buffer.from(row.codeHash, 'hex');
		if (given.length !== kept.length || !timingSafeEqual(given, kept)) {
			const attempts = row.codeAttempts + 1;
			await tx
				.update(phoneNumbers)
				.set({ codeAttempts: attempts })
				.where(eq(phoneNumbers.userId, userId));
			return attempts >= PHONE_CODE_MAX_ATTEMPTS
				? ({ ok: false, reason: 'too_many_attempts' } as const)
				: ({
						ok: false,
						reason: 'wrong_code',
						attemptsLeft: PHONE_CODE_MAX_ATTEMPTS - attempts
					} as const);
		}
		await tx
			.update(phoneNumbers)
			.set({
				verifiedAt: now,
				consentAt: now,
				codeHash: null,
				codeExpiresAt: null,
				codeAttempts: 0,
				updatedAt: now
			})
			.where(eq(phoneNumbers.userId, userId));
		await recordAudit(tx, { actorId: userId, action: 'phone.verified', subjectId: userId });
		await phoneConsentRecord(tx, userId, true, now);
		return { ok: true, number: row.number } as const;
	});
}

/**
 * The consent given with a confirmed number, or ended with its removal, also kept where the
 * person's privacy page reads its state and history (privacy/consent.ts): one rule, consentAt.
 */
async function phoneConsentRecord(tx: Database, userId: string, given: boolean, now: Date) {
	const notice = await currentNotice(tx);
	if (!notice) return;
	await tx.insert(consentRecords).values({
		userId,
		purpose: 'phone_messages',
		given,
		noticeVersion: notice.version,
		channel: 'account',
		recordedAt: now
	});
}

/** Removes the person's number (and so their consent): no message goes to it any more. */
export async function removePhoneNumber(db: Database, userId: string): Promise<boolean> {
	return db.transaction(async (tx) => {
		const removed = await tx
			.delete(phoneNumbers)
			.where(eq(phoneNumbers.userId, userId))
			.returning({ userId: phoneNumbers.userId });
		if (removed.length === 0) return false;
		await recordAudit(tx, { actorId: userId, action: 'phone.removed', subjectId: userId });
		await phoneConsentRecord(tx, userId, false, new Date());
		return true;
	});
}
