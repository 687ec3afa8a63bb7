import { and, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliveries, messagePreferences, users } from '$db/schema';
import { createTestDatabase, testEngines } from '../db/test-helpers';
import type { DatabaseHandle } from '../db';
import { makeUser } from '$testing/factories';
import { notify, sendJobs } from './outbox';
import { sweepReminders } from './reminders';
import { PermanentFailure, type EmailTransport, type OutgoingEmail } from './transports';
import { deliverOne, DeliveryBusy, MAX_ATTEMPTS, requeueLost, startMessageWorker } from './worker';

const ORIGIN = 'https://sachhon.example.vn';
// 10:00 in Vietnam.
const MORNING = new Date('2026-12-03T03:00:00Z');

function collecting(
	options: { delayMs?: number; fail?: (mail: OutgoingEmail) => Error | null } = {}
) {
	const sent: OutgoingEmail[] = [];
	const transport: EmailTransport = {
		async send(mail) {
			if (options.delayMs)
				await new Promise((r) => setTimeout(r, Math.random() * options.delayMs!));
			const failure = options.fail?.(mail);
			if (failure) throw failure;
			sent.push(mail);
			return { providerId: mail.messageId };
		}
	};
	return { sent, transport };
}

describe.each(testEngines)('the delivery worker on %s', (engine) => {
	let handle: DatabaseHandle;
	beforeAll(async () => {
		handle = await createTestDatabase(engine);
	});
	afterAll(() => handle?.close());

	async function queueFor(count: number, prefix: string) {
		const people: { id: string }[] = [];
		for (let i = 0; i < count; i++)
			people.push(await makeUser(handle.db, { identifier: `${prefix}${i}@example.vn` }));
		await handle.db.transaction((tx) =>
			notify(
				tx,
				people.map((p) => ({
					userId: p.id,
					kind: 'certificate_issued' as const,
					key: `certificate_issued:${prefix}`,
					params: { course: 'Sản xuất sạch hơn', code: 'ABC123' },
					link: '/certificates/ABC123'
				})),
				// A morning already past: the jobs are due now, whatever the hour the suite runs at.
				{ now: MORNING, channels: ['email'] }
			)
		);
		return handle.db
			.select()
			.from(deliveries)
			.where(
				inArray(
					deliveries.userId,
					people.map((p) => p.id)
				)
			);
	}

	it('delivers every message once with two workers competing, even a row holding two jobs', async () => {
		const rows = await queueFor(24, 'hai-worker-');
		// A second job for a third of the rows: a resend racing the first, a job restored twice.
		await handle.db.transaction((tx) => sendJobs(tx, rows.slice(0, 8), () => crypto.randomUUID()));
		const { sent, transport } = collecting({ delayMs: 30 });
		const workers = await Promise.all(
			[1, 2].map(() =>
				startMessageWorker(handle, {
					transports: { email: transport },
					origin: ORIGIN,
					pollingIntervalSeconds: 0.5
				})
			)
		);
		try {
			for (let i = 0; i < 200; i++) {
				const [{ left }] = await handle.db
					.select({ left: sql<number>`count(*)::int` })
					.from(deliveries)
					.where(
						inArray(
							deliveries.id,
							rows.map((r) => r.id)
						)
					)
					.groupBy(deliveries.status)
					.having(sql`${deliveries.status} <> 'sent'`)
					.then((r) => (r.length ? r : [{ left: 0 }]));
				if (left === 0) break;
				await new Promise((r) => setTimeout(r, 150));
			}
		} finally {
			await Promise.all(workers.map((w) => w.stop()));
		}
		expect(sent).toHaveLength(24);
		expect(new Set(sent.map((m) => m.to)).size).toBe(24);
		const after = await handle.db
			.select()
			.from(deliveries)
			.where(
				inArray(
					deliveries.id,
					rows.map((r) => r.id)
				)
			);
		expect(after.every((r) => r.status === 'sent' && r.attempts === 1)).toBe(true);
		// The Message-ID comes from the row: a retried send would carry the same one.
		expect(sent.map((m) => m.messageId).sort()).toEqual(
			after.map((r) => `<${r.id}@sachhon.example.vn>`).sort()
		);
	}, 60_000);

	it('puts a failed send back for the queue to retry, then records the last failure with its reason', async () => {
		const [row] = await queueFor(1, 'retry-');
		const { transport } = collecting({ fail: () => new Error('421 try again later') });
		const context = { db: handle.db, transports: { email: transport }, origin: ORIGIN };
		for (let attempt = 1; attempt < MAX_ATTEMPTS; attempt++) {
			await expect(deliverOne(context, row.id)).rejects.toThrow('421 try again later');
			const [queued] = await handle.db.select().from(deliveries).where(eq(deliveries.id, row.id));
			expect(queued).toMatchObject({ status: 'queued', attempts: attempt, lockedUntil: null });
		}
		expect(await deliverOne(context, row.id)).toBe('failed');
		const [failed] = await handle.db.select().from(deliveries).where(eq(deliveries.id, row.id));
		expect(failed).toMatchObject({
			status: 'failed',
			attempts: MAX_ATTEMPTS,
			lastError: '421 try again later'
		});
		// The queue retries with backoff: 1, 2, 4, 8, 16 minutes.
		const result = (await handle.db.execute(
			sql`select retry_limit, retry_delay, retry_backoff from pgboss.job where id = ${row.id}`
		)) as unknown;
		const [job] = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as {
			retry_limit: number;
			retry_delay: number;
			retry_backoff: boolean;
		}[];
		expect(job).toEqual({ retry_limit: MAX_ATTEMPTS - 1, retry_delay: 60, retry_backoff: true });
	});

	it('records a failure no retry can mend at once', async () => {
		const [row] = await queueFor(1, 'permanent-');
		const { transport } = collecting({
			fail: () => new PermanentFailure('550 no such mailbox')
		});
		const context = { db: handle.db, transports: { email: transport }, origin: ORIGIN };
		expect(await deliverOne(context, row.id)).toBe('failed');
		const [failed] = await handle.db.select().from(deliveries).where(eq(deliveries.id, row.id));
		expect(failed).toMatchObject({
			status: 'failed',
			attempts: 1,
			lastError: '550 no such mailbox'
		});
	});

	it('leaves a row being sent to its worker, and takes it over once that claim lapses', async () => {
		const [row] = await queueFor(1, 'crash-');
		// A worker claimed it and died mid-send.
		await handle.db
			.update(deliveries)
			.set({ status: 'sending', attempts: 1, lockedUntil: new Date(MORNING.getTime() + 120_000) })
			.where(eq(deliveries.id, row.id));
		const { sent, transport } = collecting();
		const context = (now: Date) => ({
			db: handle.db,
			transports: { email: transport },
			origin: ORIGIN,
			now: () => now
		});
		await expect(deliverOne(context(MORNING), row.id)).rejects.toBeInstanceOf(DeliveryBusy);
		expect(sent).toHaveLength(0);
		expect(await deliverOne(context(new Date(MORNING.getTime() + 180_000)), row.id)).toBe('sent');
		expect(await deliverOne(context(new Date(MORNING.getTime() + 240_000)), row.id)).toBe('done');
		expect(sent).toHaveLength(1);
	});

	it('skips, with the reason, a message the person turned off after it was queued', async () => {
		const [row] = await queueFor(1, 'changed-mind-');
		await handle.db.insert(messagePreferences).values({
			userId: row.userId,
			kind: 'certificate_issued',
			channel: 'email',
			enabled: false
		});
		const { sent, transport } = collecting();
		const context = { db: handle.db, transports: { email: transport }, origin: ORIGIN };
		expect(await deliverOne(context, row.id)).toBe('skipped');
		expect(sent).toHaveLength(0);
		const [skipped] = await handle.db.select().from(deliveries).where(eq(deliveries.id, row.id));
		expect(skipped).toMatchObject({ status: 'skipped', lastError: 'turned off by the person' });
	});

	it('queues again a row whose job was lost, and only such a row', async () => {
		const rows = await queueFor(2, 'lost-');
		await handle.db.execute(sql`delete from pgboss.job where id = ${rows[0].id}`);
		const later = new Date(Date.now() + 60 * 60 * 1000);
		expect(await requeueLost(handle.db, later)).toBe(1);
		expect(await requeueLost(handle.db, later)).toBe(0);
	});

	it('sends a day digest that carries each reminder since the last one, in the reader language', async () => {
		const reader = await makeUser(handle.db, { identifier: 'digest-reader@example.vn' });
		await handle.db.update(users).set({ language: 'en' }).where(eq(users.id, reader.id));
		await handle.db.transaction((tx) =>
			notify(
				tx,
				[
					{
						userId: reader.id,
						kind: 'course_due',
						key: 'course_due:7:a',
						params: {
							course: 'Nước thải',
							courseEn: 'Waste water',
							slug: 'nuoc-thai',
							dueOn: '2026-12-08',
							daysLeft: 5
						},
						link: '/courses/nuoc-thai'
					},
					{
						userId: reader.id,
						kind: 'certificate_expiring',
						key: 'certificate_expiring:30:b',
						params: {
							course: 'Năng lượng',
							courseEn: 'Energy',
							code: 'XYZ',
							slug: 'nang-luong',
							expiresOn: '2027-01-01',
							daysLeft: 29
						},
						link: '/courses/nang-luong'
					}
				],
				{ now: MORNING, channels: ['email'] }
			)
		);
		const made = await sweepReminders(handle.db, { now: MORNING, channels: ['email'] });
		expect(made.digests).toBeGreaterThanOrEqual(1);
		const [digest] = await handle.db
			.select()
			.from(deliveries)
			.where(and(eq(deliveries.userId, reader.id), eq(deliveries.kind, 'digest')));
		const { sent, transport } = collecting();
		const context = { db: handle.db, transports: { email: transport }, origin: ORIGIN };
		expect(await deliverOne(context, digest.id)).toBe('sent');
		expect(sent).toHaveLength(1);
		expect(sent[0].language).toBe('en');
		expect(sent[0].text).toContain('Waste water');
		expect(sent[0].text).toContain('Energy');
		expect(sent[0].text).not.toContain('Nước thải');
		expect(sent[0].headers['List-Unsubscribe']).toMatch(
			/^<https:\/\/sachhon\.example\.vn\/en\/unsubscribe\//
		);
	});
});
