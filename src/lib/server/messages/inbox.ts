import { and, count, desc, eq, isNull } from 'drizzle-orm';
import { notifications, type MessageKind, type MessageParams } from '$db/schema';
import type { Database } from '../db';

export const INBOX_PAGE_SIZE = 20;

/**
 * How many of a person's messages are unread: on every page (the bell), so one count over the
 * partial index of unread rows (notifications_unread_idx), nothing else.
 */
export async function unreadCount(db: Database, userId: string): Promise<number> {
	const [row] = await db
		.select({ n: count() })
		.from(notifications)
		.where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
	return row?.n ?? 0;
}

/** A person's messages, newest first, a page at a time. */
export async function listInbox(db: Database, userId: string, options: { page?: number } = {}) {
	const [{ total }] = await db
		.select({ total: count() })
		.from(notifications)
		.where(eq(notifications.userId, userId));
	const pages = Math.max(1, Math.ceil(total / INBOX_PAGE_SIZE));
	const page = Math.min(Math.max(1, Math.trunc(options.page ?? 1) || 1), pages);
	const rows = await db
		.select({
			id: notifications.id,
			kind: notifications.kind,
			params: notifications.params,
			link: notifications.link,
			createdAt: notifications.createdAt,
			readAt: notifications.readAt
		})
		.from(notifications)
		.where(eq(notifications.userId, userId))
		.orderBy(desc(notifications.createdAt), desc(notifications.id))
		.limit(INBOX_PAGE_SIZE)
		.offset((page - 1) * INBOX_PAGE_SIZE);
	return { rows, total, page, pages };
}

/** The one access rule: a person reads and marks only their own messages. */
const own = (userId: string, id: string) =>
	and(eq(notifications.id, id), eq(notifications.userId, userId));

/**
 * Marks one of the person's own messages read and returns where it leads; null when it is not
 * theirs (or gone), so another person's message is neither marked nor revealed.
 */
export async function markRead(
	db: Database,
	userId: string,
	id: string,
	now = new Date()
): Promise<{ link: string | null; kind: MessageKind; params: MessageParams } | null> {
	if (!UUID.test(id)) return null;
	await db
		.update(notifications)
		.set({ readAt: now })
		.where(and(own(userId, id), isNull(notifications.readAt)));
	const [row] = await db
		.select({ link: notifications.link, kind: notifications.kind, params: notifications.params })
		.from(notifications)
		.where(own(userId, id));
	return row ?? null;
}

/** Marks all of the person's unread messages read; returns how many were. */
export async function markAllRead(db: Database, userId: string, now = new Date()): Promise<number> {
	const rows = await db
		.update(notifications)
		.set({ readAt: now })
		.where(and(eq(notifications.userId, userId), isNull(notifications.readAt)))
		.returning({ id: notifications.id });
	return rows.length;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
