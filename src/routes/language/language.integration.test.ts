import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { users } from '$db/schema';
import { overwriteGetLocale } from '$lib/paraglide/runtime';
import { scopeOf } from '$lib/server/auth/staff';
import { createTestDatabase, testEngines } from '$lib/server/db/test-helpers';
import type { Database, DatabaseHandle } from '$lib/server/db';
import { makeUser } from '$testing/factories';
import { quickAccount } from '$lib/server/workshops/quick-account';
import { ensureNotice } from '$lib/server/privacy/notices';
import { actions as signUp } from '../sign-up/+page.server';
import { POST } from './+server';

const cookies = { set: () => {}, get: () => undefined, delete: () => {} };

/** What a person's messages are written in. */
async function languageOf(db: Database, id: string) {
	const [row] = await db.select({ language: users.language }).from(users).where(eq(users.id, id));
	return row.language;
}

describe.each(testEngines)('the language messages reach a person in, on %s', (engine) => {
	let handle: DatabaseHandle;
	let db: Database;
	beforeAll(async () => {
		handle = await createTestDatabase(engine);
		db = handle.db;
	});
	afterAll(() => handle?.close());
	afterEach(() => overwriteGetLocale(() => 'vi'));

	function switchTo(locale: string, user: App.Locals['user']) {
		const request = new Request('http://localhost/language', {
			method: 'POST',
			body: new URLSearchParams({ locale, back: '/courses' })
		});
		const locals = { db, engine, user, session: null, scope: user ? scopeOf(user, []) : null };
		return Promise.resolve(POST({ request, cookies, locals } as never)).catch(
			(redirect: unknown) => redirect
		);
	}

	it('follows a signed-in person switching the site language', async () => {
		const lan = await makeUser(db);
		expect(await languageOf(db, lan.id)).toBe('vi');
		expect(await switchTo('en', lan)).toMatchObject({ status: 303, location: '/en/courses' });
		expect(await languageOf(db, lan.id)).toBe('en');
		await switchTo('vi', lan);
		expect(await languageOf(db, lan.id)).toBe('vi');
		// An unknown language is Vietnamese, as the cookie is.
		await switchTo('en', lan);
		await switchTo('fr', lan);
		expect(await languageOf(db, lan.id)).toBe('vi');
	});

	it('changes nobody when a signed-out visitor switches', async () => {
		const binh = await makeUser(db);
		await switchTo('en', null);
		expect(await languageOf(db, binh.id)).toBe('vi');
	});

	it('is the language of the page a person signed up on', async () => {
		overwriteGetLocale(() => 'en');
		const url = 'http://localhost/en/sign-up';
		const fields = {
			fullName: 'Jane Doe',
			identifier: 'jane.lang@example.org',
			password: 'dừa-xiêm-Bến-Tre-2026',
			agree: 'on'
		};
		await ensureNotice(db);
		const result = await Promise.resolve(
			signUp.default({
				locals: { db, user: null },
				cookies,
				url: new URL(url),
				request: new Request(url, { method: 'POST', body: new URLSearchParams(fields) })
			} as never)
		).catch((redirect: unknown) => redirect);
		expect(result).toMatchObject({ status: 303 });
		const [jane] = await db.select().from(users).where(eq(users.email, 'jane.lang@example.org'));
		expect(jane.language).toBe('en');
		// Agreed to the notice in force when the account was made (privacy/consent.ts).
		expect(jane.consentVersion).toBe(1);
	});

	it('is the language of the workshop page for an account made in two fields', async () => {
		overwriteGetLocale(() => 'en');
		const made = await quickAccount(db, { fullName: 'Trần Văn C', contact: '0912 345 670' });
		expect(made.ok && made.user.language).toBe('en');
		const vi = await quickAccount(db, { fullName: 'Lê D', contact: '0912 345 671' }, 'vi');
		expect(vi.ok && vi.user.language).toBe('vi');
	});
});
