/**
 * Consent given or withdrawn, one append-only row per act (consent_records): the latest row per
 * person and purpose is the state, the rows are the proof (Decree 356/2025 Art. 6: who, when, to
 * which notice, by which means).
 *
 * One rule for phone messages: they go out only to a number whose consentAt is set
 * (messages/outbox.ts, worker.ts). Withdrawing the phone_messages consent clears it; giving it
 * again sets it back on a verified number (a number not yet verified gets it when its code is
 * entered, phone-numbers.ts).
 */
import { and, desc, eq, isNotNull, isNull } from 'drizzle-orm';
import {
	consentRecords,
	phoneNumbers,
	users,
	type ConsentChannel,
	type ConsentPurpose
} from '$db/schema';
import type { Database } from '../db';
import { recordAudit } from '../audit';
import type { WalkIn } from '../workshops/attendance';
import { quickAccount, type QuickAccountResult } from '../workshops/quick-account';
import { currentNotice } from './notices';

export interface ConsentAct {
	userId: string;
	purpose: ConsentPurpose;
	given: boolean;
	noticeVersion: number;
	channel: ConsentChannel;
	/** Staff entering a paper form; null when the person acts themselves. */
	recordedBy?: string | null;
	now?: Date;
}

export type ConsentRecord = typeof consentRecords.$inferSelect;

/** Records one act; call it in the transaction of what caused it (an account made, a form sent). */
export async function recordConsent(db: Database, act: ConsentAct): Promise<ConsentRecord> {
	const now = act.now ?? new Date();
	return db.transaction(async (tx) => {
		const [row] = await tx
			.insert(consentRecords)
			.values({
				userId: act.userId,
				purpose: act.purpose,
				given: act.given,
				noticeVersion: act.noticeVersion,
				channel: act.channel,
				recordedBy: act.recordedBy ?? null,
				recordedAt: now
			})
			.returning();
		if (act.purpose === 'service') {
			await tx
				.update(users)
				.set({ consentVersion: act.given ? act.noticeVersion : null, updatedAt: now })
				.where(eq(users.id, act.userId));
		}
		if (act.purpose === 'phone_messages') {
			await tx
				.update(phoneNumbers)
				.set({ consentAt: act.given ? now : null, updatedAt: now })
				.where(
					act.given
						? and(
								eq(phoneNumbers.userId, act.userId),
								isNotNull(phoneNumbers.verifiedAt),
								isNull(phoneNumbers.consentAt)
							)
						: eq(phoneNumbers.userId, act.userId)
				);
		}
		await recordAudit(tx, {
			actorId: act.recordedBy ?? act.userId,
			action: act.given ? 'consent.given' : 'consent.withdrawn',
			subjectId: act.userId,
			details: { purpose: act.purpose, noticeVersion: act.noticeVersion, channel: act.channel }
		});
		return row;
	});
}

export interface ConsentState {
	given: boolean;
	noticeVersion: number;
	at: Date;
	channel: ConsentChannel;
}

/** The latest act per purpose; a purpose never asked is absent. */
export async function consentStateOf(
	db: Database,
	userId: string
): Promise<Partial<Record<ConsentPurpose, ConsentState>>> {
	const rows = await consentHistory(db, userId);
	const state: Partial<Record<ConsentPurpose, ConsentState>> = {};
	for (const r of rows) {
		state[r.purpose] ??= {
			given: r.given,
			noticeVersion: r.noticeVersion,
			at: r.recordedAt,
			channel: r.channel
		};
	}
	return state;
}

/** Every act, newest first. */
export function consentHistory(db: Database, userId: string): Promise<ConsentRecord[]> {
	return db
		.select()
		.from(consentRecords)
		.where(eq(consentRecords.userId, userId))
		.orderBy(desc(consentRecords.recordedAt), desc(consentRecords.id));
}

/**
 * Agreeing to the notice from a form: the service consent, and the phone one when it was asked
 * (null: the box was not shown, nothing is recorded for it).
 */
export async function recordAgreement(
	db: Database,
	input: {
		userId: string;
		noticeVersion: number;
		channel: ConsentChannel;
		phoneMessages: boolean | null;
	}
): Promise<void> {
	const { userId, noticeVersion, channel } = input;
	await db.transaction(async (tx) => {
		await recordConsent(tx, { userId, purpose: 'service', given: true, noticeVersion, channel });
		if (input.phoneMessages !== null) {
			await recordConsent(tx, {
				userId,
				purpose: 'phone_messages',
				given: input.phoneMessages,
				noticeVersion,
				channel
			});
		}
	});
}

/**
 * A workshop's two-field account (workshops/quick-account.ts) with the person's consent to the
 * notice in force, stored together: they ticked the box beside the two fields.
 */
export async function quickAccountWithConsent(
	db: Database,
	person: WalkIn
): Promise<QuickAccountResult> {
	const notice = await currentNotice(db);
	if (!notice) throw new Error('no privacy notice: ensureNotice runs at start-up');
	return db.transaction(async (tx) => {
		const made = await quickAccount(tx, person);
		if (made.ok) {
			await recordAgreement(tx, {
				userId: made.user.id,
				noticeVersion: notice.version,
				channel: 'sign_up',
				phoneMessages: null
			});
		}
		return made;
	});
}
