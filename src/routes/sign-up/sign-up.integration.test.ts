import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consentRecords, users } from '$db/schema';
import { createTestDatabase, testEngines } from '$lib/server/db/test-helpers';
import type { Database, DatabaseHandle } from '$lib/server/db';
import { ensureNotice } from '$lib/server/privacy/notices';
import { actions } from './+page.server';

const cookies = { set: () => {}, get: () => undefined, delete: () => {} };

describe.each(testEngines)('sign-up and the privacy notice, on %s', (engine) => {
	let handle: DatabaseHandle;
	let db: Database;

	beforeAll(async () => {
		handle = await createTestDatabase(engine);
		db = handle.db;
		await ensureNotice(db);
	});
	afterAll(async () => {
		await handle?.close();
	});

	const post = (fields: Record<string, string>) => {
		const url = 'http://localhost/sign-up';
		return Promise.resolve(
			actions.default({
				locals: { db, user: null },
				cookies,
				url: new URL(url),
				request: new Request(url, { method: 'POST', body: new URLSearchParams(fields) })
			} as never)
		).catch((thrown: unknown) => thrown);
	};
	const person = (identifier: string) => ({
		fullName: 'Phạm Thị Hoa',
		identifier,
		password: 'dừa-xiêm-Bến-Tre-2026',
		audience: 'student'
	});

	it('refuses an account without the box, and makes none', async () => {
		const result = await post(person('hoa.refused@example.vn'));
		expect(result).toMatchObject({ status: 400 });
		const made = await db.select().from(users).where(eq(users.email, 'hoa.refused@example.vn'));
		expect(made).toEqual([]);
	});

	it('records the consent with the account: version, channel, time', async () => {
		const result = await post({ ...person('hoa@example.vn'), agree: 'on' });
		expect(result).toMatchObject({ status: 303 });
		const [hoa] = await db.select().from(users).where(eq(users.email, 'hoa@example.vn'));
		expect(hoa.consentVersion).toBe(1);
		const records = await db.select().from(consentRecords).where(eq(consentRecords.userId, hoa.id));
		// Phone messages are not configured here: only the service is asked.
		expect(records).toMatchObject([
			{ purpose: 'service', given: true, noticeVersion: 1, channel: 'sign_up', recordedBy: null }
		]);
	});

	it('tells a taken identifier and records nothing more', async () => {
		const result = await post({ ...person('hoa@example.vn'), agree: 'on' });
		expect(result).toMatchObject({ status: 400 });
		expect(await db.select().from(consentRecords)).toHaveLength(1);
	});
});
