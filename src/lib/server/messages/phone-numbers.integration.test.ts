import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { auditEvents, deliveries, phoneNumbers, users } from '$db/schema';
import { createTestDatabase, testEngines } from '../db/test-helpers';
import type { DatabaseHandle } from '../db';
import { exportUserData } from '../auth/directory';
import { makeUser } from '$testing/factories';
import { reachable } from './outbox';
import {
	PHONE_CODE_TTL_MS,
	phoneNumberOf,
	removePhoneNumber,
	requestPhoneCode,
	verifyPhoneCode
} from './phone-numbers';

const at = new Date('2026-12-03T03:00:00Z');
const later = (ms: number) => new Date(at.getTime() + ms);

describe.each(testEngines)('phone numbers on %s', (engine) => {
	let handle: DatabaseHandle;
	beforeAll(async () => {
		handle = await createTestDatabase(engine);
	});
	afterAll(() => handle?.close());

	const codesOf = (userId: string) =>
		handle.db
			.select({ key: deliveries.key, params: deliveries.params, channel: deliveries.channel })
			.from(deliveries)
			.where(and(eq(deliveries.userId, userId), eq(deliveries.kind, 'phone_code')))
			.orderBy(deliveries.key);

	it('asks for consent and a mobile number before anything is kept or sent', async () => {
		const { db } = handle;
		const lan = await makeUser(db);
		expect(
			await requestPhoneCode(db, lan.id, { number: '0912345678', consent: false }, { now: at })
		).toEqual({ ok: false, reason: 'consent_required' });
		expect(
			await requestPhoneCode(db, lan.id, { number: '0275 3822 123', consent: true }, { now: at })
		).toEqual({ ok: false, reason: 'landline' });
		expect(await phoneNumberOf(db, lan.id, at)).toBeNull();
		expect(await codesOf(lan.id)).toEqual([]);
	});

	it('keeps the code hashed, sends it through the outbox, and verifies the number with it', async () => {
		const { db } = handle;
		const lan = await makeUser(db);
		const sent = await requestPhoneCode(
			db,
			lan.id,
			{ number: '+84 912 345 001', consent: true },
			{ now: at, code: '482913' }
		);
		expect(sent).toEqual({ ok: true, number: '+84912345001', expiresAt: later(PHONE_CODE_TTL_MS) });
		const [row] = await db.select().from(phoneNumbers).where(eq(phoneNumbers.userId, lan.id));
		expect(row.codeHash).toMatch(/^[0-9a-f]{64}$/);
		expect(row.codeHash).not.toContain('482913');
		expect(row.verifiedAt).toBeNull();
		expect(await codesOf(lan.id)).toEqual([
			{ key: `phone_code:${lan.id}:1`, params: { code: '482913' }, channel: 'phone' }
		]);
		// Not reachable by phone until verified.
		expect((await reachable(db, [lan.id], ['phone'])).allows(lan.id, 'announcement', 'phone')).toBe(
			false
		);

		expect(await verifyPhoneCode(db, lan.id, '482913', { now: later(60_000) })).toEqual({
			ok: true,
			number: '+84912345001'
		});
		const state = await phoneNumberOf(db, lan.id, later(60_000));
		expect(state).toMatchObject({
			number: '+84912345001',
			verifiedAt: later(60_000),
			consentAt: later(60_000),
			codePending: false
		});
		expect((await reachable(db, [lan.id], ['phone'])).allows(lan.id, 'announcement', 'phone')).toBe(
			true
		);
		const audited = await db.select().from(auditEvents).where(eq(auditEvents.subjectId, lan.id));
		expect(audited.map((e) => [e.action, e.actorId, e.details])).toEqual([
			['phone.verified', lan.id, {}]
		]);
		// The same number again needs no second code.
		expect(
			await requestPhoneCode(db, lan.id, { number: '0912345001', consent: true }, { now: at })
		).toEqual({ ok: false, reason: 'already_verified' });
	});

	it('refuses an expired code, and a wrong one five times at most', async () => {
		const { db } = handle;
		const minh = await makeUser(db);
		await requestPhoneCode(
			db,
			minh.id,
			{ number: '0912345002', consent: true },
			{ now: at, code: '111111' }
		);
		expect(await verifyPhoneCode(db, minh.id, '111111', { now: later(PHONE_CODE_TTL_MS) })).toEqual(
			{ ok: false, reason: 'expired' }
		);

		await requestPhoneCode(
			db,
			minh.id,
			{ number: '0912345002', consent: true },
			{ now: later(60_000), code: '222222' }
		);
		expect((await codesOf(minh.id)).map((c) => c.key)).toEqual([
			`phone_code:${minh.id}:1`,
			`phone_code:${minh.id}:2`
		]);
		// The first code no longer counts once a second was sent.
		expect(await verifyPhoneCode(db, minh.id, '111111', { now: later(61_000) })).toEqual({
			ok: false,
			reason: 'wrong_code',
			attemptsLeft: 4
		});
		for (const left of [3, 2, 1])
			expect(await verifyPhoneCode(db, minh.id, '000000', { now: later(62_000) })).toEqual({
				ok: false,
				reason: 'wrong_code',
				attemptsLeft: left
			});
		expect(await verifyPhoneCode(db, minh.id, '000000', { now: later(62_000) })).toEqual({
			ok: false,
			reason: 'too_many_attempts'
		});
		// Even the right code is refused now: a new one must be asked for.
		expect(await verifyPhoneCode(db, minh.id, '222222', { now: later(63_000) })).toEqual({
			ok: false,
			reason: 'too_many_attempts'
		});
		expect((await phoneNumberOf(db, minh.id, later(63_000)))?.verifiedAt).toBeNull();
		expect(await verifyPhoneCode(db, (await makeUser(db)).id, '123456', { now: at })).toEqual({
			ok: false,
			reason: 'no_code'
		});
	});

	it('throttles codes per account', async () => {
		const { db } = handle;
		const hoa = await makeUser(db);
		const ask = (n: number) =>
			requestPhoneCode(db, hoa.id, { number: `091234510${n}`, consent: true }, { now: at });
		for (const n of [1, 2, 3]) expect((await ask(n)).ok).toBe(true);
		expect(await ask(4)).toEqual({ ok: false, reason: 'throttled', retryAfterSeconds: 3600 });
		expect(await codesOf(hoa.id)).toHaveLength(3);
	});

	it('changes the number (unverified until its code), removes it, and exports it', async () => {
		const { db } = handle;
		const an = await makeUser(db);
		await requestPhoneCode(
			db,
			an.id,
			{ number: '0912345003', consent: true },
			{ now: at, code: '333333' }
		);
		await verifyPhoneCode(db, an.id, '333333', { now: at });
		const exported = await exportUserData(db, an.id);
		expect(exported?.phone).toMatchObject({
			number: '+84912345003',
			verifiedAt: at,
			consentAt: at
		});

		await requestPhoneCode(
			db,
			an.id,
			{ number: '0987654003', consent: true },
			{ now: later(1000), code: '444444' }
		);
		expect(await phoneNumberOf(db, an.id, later(1000))).toMatchObject({
			number: '+84987654003',
			verifiedAt: null,
			consentAt: null,
			codePending: true
		});

		expect(await removePhoneNumber(db, an.id)).toBe(true);
		expect(await removePhoneNumber(db, an.id)).toBe(false);
		expect(await phoneNumberOf(db, an.id)).toBeNull();
		expect((await exportUserData(db, an.id))?.phone).toBeNull();
		const audited = await db.select().from(auditEvents).where(eq(auditEvents.subjectId, an.id));
		expect(audited.map((e) => e.action)).toEqual(['phone.verified', 'phone.removed']);
	});

	it('goes with the account when the account is deleted', async () => {
		const { db } = handle;
		const binh = await makeUser(db);
		await requestPhoneCode(db, binh.id, { number: '0912345004', consent: true }, { now: at });
		await db.delete(users).where(eq(users.id, binh.id));
		expect(await db.select().from(phoneNumbers).where(eq(phoneNumbers.userId, binh.id))).toEqual(
			[]
		);
	});
});
