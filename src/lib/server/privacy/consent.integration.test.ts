import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, consentRecords, phoneNumbers, users } from '$db/schema';
import { createSession, generateSessionToken, validateSessionToken } from '../auth/session';
import { createTestDatabase, testEngines } from '../db/test-helpers';
import type { Database, DatabaseHandle } from '../db';
import { makeUser } from '$testing/factories';
import { consentHistory, consentStateOf, recordConsent } from './consent';
import {
	currentNotice,
	defaultController,
	ensureNotice,
	noticeVersion,
	noticeVersions,
	publishNotice,
	requiredVersion
} from './notices';

describe.each(testEngines)('privacy notice and consent, on %s', (engine) => {
	let handle: DatabaseHandle;
	let db: Database;

	beforeAll(async () => {
		handle = await createTestDatabase(engine);
		db = handle.db;
	});
	afterAll(async () => {
		await handle?.close();
	});

	async function holdOf(userId: string) {
		const token = generateSessionToken();
		await createSession(db, token, userId);
		const { user } = await validateSessionToken(db, token);
		return user!.privacyHold;
	}

	it('writes version 1 from the registry once, in both languages', async () => {
		await ensureNotice(db);
		await ensureNotice(db);
		expect((await noticeVersions(db)).map((v) => v.version)).toEqual([1]);
		const notice = (await currentNotice(db))!;
		expect(notice.requiresConsent).toBe(true);
		expect(notice.controller.name).toBe(defaultController().name);
		expect(notice.html.vi).toContain('<h2>Quyền của bạn</h2>');
		expect(notice.html.vi).toContain('Luật Bảo vệ dữ liệu cá nhân số 91/2025/QH15');
		expect(notice.html.vi).toContain('href="/account/privacy"');
		expect(notice.html.en).toContain('<h2>Your rights</h2>');
		expect(await requiredVersion(db)).toBe(1);
	});

	it('renders what the administrator writes without letting HTML through', async () => {
		const v2 = await publishNotice(db, {
			body: {
				vi: '## Mới\n\n<script>alert(1)</script> **đậm** [x](javascript:alert(1)) [y](/privacy)',
				en: ''
			},
			controller: { ...defaultController(), email: 'dpo@example.vn' },
			changes: 'Sửa lỗi chính tả',
			requiresConsent: false,
			publishedBy: null
		});
		expect(v2.version).toBe(2);
		expect(v2.html.vi).not.toContain('<script>');
		expect(v2.html.vi).toContain('&lt;script&gt;');
		expect(v2.html.vi).toContain('<strong>đậm</strong>');
		expect(v2.html.vi).not.toContain('javascript:');
		expect(v2.html.vi).toContain('<a href="/privacy">y</a>');
		// Without an English text, English readers get the Vietnamese.
		expect(v2.html.en).toBe(v2.html.vi);
		// Version 1 is kept as it was.
		expect((await noticeVersion(db, 1))!.body.vi).toContain('Quyền của bạn');
		expect(await requiredVersion(db)).toBe(1);
		const [audit] = await db
			.select()
			.from(auditEvents)
			.where(eq(auditEvents.action, 'notice.published'));
		expect(audit.details).toEqual({ version: 2, requiresConsent: false });
	});

	it('holds someone who never agreed, records consent with version and channel', async () => {
		const learner = await makeUser(db);
		expect(learner.consentVersion).toBeNull();
		expect(await holdOf(learner.id)).toBe('consent');
		await recordConsent(db, {
			userId: learner.id,
			purpose: 'service',
			given: true,
			noticeVersion: 2,
			channel: 'first_sign_in'
		});
		const [row] = await db.select().from(users).where(eq(users.id, learner.id));
		expect(row.consentVersion).toBe(2);
		expect(await holdOf(learner.id)).toBeNull();
		const [record] = await consentHistory(db, learner.id);
		expect(record).toMatchObject({
			purpose: 'service',
			given: true,
			noticeVersion: 2,
			channel: 'first_sign_in',
			recordedBy: null
		});
	});

	it('holds agreed users again only for a version that asks for it', async () => {
		const learner = await makeUser(db);
		await recordConsent(db, {
			userId: learner.id,
			purpose: 'service',
			given: true,
			noticeVersion: 2,
			channel: 'sign_up'
		});
		await publishNotice(db, {
			body: { vi: 'Bản 3', en: 'Version 3' },
			controller: defaultController(),
			changes: 'Thêm mục đích mới',
			requiresConsent: true,
			publishedBy: null
		});
		expect(await requiredVersion(db)).toBe(3);
		expect(await holdOf(learner.id)).toBe('consent');
		await recordConsent(db, {
			userId: learner.id,
			purpose: 'service',
			given: true,
			noticeVersion: 3,
			channel: 'account'
		});
		expect(await holdOf(learner.id)).toBeNull();
		await publishNotice(db, {
			body: { vi: 'Bản 4', en: 'Version 4' },
			controller: defaultController(),
			changes: 'Đổi địa chỉ liên hệ',
			requiresConsent: false,
			publishedBy: null
		});
		expect(await holdOf(learner.id)).toBeNull();
	});

	it('withdraws phone consent: the state, the history and the number all say so', async () => {
		const learner = await makeUser(db);
		const now = new Date();
		await db
			.insert(phoneNumbers)
			.values({ userId: learner.id, number: '+84912345000', verifiedAt: now, consentAt: now });
		await recordConsent(db, {
			userId: learner.id,
			purpose: 'phone_messages',
			given: false,
			noticeVersion: 3,
			channel: 'account'
		});
		let [phone] = await db.select().from(phoneNumbers).where(eq(phoneNumbers.userId, learner.id));
		expect(phone.consentAt).toBeNull();
		expect((await consentStateOf(db, learner.id)).phone_messages?.given).toBe(false);
		await recordConsent(db, {
			userId: learner.id,
			purpose: 'phone_messages',
			given: true,
			noticeVersion: 3,
			channel: 'account'
		});
		[phone] = await db.select().from(phoneNumbers).where(eq(phoneNumbers.userId, learner.id));
		expect(phone.consentAt).not.toBeNull();
		expect((await consentStateOf(db, learner.id)).phone_messages?.given).toBe(true);
		const records = await db
			.select()
			.from(consentRecords)
			.where(eq(consentRecords.userId, learner.id));
		expect(records).toHaveLength(2);
		const actions = (
			await db.select().from(auditEvents).where(eq(auditEvents.subjectId, learner.id))
		).map((e) => e.action);
		expect(actions).toEqual(expect.arrayContaining(['consent.given', 'consent.withdrawn']));
	});

	it('holds a minor with no guardian consent once they have agreed', async () => {
		const child = await makeUser(db, { dateOfBirth: '2015-06-01' });
		await recordConsent(db, {
			userId: child.id,
			purpose: 'service',
			given: true,
			noticeVersion: 4,
			channel: 'first_sign_in'
		});
		expect(await holdOf(child.id)).toBe('guardian');
		await db.update(users).set({ guardianConsentAt: new Date() }).where(eq(users.id, child.id));
		expect(await holdOf(child.id)).toBeNull();
	});
});
