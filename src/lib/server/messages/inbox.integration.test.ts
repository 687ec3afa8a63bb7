import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { notifications } from '$db/schema';
import { createTestDatabase, testEngines } from '../db/test-helpers';
import type { DatabaseHandle } from '../db';
import { makeUser } from '$testing/factories';
import { INBOX_PAGE_SIZE, listInbox, markAllRead, markRead, unreadCount } from './inbox';
import { notify } from './outbox';

describe.each(testEngines)('the inbox on %s', (engine) => {
	let handle: DatabaseHandle;
	beforeAll(async () => {
		handle = await createTestDatabase(engine);
	});
	afterAll(() => handle?.close());

	async function messagesFor(userId: string, n: number, start = Date.UTC(2026, 11, 1)) {
		for (let i = 0; i < n; i++) {
			await notify(
				handle.db,
				[
					{
						userId,
						kind: 'course_assigned',
						key: `course_assigned:test:${i}`,
						params: { course: `Khóa ${i}`, slug: `khoa-${i}` },
						link: `/courses/khoa-${i}`
					}
				],
				{ now: new Date(start + i * 60_000), channels: [] }
			);
		}
	}

	it('counts unread messages, lists them newest first a page at a time, and marks them read', async () => {
		const { db } = handle;
		const lan = await makeUser(db);
		const binh = await makeUser(db);
		await messagesFor(lan.id, INBOX_PAGE_SIZE + 2);
		await messagesFor(binh.id, 1);

		expect(await unreadCount(db, lan.id)).toBe(INBOX_PAGE_SIZE + 2);
		expect(await unreadCount(db, binh.id)).toBe(1);

		const first = await listInbox(db, lan.id, { page: 1 });
		expect(first.total).toBe(INBOX_PAGE_SIZE + 2);
		expect(first.pages).toBe(2);
		expect(first.rows).toHaveLength(INBOX_PAGE_SIZE);
		expect(first.rows[0].params.course).toBe(`Khóa ${INBOX_PAGE_SIZE + 1}`);
		const second = await listInbox(db, lan.id, { page: 2 });
		expect(second.rows.map((r) => r.params.course)).toEqual(['Khóa 1', 'Khóa 0']);
		// A page past the end shows the last one.
		expect((await listInbox(db, lan.id, { page: 99 })).page).toBe(2);

		const opened = await markRead(db, lan.id, first.rows[0].id);
		expect(opened).toMatchObject({
			link: `/courses/khoa-${INBOX_PAGE_SIZE + 1}`,
			kind: 'course_assigned'
		});
		expect(await unreadCount(db, lan.id)).toBe(INBOX_PAGE_SIZE + 1);
		// Marking again keeps the first reading time and still leads to the link.
		const [before] = await db
			.select({ readAt: notifications.readAt })
			.from(notifications)
			.where(eq(notifications.id, first.rows[0].id));
		expect(await markRead(db, lan.id, first.rows[0].id, new Date(2030, 0, 1))).toEqual(opened);
		const [after] = await db
			.select({ readAt: notifications.readAt })
			.from(notifications)
			.where(eq(notifications.id, first.rows[0].id));
		expect(after.readAt).toEqual(before.readAt);

		expect(await markAllRead(db, lan.id)).toBe(INBOX_PAGE_SIZE + 1);
		expect(await unreadCount(db, lan.id)).toBe(0);
		expect(await markAllRead(db, lan.id)).toBe(0);
		// Bình's message is untouched by Lan's "mark all".
		expect(await unreadCount(db, binh.id)).toBe(1);
	});

	it("cannot mark or reveal another person's message", async () => {
		const { db } = handle;
		const an = await makeUser(db);
		const chi = await makeUser(db);
		await messagesFor(chi.id, 1);
		const [message] = (await listInbox(db, chi.id)).rows;

		expect(await markRead(db, an.id, message.id)).toBeNull();
		expect(await unreadCount(db, chi.id)).toBe(1);
		expect(await markRead(db, an.id, 'not-an-id')).toBeNull();
		expect(await markRead(db, an.id, '00000000-0000-4000-8000-000000000000')).toBeNull();
		expect((await listInbox(db, an.id)).rows).toEqual([]);
	});
});
