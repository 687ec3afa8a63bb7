import { randomUUID } from 'node:crypto';
import { and, count, desc, eq, inArray, ne, type SQL } from 'drizzle-orm';
import { deliveries, users } from '$db/schema';
import { deliveryStatuses, type DeliveryStatus, type MessageChannel } from '$lib/messages';
import { recordAudit } from '../audit';
import type { Database } from '../db';
import { sendJobs } from './outbox';

export const DELIVERY_PAGE_SIZE = 50;

/** Rows an administrator may send again: done with, one way or the other. */
export const resendableStatuses: readonly DeliveryStatus[] = ['failed', 'skipped', 'sent'];

/**
 * A reset link or a verification code is asked for again by the person: a resent one would carry
 * a link already used or wiped (worker.ts clears it once sent).
 */
const notResendable = ['password_reset', 'phone_code'];

export function canResend(row: { status: DeliveryStatus; kind: string }): boolean {
	return resendableStatuses.includes(row.status) && !notResendable.includes(row.kind);
}

export interface DeliveryFilter {
	status?: DeliveryStatus | '';
	channel?: MessageChannel | '';
	page?: number;
}

/**
 * The delivery log for administrators, newest first, with the recipient's name (shown to the
 * administrator, never written to the server log) and how many rows are in each status.
 */
export async function listDeliveries(db: Database, filter: DeliveryFilter = {}) {
	const where: SQL[] = [];
	if (filter.status) where.push(eq(deliveries.status, filter.status));
	if (filter.channel) where.push(eq(deliveries.channel, filter.channel));
	const condition = where.length ? and(...where) : undefined;

	const [[{ total }], byStatus] = await Promise.all([
		db.select({ total: count() }).from(deliveries).where(condition),
		db
			.select({ status: deliveries.status, n: count() })
			.from(deliveries)
			.where(filter.channel ? eq(deliveries.channel, filter.channel) : undefined)
			.groupBy(deliveries.status)
	]);
	const pages = Math.max(1, Math.ceil(total / DELIVERY_PAGE_SIZE));
	const page = Math.min(Math.max(1, Math.trunc(filter.page ?? 1) || 1), pages);
	const rows = await db
		.select({
			id: deliveries.id,
			createdAt: deliveries.createdAt,
			sentAt: deliveries.sentAt,
			kind: deliveries.kind,
			channel: deliveries.channel,
			status: deliveries.status,
			attempts: deliveries.attempts,
			lastError: deliveries.lastError,
			userId: deliveries.userId,
			recipient: users.fullName
		})
		.from(deliveries)
		.innerJoin(users, eq(deliveries.userId, users.id))
		.where(condition)
		.orderBy(desc(deliveries.createdAt), desc(deliveries.id))
		.limit(DELIVERY_PAGE_SIZE)
		.offset((page - 1) * DELIVERY_PAGE_SIZE);
	const counts = Object.fromEntries(deliveryStatuses.map((s) => [s, 0])) as Record<
		DeliveryStatus,
		number
	>;
	for (const row of byStatus) counts[row.status] = row.n;
	return { rows, total, page, pages, counts };
}

/**
 * Sends a delivery again: back in the queue from scratch (no attempts, no error, not held) with a
 * new job, in one transaction with its audit entry. False when the row is not one to resend.
 */
export async function resendDelivery(
	db: Database,
	id: string,
	actorId: string,
	now = new Date()
): Promise<boolean> {
	if (!/^[0-9a-f-]{36}$/i.test(id)) return false;
	return db.transaction(async (tx) => {
		const [row] = await tx
			.update(deliveries)
			.set({
				status: 'queued',
				attempts: 0,
				lastError: null,
				lockedUntil: null,
				notBefore: now
			})
			.where(
				and(
					eq(deliveries.id, id),
					inArray(deliveries.status, [...resendableStatuses]),
					// Not a reset link or a code (see notResendable).
					...notResendable.map((kind) => ne(deliveries.kind, kind))
				)
			)
			.returning({
				id: deliveries.id,
				notBefore: deliveries.notBefore,
				userId: deliveries.userId,
				kind: deliveries.kind,
				channel: deliveries.channel
			});
		if (!row) return false;
		// A new job id: the row's first job may still be kept by the queue, done or failed.
		await sendJobs(tx, [row], () => randomUUID());
		await recordAudit(tx, {
			actorId,
			action: 'delivery.resent',
			subjectId: row.userId,
			details: { deliveryId: row.id, kind: row.kind, channel: row.channel }
		});
		return true;
	});
}
