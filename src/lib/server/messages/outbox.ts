import { and, gt, inArray, isNotNull, isNull, or } from 'drizzle-orm';
import {
	deliveries,
	messagePreferences,
	notifications,
	phoneNumbers,
	users,
	type MessageParams
} from '$db/schema';
import {
	enabledByDefault,
	isReminder,
	type DeliveryKind,
	type MessageChannel,
	type MessageKind
} from '$lib/messages';
import { outsideQuietHours, vietnamDay } from '$lib/vietnam-time';
import { config } from '../config';
import type { Database } from '../db';
import { executorIn, jobQueue, QUEUES } from '../jobs/queue';
import { minorBornAfter } from '../privacy/standing';

/** One message for one person; `key` makes it once per person (README, "Messages"). */
export interface Message {
	userId: string;
	kind: MessageKind;
	/** Unique per person: e.g. `course_assigned:<cohort>:<course>`. */
	key: string;
	params: MessageParams;
	/** A path on this site. */
	link?: string | null;
}

export interface NotifyOptions {
	now?: Date;
	/** The channels beyond the inbox that are configured; by default, from the settings. */
	channels?: readonly MessageChannel[];
}

/** The channels beyond the inbox this installation has: e-mail with SMTP_URL, phone with Zalo ZNS. */
export function configuredChannels(): MessageChannel[] {
	const { mail, zns } = config().messages;
	return [...(mail ? (['email'] as const) : []), ...(zns ? (['phone'] as const) : [])];
}

/**
 * Puts messages in their people's inboxes and, for each channel they allow and can be reached on,
 * in the outbox with its delivery job. Call it inside the transaction of the event that causes the
 * messages: they are written, or rolled back, with it. A message already sent (same person, same
 * key) is not sent again. Reminders go to the inbox here and leave the platform in the day's
 * digest (reminders.ts).
 */
export async function notify(
	tx: Database,
	messages: readonly Message[],
	options: NotifyOptions = {}
): Promise<{ notified: number; queued: number }> {
	if (messages.length === 0) return { notified: 0, queued: 0 };
	const now = options.now ?? new Date();
	const inserted = await tx
		.insert(notifications)
		.values(
			messages.map((m) => ({
				userId: m.userId,
				kind: m.kind,
				key: m.key,
				params: m.params,
				link: m.link ?? null,
				inDigest: isReminder(m.kind),
				createdAt: now
			}))
		)
		.onConflictDoNothing()
		.returning({
			id: notifications.id,
			userId: notifications.userId,
			kind: notifications.kind,
			key: notifications.key
		});
	const direct = inserted.filter((n) => !isReminder(n.kind));
	const channels = options.channels ?? configuredChannels();
	if (direct.length === 0 || channels.length === 0) return { notified: inserted.length, queued: 0 };

	const reach = await reachable(
		tx,
		direct.map((n) => n.userId),
		channels
	);
	const rows = direct.flatMap((n) =>
		channels
			.filter((channel) => reach.allows(n.userId, n.kind, channel))
			.map((channel) => ({
				key: `${n.userId}:${n.key}:${channel}`,
				userId: n.userId,
				channel,
				kind: n.kind,
				notificationId: n.id
			}))
	);
	const queued = await enqueue(tx, rows, now);
	return { notified: inserted.length, queued };
}

/**
 * A message that is not in the inbox: a password reset link by e-mail, a verification code by
 * phone. Asked for by the person at this moment, so not held by quiet hours. Null when the key
 * was queued before.
 */
export async function queueOutboxOnly(
	tx: Database,
	message: {
		userId: string;
		channel: MessageChannel;
		kind: Exclude<DeliveryKind, MessageKind>;
		key: string;
		params: MessageParams;
		now?: Date;
	}
): Promise<string | null> {
	const now = message.now ?? new Date();
	const [row] = await tx
		.insert(deliveries)
		.values({
			key: message.key,
			userId: message.userId,
			channel: message.channel,
			kind: message.kind,
			params: message.params,
			notBefore: now,
			createdAt: now
		})
		.onConflictDoNothing()
		.returning({ id: deliveries.id, notBefore: deliveries.notBefore });
	if (!row) return null;
	await sendJobs(tx, [row]);
	return row.id;
}

/** Outbox rows with their jobs, held until 07:00 when written in quiet hours. */
export async function enqueue(
	tx: Database,
	rows: {
		key: string;
		userId: string;
		channel: MessageChannel;
		kind: DeliveryKind;
		notificationId?: string | null;
		params?: MessageParams | null;
	}[],
	now: Date
): Promise<number> {
	if (rows.length === 0) return 0;
	const notBefore = outsideQuietHours(now, config().messages.quietHours);
	const written = await tx
		.insert(deliveries)
		.values(rows.map((r) => ({ ...r, notBefore, createdAt: now })))
		.onConflictDoNothing()
		.returning({ id: deliveries.id, notBefore: deliveries.notBefore });
	await sendJobs(tx, written);
	return written.length;
}

/**
 * One pg-boss job per outbox row, its id the row's: sending the same row twice adds no second job.
 * In the caller's transaction, so the job exists exactly when the row does.
 */
export async function sendJobs(
	tx: Database,
	rows: { id: string; notBefore: Date }[],
	jobIdOf: (row: { id: string }) => string = (row) => row.id
): Promise<void> {
	if (rows.length === 0) return;
	const { name, retryLimit, retryDelay, retryBackoff, expireInSeconds } = QUEUES.deliver;
	await jobQueue(executorIn(tx)).insert(
		rows.map((row) => ({
			id: jobIdOf(row),
			name,
			data: { deliveryId: row.id },
			startAfter: row.notBefore,
			retryLimit,
			retryDelay,
			retryBackoff,
			expireInSeconds
		})),
		{ db: executorIn(tx) } as never
	);
}

/**
 * Who can be reached on which channel, and what each person allows; people whose processing is
 * restricted, and minors held for a guardian's consent, are reached only with what they ask for
 * themselves (a reset link, a code).
 */
export async function reachable(
	tx: Database,
	userIds: string[],
	channels: readonly MessageChannel[]
): Promise<{ allows(userId: string, kind: DeliveryKind, channel: MessageChannel): boolean }> {
	const ids = [...new Set(userIds)];
	const [people, phones, preferences, restricted] = await Promise.all([
		channels.includes('email')
			? tx
					.select({ id: users.id })
					.from(users)
					.where(and(inArray(users.id, ids), isNotNull(users.email)))
			: [],
		channels.includes('phone')
			? tx
					.select({ id: phoneNumbers.userId })
					.from(phoneNumbers)
					.where(
						and(
							inArray(phoneNumbers.userId, ids),
							isNotNull(phoneNumbers.verifiedAt),
							isNotNull(phoneNumbers.consentAt)
						)
					)
			: [],
		tx
			.select({
				userId: messagePreferences.userId,
				kind: messagePreferences.kind,
				channel: messagePreferences.channel,
				enabled: messagePreferences.enabled
			})
			.from(messagePreferences)
			.where(inArray(messagePreferences.userId, ids)),
		tx
			.select({ id: users.id })
			.from(users)
			.where(
				and(
					inArray(users.id, ids),
					or(
						isNotNull(users.restrictedAt),
						// A minor whose guardian has not consented (privacy/standing.ts): held, not contacted.
						and(
							gt(
								users.dateOfBirth,
								minorBornAfter(vietnamDay(new Date()), config().privacy.minorAge)
							),
							isNull(users.guardianConsentAt)
						)
					)
				)
			)
	]);
	const withEmail = new Set(people.map((p) => p.id));
	const withPhone = new Set(phones.map((p) => p.id));
	const chosen = new Map(preferences.map((p) => [`${p.userId}:${p.kind}:${p.channel}`, p.enabled]));
	const restrictedIds = new Set(restricted.map((p) => p.id));
	return {
		allows(userId, kind, channel) {
			if (!channels.includes(channel)) return false;
			if (channel === 'email' && !withEmail.has(userId)) return false;
			if (channel === 'phone' && !withPhone.has(userId)) return false;
			// What the person asked for (a reset, a code) is always sent.
			if (kind === 'password_reset' || kind === 'phone_code') return true;
			// Processing restricted at their request (privacy/requests.ts), or a minor still waiting for
			// a guardian's consent: their contact details are not used, so nothing else leaves the
			// platform for them; the inbox still keeps it.
			if (restrictedIds.has(userId)) return false;
			// The digest carries reminders: each reminder kind's choice is applied when it is built.
			if (kind === 'digest') return true;
			return chosen.get(`${userId}:${kind}:${channel}`) ?? enabledByDefault(kind, channel);
		}
	};
}

/** Whether the person behind a delivery still allows it, read again when it is sent. */
export async function stillAllowed(
	db: Database,
	delivery: { userId: string; kind: string; channel: MessageChannel }
): Promise<boolean> {
	const reach = await reachable(db, [delivery.userId], [delivery.channel]);
	return reach.allows(delivery.userId, delivery.kind as DeliveryKind, delivery.channel);
}
