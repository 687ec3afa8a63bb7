import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { auditEvents, deliveries, passwordResets, throttleWindows } from '$db/schema';
import { createTestDatabase, testEngines } from '../db/test-helpers';
import type { Database, DatabaseHandle } from '../db';
import { queryRows } from '../db/rows';
import { makeUser } from '$testing/factories';
import { throttlePolicies } from '../throttle/throttle';
import { requestPasswordReset } from './reset-request';
import { completePasswordReset, findValidReset } from './reset';
import { sessionIdFromToken } from './session';

// The outbox, with a switch that makes the next queued e-mail fail (a database error midway).
const failing = vi.hoisted(() => ({ next: false }));
vi.mock('../messages/outbox', async (importOriginal) => {
	const actual = await importOriginal<typeof import('../messages/outbox')>();
	return {
		...actual,
		queueOutboxOnly: async (...args: Parameters<typeof actual.queueOutboxOnly>) => {
			if (failing.next) {
				failing.next = false;
				throw new Error('the outbox failed');
			}
			return actual.queueOutboxOnly(...args);
		}
	};
});

const PER_EMAIL = throttlePolicies['reset-request-email'].limit;
const PER_ADDRESS = throttlePolicies['reset-request-address'].limit;
const now = new Date('2026-12-03T02:00:00Z');

describe.each(testEngines)('password reset by e-mail on %s', (engine) => {
	let handle: DatabaseHandle;
	let db: Database;
	beforeAll(async () => {
		handle = await createTestDatabase(engine);
		db = handle.db;
	});
	afterAll(() => handle?.close());

	const resetsOf = (userId: string) =>
		db.select().from(passwordResets).where(eq(passwordResets.userId, userId));
	const mailsOf = (userId: string) =>
		db
			.select()
			.from(deliveries)
			.where(and(eq(deliveries.userId, userId), eq(deliveries.kind, 'password_reset')));

	it('issues a token and queues its e-mail with its job, the token in the e-mail working', async () => {
		const lan = await makeUser(db, { identifier: 'lan@example.vn' });
		expect(await requestPasswordReset(db, '  Lan@Example.VN ', '10.0.0.1', now)).toEqual({
			ok: true
		});
		const [reset] = await resetsOf(lan.id);
		expect(reset).toMatchObject({ createdBy: null, usedAt: null });
		const [mail] = await mailsOf(lan.id);
		expect(mail).toMatchObject({
			key: `password_reset:${reset.id}`,
			channel: 'email',
			status: 'queued',
			notBefore: now
		});
		const token = String(mail.params?.token);
		expect(sessionIdFromToken(token)).toBe(reset.id);
		const jobs = await queryRows<{ id: string }>(
			db,
			sql`select id::text from pgboss.job where name = 'deliver' and data->>'deliveryId' = ${mail.id}`
		);
		expect(jobs).toHaveLength(1);
		const audited = await db
			.select()
			.from(auditEvents)
			.where(
				and(eq(auditEvents.subjectId, lan.id), eq(auditEvents.action, 'password_reset.issued'))
			);
		expect(audited).toHaveLength(1);
		expect(audited[0].actorId).toBeNull();

		expect((await findValidReset(db, token, now))?.id).toBe(lan.id);
		expect(await completePasswordReset(db, token, 'mật khẩu mới qua thư', now)).toEqual({
			ok: true,
			userId: lan.id
		});
	});

	it('answers the same for an address no account has, and writes nothing', async () => {
		const before = await db.select({ id: passwordResets.id }).from(passwordResets);
		const mailsBefore = await db.select({ id: deliveries.id }).from(deliveries);
		expect(await requestPasswordReset(db, 'nobody@example.vn', '10.0.0.2', now)).toEqual({
			ok: true
		});
		expect(await db.select({ id: passwordResets.id }).from(passwordResets)).toHaveLength(
			before.length
		);
		expect(await db.select({ id: deliveries.id }).from(deliveries)).toHaveLength(
			mailsBefore.length
		);
	});

	it('throttles per e-mail address alike whether or not an account has it', async () => {
		const minh = await makeUser(db, { identifier: 'minh@example.vn' });
		for (const email of ['minh@example.vn', 'ghost@example.vn']) {
			const answers = [];
			for (let i = 0; i <= PER_EMAIL; i++)
				answers.push(await requestPasswordReset(db, email, `10.1.0.${i}`, now));
			expect(answers.slice(0, PER_EMAIL)).toEqual(Array(PER_EMAIL).fill({ ok: true }));
			expect(answers[PER_EMAIL]).toMatchObject({ ok: false });
			expect((answers[PER_EMAIL] as { retryAfterSeconds: number }).retryAfterSeconds).toBe(3600);
		}
		// Each earlier link was withdrawn by the next: one still works.
		const open = (await resetsOf(minh.id)).filter((r) => r.usedAt === null);
		expect(open).toHaveLength(1);
		expect(await mailsOf(minh.id)).toHaveLength(PER_EMAIL);
		// An hour later, the window has closed.
		const later = new Date(now.getTime() + 60 * 60 * 1000);
		expect(await requestPasswordReset(db, 'minh@example.vn', '10.1.0.9', later)).toEqual({
			ok: true
		});
	});

	it('throttles per network address across e-mail addresses', async () => {
		for (let i = 0; i < PER_ADDRESS; i++)
			expect(await requestPasswordReset(db, `walker${i}@example.vn`, '10.9.9.9', now)).toEqual({
				ok: true
			});
		expect(await requestPasswordReset(db, 'walker-last@example.vn', '10.9.9.9', now)).toMatchObject(
			{ ok: false }
		);
		const windows = await db
			.select()
			.from(throttleWindows)
			.where(eq(throttleWindows.key, 'reset-request-address:10.9.9.9'));
		expect(windows[0]).toMatchObject({ failures: PER_ADDRESS, pending: 0 });
	});

	it('writes the token and its e-mail in one transaction: neither without the other', async () => {
		const hoa = await makeUser(db, { identifier: 'hoa@example.vn' });
		failing.next = true;
		await expect(requestPasswordReset(db, 'hoa@example.vn', '10.3.0.1', now)).rejects.toThrow(
			'the outbox failed'
		);
		expect(await resetsOf(hoa.id)).toEqual([]);
		expect(await mailsOf(hoa.id)).toEqual([]);
		const audited = await db.select().from(auditEvents).where(eq(auditEvents.subjectId, hoa.id));
		expect(audited.filter((e) => e.action === 'password_reset.issued')).toEqual([]);
		// The attempt still counted, and the next one goes through.
		expect(await requestPasswordReset(db, 'hoa@example.vn', '10.3.0.1', now)).toEqual({ ok: true });
		expect(await resetsOf(hoa.id)).toHaveLength(1);
		expect(await mailsOf(hoa.id)).toHaveLength(1);
	});
});
