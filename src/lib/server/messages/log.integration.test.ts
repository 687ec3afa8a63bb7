import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { auditEvents, deliveries } from '$db/schema';
import { createTestDatabase, testEngines } from '../db/test-helpers';
import type { DatabaseHandle } from '../db';
import { makeUser } from '$testing/factories';
import { canResend, listDeliveries, resendDelivery } from './log';
import { notify, queueOutboxOnly } from './outbox';

const morning = new Date('2026-12-03T02:00:00Z');

async function jobCount(handle: DatabaseHandle, deliveryId: string): Promise<number> {
	const result = (await handle.db.execute(
		sql`select count(*)::int as n from pgboss.job where name = 'deliver' and data->>'deliveryId' = ${deliveryId}`
	)) as unknown;
	const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as {
		n: number;
	}[];
	return Number(rows[0].n);
}

describe.each(testEngines)('the delivery log on %s', (engine) => {
	let handle: DatabaseHandle;
	beforeAll(async () => {
		handle = await createTestDatabase(engine);
	});
	afterAll(() => handle?.close());

	it('lists deliveries newest first with counts per status, filtered by status and channel', async () => {
		const { db } = handle;
		const lan = await makeUser(db, { identifier: 'lan.log@example.vn', fullName: 'Lê Thị Lan' });
		for (let i = 0; i < 3; i++) {
			await notify(
				db,
				[{ userId: lan.id, kind: 'graded', key: `graded:log:${i}`, params: { course: 'X' } }],
				{ now: new Date(morning.getTime() + i * 1000), channels: ['email'] }
			);
		}
		const all = await listDeliveries(db);
		expect(all.total).toBe(3);
		expect(all.rows[0].recipient).toBe('Lê Thị Lan');
		expect(all.rows.map((r) => r.createdAt.getTime())).toEqual(
			[...all.rows.map((r) => r.createdAt.getTime())].sort((a, b) => b - a)
		);
		await db
			.update(deliveries)
			.set({ status: 'failed', attempts: 4, lastError: 'SMTP 550 mailbox unavailable' })
			.where(eq(deliveries.id, all.rows[0].id));

		const failed = await listDeliveries(db, { status: 'failed' });
		expect(failed.rows.map((r) => r.id)).toEqual([all.rows[0].id]);
		expect(failed.rows[0].lastError).toBe('SMTP 550 mailbox unavailable');
		expect(failed.counts).toMatchObject({ queued: 2, failed: 1, sent: 0 });
		expect((await listDeliveries(db, { channel: 'phone' })).total).toBe(0);
	});

	it('resends a failed delivery from scratch with a new job, audited, in one transaction', async () => {
		const { db } = handle;
		const admin = await makeUser(db, { isAdmin: true });
		const [row] = (await listDeliveries(db, { status: 'failed' })).rows;
		expect(canResend(row)).toBe(true);
		const jobsBefore = await jobCount(handle, row.id);

		const at = new Date('2026-12-03T03:00:00Z');
		expect(await resendDelivery(db, row.id, admin.id, at)).toBe(true);
		const [after] = await db.select().from(deliveries).where(eq(deliveries.id, row.id));
		expect(after).toMatchObject({
			status: 'queued',
			attempts: 0,
			lastError: null,
			lockedUntil: null,
			notBefore: at
		});
		expect(await jobCount(handle, row.id)).toBe(jobsBefore + 1);
		const audit = await db
			.select()
			.from(auditEvents)
			.where(eq(auditEvents.action, 'delivery.resent'));
		expect(audit).toHaveLength(1);
		expect(audit[0]).toMatchObject({ actorId: admin.id, subjectId: row.userId });
		expect(audit[0].details).toMatchObject({
			deliveryId: row.id,
			kind: 'graded',
			channel: 'email'
		});

		// Queued now: not resent twice.
		expect(await resendDelivery(db, row.id, admin.id)).toBe(false);
		expect(await resendDelivery(db, 'not-an-id', admin.id)).toBe(false);
	});

	it('does not resend a password reset link or a phone code', async () => {
		const { db } = handle;
		const admin = await makeUser(db, { isAdmin: true });
		const binh = await makeUser(db, { identifier: 'binh.log@example.vn' });
		const id = await queueOutboxOnly(db, {
			userId: binh.id,
			channel: 'email',
			kind: 'password_reset',
			key: 'password_reset:log',
			params: { token: 't' }
		});
		await db.update(deliveries).set({ status: 'sent' }).where(eq(deliveries.id, id!));
		expect(canResend({ status: 'sent', kind: 'password_reset' })).toBe(false);
		expect(await resendDelivery(db, id!, admin.id)).toBe(false);
		const [row] = await db.select().from(deliveries).where(eq(deliveries.id, id!));
		expect(row.status).toBe('sent');
	});
});
