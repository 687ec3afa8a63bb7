import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { zaloTokens } from '$db/schema';
import type { ZaloAuth } from '../config';
import { createTestDatabase, testEngines } from '../db/test-helpers';
import type { DatabaseHandle } from '../db';
import {
	RENEW_BEFORE_MS,
	ZaloTokenRefused,
	dropZaloAccessToken,
	zaloAccessToken,
	zaloTokenSource
} from './zalo-token';
import { znsGateway } from './zns';

const SECRET = 'app-secret-key-0123';
const at = new Date('2026-12-03T03:00:00Z');
const later = (ms: number) => new Date(at.getTime() + ms);

/**
 * A stand-in of Zalo's OAuth endpoint: each refresh token it issued (or was seeded with) works once
 * and is answered with a new pair; anything else is refused as Zalo does. Every request is kept
 * with what departs from the documented form.
 */
interface Seen {
	form: Record<string, string>;
	problems: string[];
}
const seen: Seen[] = [];
const valid = new Set<string>();
let issued = 0;
let oauthUrl: string;

/** A ZNS stand-in that takes any token except those revoked. */
const revoked = new Set<string>();
const sentWith: string[] = [];
let znsUrl: string;

let server: Server;

beforeAll(async () => {
	server = createServer((req, res) => {
		let raw = '';
		req.on('data', (chunk) => (raw += chunk));
		req.on('end', () => {
			const reply = (json: unknown) => {
				res.writeHead(200, { 'content-type': 'application/json' });
				res.end(JSON.stringify(json));
			};
			if (req.url === '/message/template') {
				const token = String(req.headers['access_token']);
				sentWith.push(token);
				if (revoked.has(token)) return reply({ error: -124, message: 'Access token invalid' });
				return reply({ error: 0, message: 'Success', data: { msg_id: `m${sentWith.length}` } });
			}
			const form = Object.fromEntries(new URLSearchParams(raw));
			const problems: string[] = [];
			if (req.method !== 'POST') problems.push(`method ${req.method}`);
			if (req.url !== '/v4/oa/access_token') problems.push(`path ${req.url}`);
			if (req.headers['secret_key'] !== SECRET) problems.push('secret_key header');
			if (!String(req.headers['content-type']).startsWith('application/x-www-form-urlencoded'))
				problems.push('content-type');
			if (form.grant_type !== 'refresh_token') problems.push('grant_type');
			if (!/^app-\d+$/.test(form.app_id ?? '')) problems.push('app_id');
			seen.push({ form, problems });
			// Slow enough for a second caller to arrive while the first renews.
			setTimeout(() => {
				if (problems.length > 0 || !valid.delete(form.refresh_token))
					return reply({
						error: -14014,
						error_name: 'Invalid parameter',
						error_reason: 'Invalid refresh token',
						error_description: 'Refresh token is invalid'
					});
				issued += 1;
				const pair = { access: `access-${issued}-${'x'.repeat(20)}`, refresh: `refresh-${issued}` };
				valid.add(pair.refresh);
				// Zalo sends expires_in as a string of seconds.
				reply({ access_token: pair.access, refresh_token: pair.refresh, expires_in: '90000' });
			}, 100);
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	oauthUrl = `${base}/v4/oa/access_token`;
	znsUrl = `${base}/message/template`;
});

afterAll(async () => {
	server.closeAllConnections();
	await new Promise((resolve) => server.close(resolve));
});

let apps = 0;
/** A fresh app (its own row) whose configured refresh token the stand-in accepts once. */
function newApp(refreshToken = `first-refresh-${++apps}`): Extract<ZaloAuth, { kind: 'refresh' }> {
	valid.add(refreshToken);
	return { kind: 'refresh', appId: `app-${++apps}`, appSecret: SECRET, refreshToken, oauthUrl };
}

const requestsFor = (auth: { appId: string }) => seen.filter((s) => s.form.app_id === auth.appId);

describe.each(testEngines)('Zalo access token on %s', (engine) => {
	let handle: DatabaseHandle;
	beforeAll(async () => {
		handle = await createTestDatabase(engine);
	});
	afterAll(() => handle?.close());

	const rowOf = async (appId: string) =>
		(await handle.db.select().from(zaloTokens).where(eq(zaloTokens.appId, appId)))[0];

	it('returns a fixed token as it is', async () => {
		const token = 'fixed-access-token-0123456789';
		expect(await zaloAccessToken(handle.db, { kind: 'fixed', accessToken: token })).toBe(token);
	});

	it('renews from the configured refresh token as Zalo documents it and keeps the new pair', async () => {
		const auth = newApp();
		const token = await zaloAccessToken(handle.db, auth, { now: at });
		const [request] = requestsFor(auth);
		expect(request.problems).toEqual([]);
		expect(request.form).toEqual({
			refresh_token: auth.refreshToken,
			app_id: auth.appId,
			grant_type: 'refresh_token'
		});
		const row = await rowOf(auth.appId);
		expect(row).toMatchObject({ accessToken: token, accessExpiresAt: later(90_000_000) });
		expect(row.refreshToken).toMatch(/^refresh-\d+$/);

		// Within its lifetime: from memory, and from the database for an instance without it.
		expect(await zaloAccessToken(handle.db, auth, { now: later(3600_000) })).toBe(token);
		expect(await zaloAccessToken(handle.db, auth, { now: later(3600_000), cache: false })).toBe(
			token
		);
		expect(requestsFor(auth)).toHaveLength(1);
	});

	it('renews once when two instances ask together', async () => {
		const auth = newApp();
		const tokens = await Promise.all([
			zaloAccessToken(handle.db, auth, { now: at, cache: false }),
			zaloAccessToken(handle.db, auth, { now: at, cache: false })
		]);
		expect(tokens[0]).toBe(tokens[1]);
		expect(requestsFor(auth)).toHaveLength(1);

		// And again once the token is due, with the refresh token Zalo gave last.
		const due = later(90_000_000 - RENEW_BEFORE_MS);
		const stored = (await rowOf(auth.appId)).refreshToken;
		const renewed = await Promise.all([
			zaloAccessToken(handle.db, auth, { now: due, cache: false }),
			zaloAccessToken(handle.db, auth, { now: due, cache: false })
		]);
		expect(renewed[0]).toBe(renewed[1]);
		expect(renewed[0]).not.toBe(tokens[0]);
		expect(requestsFor(auth).map((r) => r.form.refresh_token)).toEqual([auth.refreshToken, stored]);
	});

	it('renews an expired token, even one still held in memory', async () => {
		const auth = newApp();
		const first = await zaloAccessToken(handle.db, auth, { now: at });
		const second = await zaloAccessToken(handle.db, auth, { now: later(26 * 3600_000) });
		expect(second).not.toBe(first);
		expect(requestsFor(auth)).toHaveLength(2);
		expect((await rowOf(auth.appId)).accessExpiresAt).toEqual(later(26 * 3600_000 + 90_000_000));
	});

	it('tells the operator what to do when Zalo refuses the refresh token, and keeps the row', async () => {
		const auth = newApp();
		await zaloAccessToken(handle.db, auth, { now: at });
		const before = await rowOf(auth.appId);
		valid.delete(before.refreshToken); // used elsewhere, or three months old
		const failure = await zaloAccessToken(handle.db, auth, {
			now: later(26 * 3600_000)
		}).catch((error: Error) => error);
		expect(failure).toBeInstanceOf(ZaloTokenRefused);
		expect((failure as Error).message).toMatch(
			new RegExp(
				`^Zalo refused to renew the access token of app ${auth.appId} \\(error -14014: Refresh token is invalid\\).*set ZALO_REFRESH_TOKEN to it and restart: a ZALO_REFRESH_TOKEN different from the one the platform keeps replaces it`
			)
		);
		expect((failure as Error).message).not.toContain(before.refreshToken);
		expect((failure as Error).message).not.toContain(SECRET);
		// The configured token was tried too (it differs from the stored one), then nothing changed.
		expect(
			requestsFor(auth)
				.slice(1)
				.map((r) => r.form.refresh_token)
		).toEqual([before.refreshToken, auth.refreshToken]);
		expect(await rowOf(auth.appId)).toEqual(before);
	});

	it('starts again from a fresh ZALO_REFRESH_TOKEN once the stored one is refused', async () => {
		const old = newApp();
		await zaloAccessToken(handle.db, old, { now: at });
		valid.delete((await rowOf(old.appId)).refreshToken);
		// The operator sets a new refresh token from Zalo's console and restarts.
		const fresh = { ...old, refreshToken: 'operator-new-refresh-token' };
		valid.add(fresh.refreshToken);
		const token = await zaloAccessToken(handle.db, fresh, { now: later(26 * 3600_000) });
		expect(token).toMatch(/^access-/);
		expect(
			requestsFor(old)
				.map((r) => r.form.refresh_token)
				.at(-1)
		).toBe(fresh.refreshToken);
		expect(await rowOf(old.appId)).toMatchObject({ accessToken: token });
	});

	it('leaves a network failure to be retried, without touching the row', async () => {
		const auth = { ...newApp(), oauthUrl: 'http://127.0.0.1:9/v4/oa/access_token' };
		const failure = await zaloAccessToken(handle.db, auth, { now: at }).catch(
			(error: Error) => error
		);
		expect(failure).toBeInstanceOf(Error);
		expect(failure).not.toBeInstanceOf(ZaloTokenRefused);
		expect((failure as Error).message).toMatch(/^Zalo OAuth: /);
		expect(await rowOf(auth.appId)).toBeUndefined();
	});

	it('renews a token that ZNS rejects (-124) at the next send, unless another instance did', async () => {
		const auth = newApp();
		const gateway = znsGateway({
			templates: { phone_code: '301001' },
			url: znsUrl,
			...zaloTokenSource(handle.db, auth)
		});
		const message = {
			to: '+84912345678',
			kind: 'phone_code' as const,
			params: { code: '123456' },
			trackingId: 't1'
		};
		await gateway.send(message);
		const first = sentWith.at(-1)!;
		revoked.add(first);
		await expect(gateway.send(message)).rejects.toThrow('ZNS error -124: Access token invalid');
		expect(await gateway.send(message)).toMatchObject({ providerId: expect.any(String) });
		const second = sentWith.at(-1)!;
		expect(second).not.toBe(first);
		expect(requestsFor(auth)).toHaveLength(2);

		// Another instance that still holds the first token gets -124 too: it takes the stored one.
		dropZaloAccessToken(handle.db, auth, first);
		expect(await zaloAccessToken(handle.db, auth, { cache: false })).toBe(second);
		expect(requestsFor(auth)).toHaveLength(2);
	});
});
