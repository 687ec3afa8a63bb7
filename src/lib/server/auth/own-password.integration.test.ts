import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createTestDatabase, testEngines } from '../db/test-helpers';
import type { Database, DatabaseHandle } from '../db';
import { GOOD_PASSWORD, makeUser } from '$testing/factories';
import { throttlePolicies } from '../throttle/throttle';
import { authenticate, changePassword, deleteAccount } from './accounts';

/** Every password check, to see how many guesses reach it. */
const checks = vi.hoisted(() => ({ count: 0 }));
vi.mock('./password', async (importOriginal) => {
	const actual = await importOriginal<typeof import('./password')>();
	return {
		...actual,
		verifyPassword: (hashed: string, password: string) => {
			checks.count++;
			return actual.verifyPassword(hashed, password);
		}
	};
});

const LIMIT = throttlePolicies['sign-in-account'].limit;

// Asking for the current password again (to change it, to delete the account) is a password check
// like sign-in: someone holding a stolen session must not be able to guess it there instead.
describe.each(testEngines)('the current password asked again, on %s', (engine) => {
	let handle: DatabaseHandle;
	let db: Database;
	beforeAll(async () => {
		handle = await createTestDatabase(engine);
		db = handle.db;
	});
	afterAll(() => handle?.close());
	beforeEach(() => {
		checks.count = 0;
	});

	it(`lets at most ${LIMIT} of 30 parallel wrong guesses on the password form reach the check`, async () => {
		const user = await makeUser(db);
		const results = await Promise.all(
			Array.from({ length: 30 }, (_, i) =>
				changePassword(db, user.id, `sai ${i}`, 'mật khẩu mới dài')
			)
		);
		expect(checks.count).toBeLessThanOrEqual(LIMIT);
		expect(results.filter((r) => !r.ok && r.reason === 'throttled').length).toBeGreaterThanOrEqual(
			30 - LIMIT
		);
		// The account is locked for sign-in too: the same counter.
		const signIn = await authenticate(db, user.email ?? user.username!, GOOD_PASSWORD, '10.0.0.9');
		expect(signIn).toMatchObject({ ok: false, reason: 'throttled' });
	});

	it('throttles the delete-account form the same way, and a right password still works before', async () => {
		const user = await makeUser(db);
		expect(await deleteAccount(db, user.id, 'sai')).toEqual({
			ok: false,
			reason: 'wrong_password'
		});
		for (let i = 0; i < LIMIT; i++) await deleteAccount(db, user.id, `sai ${i}`);
		expect(await deleteAccount(db, user.id, GOOD_PASSWORD)).toMatchObject({
			ok: false,
			reason: 'throttled'
		});
		const other = await makeUser(db);
		expect(await deleteAccount(db, other.id, GOOD_PASSWORD)).toEqual({ ok: true });
	});
});
