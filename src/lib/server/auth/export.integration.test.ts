import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consentRecords, dataRequests, guardianConsents } from '$db/schema';
import { createTestDatabase, testEngines } from '../db/test-helpers';
import type { Database, DatabaseHandle } from '../db';
import { makeUser } from '$testing/factories';
import { exportUserData } from './directory';

describe.each(testEngines)('the data download on %s', (engine) => {
	let handle: DatabaseHandle;
	let db: Database;
	beforeAll(async () => {
		handle = await createTestDatabase(engine);
		db = handle.db;
	});
	afterAll(() => handle?.close());

	it('holds the person’s consents, guardian’s consent and requests, and no one else’s', async () => {
		const [learner, other] = [await makeUser(db), await makeUser(db)];
		await db.insert(consentRecords).values([
			{ userId: learner.id, purpose: 'service', given: true, noticeVersion: 1, channel: 'sign_up' },
			{
				userId: learner.id,
				purpose: 'phone_messages',
				given: false,
				noticeVersion: 1,
				channel: 'account'
			},
			{ userId: other.id, purpose: 'service', given: true, noticeVersion: 2, channel: 'sign_up' }
		]);
		await db.insert(guardianConsents).values({
			userId: learner.id,
			guardianName: 'Phạm Thị Hoa',
			guardianContact: '0912345678',
			relationship: 'mẹ',
			consentedOn: '2026-11-30',
			method: 'paper'
		});
		const received = new Date('2026-12-01T02:00:00Z');
		await db.insert(dataRequests).values({
			userId: learner.id,
			kind: 'correct',
			details: 'Sai ngày sinh',
			channel: 'online',
			receivedAt: received,
			acknowledgeBy: received,
			dueAt: received
		});
		const data = await exportUserData(db, learner.id);
		expect(data?.privacy.consents.map((c) => [c.purpose, c.given, c.noticeVersion])).toEqual([
			['service', true, 1],
			['phone_messages', false, 1]
		]);
		expect(data?.privacy.guardians).toMatchObject([
			{ guardianName: 'Phạm Thị Hoa', method: 'paper' }
		]);
		expect(data?.privacy.requests).toMatchObject([{ kind: 'correct', status: 'open' }]);
		const others = await exportUserData(db, other.id);
		expect(others?.privacy.guardians).toEqual([]);
		expect(others?.privacy.requests).toEqual([]);
	});
});
