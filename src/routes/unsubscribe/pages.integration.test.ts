import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { eq } from 'drizzle-orm';
import { deliveries, messagePreferences } from '$db/schema';
import { createTestDatabase, testEngines } from '$lib/server/db/test-helpers';
import type { Database, DatabaseHandle } from '$lib/server/db';
import { unsubscribeUrl } from '$lib/server/messages/unsubscribe';
import { makeUser } from '$testing/factories';
import { actions as resetActions, load as resetLoad } from '../reset/+page.server';
import { actions, load } from './[token]/+page.server';

// E-mail configured or not, as a test decides; the rest of the settings as they are.
const mail = vi.hoisted(() => ({ on: true }));
vi.mock('$lib/server/config', async (importOriginal) => {
	const actual = await importOriginal<typeof import('$lib/server/config')>();
	return {
		...actual,
		config: () => {
			const c = actual.config();
			return {
				...c,
				messages: {
					...c.messages,
					mail: mail.on ? { url: 'smtp://127.0.0.1:2525', from: 'a@b.vn' } : undefined
				}
			};
		}
	};
});

const ORIGIN = 'https://sachhon.example.vn';

/** The unsubscribe page and the reset request page, called as SvelteKit calls them. */
describe.each(testEngines)('the e-mail pages on %s', (engine) => {
	let handle: DatabaseHandle;
	let db: Database;
	beforeAll(async () => {
		handle = await createTestDatabase(engine);
		db = handle.db;
	});
	afterAll(() => handle?.close());

	const locals = () => ({ db, engine, user: null, session: null, requestId: 'test' }) as never;
	const post = (path: string, body: URLSearchParams, headers: Record<string, string> = {}) =>
		new Request(`${ORIGIN}${path}`, { method: 'POST', body, headers });

	it('asks first, then turns the kind off on a mail program’s one-click post', async () => {
		const lan = await makeUser(db, { identifier: 'lan@example.vn' });
		const link = await unsubscribeUrl(db, ORIGIN, lan.id, 'graded', 'email');
		const token = new URL(link).pathname.split('/').at(-1)!;
		const params = { token };

		expect(await load({ locals: locals(), params } as never)).toEqual({
			target: { kind: 'graded', channel: 'email' }
		});
		// Opening the page changes nothing.
		expect(
			await db.select().from(messagePreferences).where(eq(messagePreferences.userId, lan.id))
		).toEqual([]);

		const request = post(
			`/unsubscribe/${token}`,
			new URLSearchParams('List-Unsubscribe=One-Click')
		);
		expect(await actions.default({ locals: locals(), params, request } as never)).toEqual({
			done: true,
			kind: 'graded',
			channel: 'email'
		});
		expect(
			await db
				.select({ kind: messagePreferences.kind, enabled: messagePreferences.enabled })
				.from(messagePreferences)
				.where(eq(messagePreferences.userId, lan.id))
		).toEqual([{ kind: 'graded', enabled: false }]);
	});

	it('says a link is not valid, with no error thrown', async () => {
		const params = { token: 'not-a-token' };
		expect(await load({ locals: locals(), params } as never)).toEqual({ target: null });
		const result = await actions.default({
			locals: locals(),
			params,
			request: post('/unsubscribe/not-a-token', new URLSearchParams())
		} as never);
		expect(result).toMatchObject({ status: 400, data: { done: false } });
	});

	it('the reset request answers alike for any address, and asks an administrator without e-mail', async () => {
		const minh = await makeUser(db, { identifier: 'minh@example.vn' });
		const ask = (email: string) =>
			resetActions.default({
				locals: locals(),
				request: post('/reset', new URLSearchParams({ email })),
				getClientAddress: () => '10.0.0.5'
			} as never);

		mail.on = true;
		expect(await resetLoad({} as never)).toMatchObject({ available: true });
		const known = (await ask('minh@example.vn')) as { form: { message: unknown } };
		const unknown = (await ask('nobody@example.vn')) as { form: { message: unknown } };
		expect(known.form.message).toEqual({
			type: 'success',
			text: expect.stringContaining('minh@example.vn')
		});
		expect(String((unknown.form.message as { text: string }).text)).toBe(
			String((known.form.message as { text: string }).text).replace(
				'minh@example.vn',
				'nobody@example.vn'
			)
		);
		expect(await db.select().from(deliveries).where(eq(deliveries.userId, minh.id))).toHaveLength(
			1
		);
		const invalid = await ask('not an address');
		expect(invalid).toMatchObject({ status: 400 });

		mail.on = false;
		expect(await resetLoad({} as never)).toMatchObject({ available: false });
		expect(await ask('minh@example.vn')).toMatchObject({ status: 503 });
		expect(await db.select().from(deliveries).where(eq(deliveries.userId, minh.id))).toHaveLength(
			1
		);
	});
});
