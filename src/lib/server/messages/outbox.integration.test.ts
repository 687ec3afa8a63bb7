import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { deliveries, messagePreferences, notifications } from '$db/schema';
import { createTestDatabase, testEngines } from '../db/test-helpers';
import type { DatabaseHandle } from '../db';
import { makeUser } from '$testing/factories';
import { notify, queueOutboxOnly } from './outbox';

const channels = ['email'] as const;
// 09:00 in Vietnam (02:00 UTC) and 22:00 there (15:00 UTC).
const morning = new Date('2026-12-03T02:00:00Z');
const night = new Date('2026-12-03T15:00:00Z');

async function jobsOf(handle: DatabaseHandle, ids: string[]) {
	const result = (await handle.db.execute(
		sql`select id::text, start_after from pgboss.job where name = 'deliver'`
	)) as unknown;
	const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as {
		id: string;
		start_after: Date | string;
	}[];
	return rows.filter((r) => ids.includes(r.id));
}

describe.each(testEngines)('the outbox on %s', (engine) => {
	let handle: DatabaseHandle;
	beforeAll(async () => {
		handle = await createTestDatabase(engine);
	});
	afterAll(() => handle?.close());

	it('writes inbox, outbox and job in the event transaction, and rolls them back with it', async () => {
		const { db } = handle;
		const lan = await makeUser(db, { identifier: 'lan@example.vn' });
		await expect(
			db.transaction(async (tx) => {
				await notify(
					tx,
					[{ userId: lan.id, kind: 'certificate_issued', key: 'certificate_issued:x', params: {} }],
					{ now: morning, channels }
				);
				throw new Error('the event failed');
			})
		).rejects.toThrow('the event failed');
		expect(await db.select().from(notifications).where(eq(notifications.userId, lan.id))).toEqual(
			[]
		);
		expect(await db.select().from(deliveries).where(eq(deliveries.userId, lan.id))).toEqual([]);

		const outcome = await db.transaction((tx) =>
			notify(
				tx,
				[{ userId: lan.id, kind: 'certificate_issued', key: 'certificate_issued:x', params: {} }],
				{ now: morning, channels }
			)
		);
		expect(outcome).toEqual({ notified: 1, queued: 1 });
		const [row] = await db.select().from(deliveries).where(eq(deliveries.userId, lan.id));
		expect(row).toMatchObject({ channel: 'email', status: 'queued', kind: 'certificate_issued' });
		expect(row.notBefore).toEqual(morning);
		expect(await jobsOf(handle, [row.id])).toHaveLength(1);
	});

	it('sends a message once per person and key, however often the event repeats', async () => {
		const { db } = handle;
		const minh = await makeUser(db, { identifier: 'minh@example.vn' });
		const message = {
			userId: minh.id,
			kind: 'course_assigned' as const,
			key: 'course_assigned:c:k',
			params: { course: 'SXSH' }
		};
		await db.transaction((tx) => notify(tx, [message], { now: morning, channels }));
		const again = await db.transaction((tx) => notify(tx, [message], { now: morning, channels }));
		expect(again).toEqual({ notified: 0, queued: 0 });
		expect(
			await db.select().from(notifications).where(eq(notifications.userId, minh.id))
		).toHaveLength(1);
		expect(await db.select().from(deliveries).where(eq(deliveries.userId, minh.id))).toHaveLength(
			1
		);
	});

	it('holds what is written in quiet hours until 07:00 in Vietnam, job included', async () => {
		const { db } = handle;
		const hoa = await makeUser(db, { identifier: 'hoa@example.vn' });
		await db.transaction((tx) =>
			notify(tx, [{ userId: hoa.id, kind: 'graded', key: 'graded:1', params: {} }], {
				now: night,
				channels
			})
		);
		const [row] = await db.select().from(deliveries).where(eq(deliveries.userId, hoa.id));
		expect(row.notBefore.toISOString()).toBe('2026-12-04T00:00:00.000Z');
		const [job] = await jobsOf(handle, [row.id]);
		expect(new Date(job.start_after).toISOString()).toBe('2026-12-04T00:00:00.000Z');
	});

	it('follows preferences and reachability: inbox always, e-mail only with an address and unless turned off', async () => {
		const { db } = handle;
		const withEmail = await makeUser(db, { identifier: 'thu@example.vn' });
		const noEmail = await makeUser(db, { identifier: 'hs-truong-an' });
		const optedOut = await makeUser(db, { identifier: 'binh@example.vn' });
		await db
			.insert(messagePreferences)
			.values({ userId: optedOut.id, kind: 'announcement', channel: 'email', enabled: false });
		const outcome = await db.transaction((tx) =>
			notify(
				tx,
				[withEmail, noEmail, optedOut].map((u) => ({
					userId: u.id,
					kind: 'announcement' as const,
					key: 'announcement:a1',
					params: { subject: 'Họp lớp' }
				})),
				{ now: morning, channels: ['email', 'phone'] }
			)
		);
		expect(outcome).toEqual({ notified: 3, queued: 1 });
		const rows = await db.select().from(deliveries).where(eq(deliveries.kind, 'announcement'));
		expect(rows.map((r) => [r.userId, r.channel])).toEqual([[withEmail.id, 'email']]);
	});

	it('keeps reminders out of the outbox: they leave in the day digest', async () => {
		const { db } = handle;
		const an = await makeUser(db, { identifier: 'an@example.vn' });
		const outcome = await db.transaction((tx) =>
			notify(tx, [{ userId: an.id, kind: 'course_due', key: 'course_due:7:c:k', params: {} }], {
				now: morning,
				channels
			})
		);
		expect(outcome).toEqual({ notified: 1, queued: 0 });
		const [inbox] = await db.select().from(notifications).where(eq(notifications.userId, an.id));
		expect(inbox.inDigest).toBe(true);
	});

	it('queues what a person asks for now (a reset link) once per key, not held by quiet hours', async () => {
		const { db } = handle;
		const vy = await makeUser(db, { identifier: 'vy@example.vn' });
		const id = await db.transaction((tx) =>
			queueOutboxOnly(tx, {
				userId: vy.id,
				channel: 'email',
				kind: 'password_reset',
				key: 'password_reset:abc',
				params: { token: 'abc' },
				now: night
			})
		);
		expect(id).toBeTruthy();
		const twice = await db.transaction((tx) =>
			queueOutboxOnly(tx, {
				userId: vy.id,
				channel: 'email',
				kind: 'password_reset',
				key: 'password_reset:abc',
				params: { token: 'abc' },
				now: night
			})
		);
		expect(twice).toBeNull();
		const [row] = await db.select().from(deliveries).where(eq(deliveries.userId, vy.id));
		expect(row.notBefore).toEqual(night);
	});
});
