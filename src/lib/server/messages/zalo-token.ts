/**
 * The Zalo Official Account's access token, renewed by the platform itself (README, "Phone messages
 * (Zalo ZNS)"). Zalo's access tokens expire after 25 hours; the refresh token that renews one is
 * single-use, lasts 3 months, and each renewal answers a new pair. The newest pair is kept in
 * `zalo_tokens`, one row per app, so every instance uses it and a restart loses nothing.
 *
 * The renewal (Zalo for Developers, "Official Account API → Lấy access token từ refresh token", as
 * shown step by step in hexasync.vn's "Zalo OA API: Hướng dẫn cách lấy Access Token từ Refresh
 * token"): POST https://oauth.zaloapp.com/v4/oa/access_token with the header `secret_key` (the
 * app's secret key) and a form-urlencoded body `refresh_token`, `app_id`, `grant_type=refresh_token`;
 * the answer is JSON {access_token, refresh_token, expires_in} (seconds, which Zalo sends as a
 * string: "90000"), or an error object such as {error: -14014, error_name, error_reason,
 * error_description} when the refresh token is invalid, expired or already used.
 *
 * Two instances must not both renew: the second would send a refresh token the first already used,
 * and be refused. The renewal runs in one transaction holding the row `FOR UPDATE`; whoever waits for
 * the lock finds the token renewed and uses it.
 */
import { eq } from 'drizzle-orm';
import { zaloTokens } from '$db/schema';
import type { ZaloAuth } from '../config';
import type { Database } from '../db';

/** An access token this close to its expiry is renewed before use. */
export const RENEW_BEFORE_MS = 5 * 60_000;
/** Longest wait for Zalo's OAuth answer (the row stays locked meanwhile). */
export const ZALO_OAUTH_TIMEOUT_MS = 15_000;
/** When Zalo's answer gives no usable `expires_in`: renew again after an hour. */
const FALLBACK_LIFETIME_S = 3600;

/** The token in memory, per database and app, until it is due for renewal. */
const cached = new WeakMap<Database, Map<string, { token: string; usableUntil: number }>>();
/** The token Zalo last rejected (ZNS -124), per database and app: not to be used again. */
const rejected = new WeakMap<Database, Map<string, string>>();

function mapOf<V>(maps: WeakMap<Database, Map<string, V>>, db: Database): Map<string, V> {
	let map = maps.get(db);
	if (!map) maps.set(db, (map = new Map()));
	return map;
}

/** Zalo refused to renew the token: retrying alone will not mend it, the operator must act. */
export class ZaloTokenRefused extends Error {
	name = 'ZaloTokenRefused';
}

interface OAuthAnswer {
	access_token?: unknown;
	refresh_token?: unknown;
	expires_in?: unknown;
	error?: unknown;
	error_name?: unknown;
	error_reason?: unknown;
	error_description?: unknown;
	message?: unknown;
}

type Renewal =
	| { ok: true; accessToken: string; refreshToken: string; lifetimeS: number }
	| { ok: false; reason: string };

/**
 * One call to Zalo's OAuth endpoint. A refusal (Zalo answered, but no new pair) is returned; a
 * network error, a timeout or a server error is thrown, to be retried as is.
 */
async function renew(
	auth: Extract<ZaloAuth, { kind: 'refresh' }>,
	refreshToken: string,
	doFetch: typeof fetch
): Promise<Renewal> {
	let response: Response;
	try {
		response = await doFetch(auth.oauthUrl, {
			method: 'POST',
			headers: {
				secret_key: auth.appSecret,
				'Content-Type': 'application/x-www-form-urlencoded',
				Accept: 'application/json'
			},
			body: new URLSearchParams({
				refresh_token: refreshToken,
				app_id: auth.appId,
				grant_type: 'refresh_token'
			}).toString(),
			signal: AbortSignal.timeout(ZALO_OAUTH_TIMEOUT_MS)
		});
	} catch (error) {
		const reason =
			error instanceof Error && error.name === 'TimeoutError'
				? `no answer within ${ZALO_OAUTH_TIMEOUT_MS / 1000} s`
				: error instanceof Error
					? error.message
					: String(error);
		throw new Error(`Zalo OAuth: ${reason}`);
	}
	if (response.status >= 500 || response.status === 429) {
		await response.body?.cancel();
		throw new Error(`Zalo OAuth: HTTP ${response.status}`);
	}
	let answer: OAuthAnswer;
	try {
		answer = (await response.json()) as OAuthAnswer;
	} catch {
		if (!response.ok) return { ok: false, reason: `HTTP ${response.status}` };
		throw new Error('Zalo OAuth: the answer was not JSON');
	}
	const text = (value: unknown) =>
		typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
	const accessToken = text(answer.access_token);
	const newRefreshToken = text(answer.refresh_token);
	if (response.ok && accessToken && newRefreshToken) {
		const lifetime = Number(answer.expires_in);
		return {
			ok: true,
			accessToken,
			refreshToken: newRefreshToken,
			lifetimeS: Number.isFinite(lifetime) && lifetime > 0 ? lifetime : FALLBACK_LIFETIME_S
		};
	}
	const code = typeof answer.error === 'number' || text(answer.error) ? answer.error : undefined;
	const description =
		text(answer.error_description) ??
		text(answer.error_reason) ??
		text(answer.error_name) ??
		text(answer.message) ??
		'no description';
	return {
		ok: false,
		reason: code === undefined ? description : `error ${String(code)}: ${description}`
	};
}

function refusal(appId: string, reason: string): ZaloTokenRefused {
	return new ZaloTokenRefused(
		`Zalo refused to renew the access token of app ${appId} (${reason}): its refresh token has ` +
			`expired (they last 3 months) or was already used. Get a new refresh token for the Official ` +
			`Account from Zalo's developer console (developers.zalo.me), set ZALO_REFRESH_TOKEN to it and ` +
			`restart: a ZALO_REFRESH_TOKEN different from the one the platform keeps replaces it. If ` +
			`that is refused too, check ZALO_APP_ID and ZALO_APP_SECRET.`
	);
}

interface TokenRow {
	accessToken: string | null;
	accessExpiresAt: Date | null;
}

/**
 * The Official Account's access token: the fixed one, or the stored one while it is valid for more
 * than 5 minutes, else renewed (once across all instances) and stored. Kept in memory per database
 * until it is due, so a send costs no query. Throws ZaloTokenRefused, with what the operator must
 * do, when Zalo refuses the renewal; other errors (network, Zalo's servers) are worth retrying.
 *
 * `cache: false` ignores the token in memory (a second instance, in tests).
 */
export async function zaloAccessToken(
	db: Database,
	auth: ZaloAuth,
	options: { now?: Date; fetch?: typeof fetch; cache?: boolean } = {}
): Promise<string> {
	if (auth.kind === 'fixed') return auth.accessToken;
	const now = options.now ?? new Date();
	const memory = mapOf(cached, db);
	const refused = mapOf(rejected, db).get(auth.appId);
	const hit = options.cache === false ? undefined : memory.get(auth.appId);
	if (hit && hit.usableUntil > now.getTime() && hit.token !== refused) return hit.token;

	const usable = (
		row: TokenRow | undefined
	): row is { accessToken: string; accessExpiresAt: Date } =>
		Boolean(
			row?.accessToken &&
			row.accessExpiresAt &&
			row.accessExpiresAt.getTime() - RENEW_BEFORE_MS > now.getTime() &&
			row.accessToken !== refused
		);
	const columns = {
		accessToken: zaloTokens.accessToken,
		accessExpiresAt: zaloTokens.accessExpiresAt
	};
	const [stored] = await db
		.select(columns)
		.from(zaloTokens)
		.where(eq(zaloTokens.appId, auth.appId));
	const current = usable(stored)
		? stored
		: await db.transaction(async (tx) => {
				// The first renewal starts from the refresh token configured (Zalo's console).
				await tx
					.insert(zaloTokens)
					.values({ appId: auth.appId, refreshToken: auth.refreshToken })
					.onConflictDoNothing();
				const [row] = await tx
					.select({ ...columns, refreshToken: zaloTokens.refreshToken })
					.from(zaloTokens)
					.where(eq(zaloTokens.appId, auth.appId))
					.for('update');
				// Another instance may have renewed it while this one waited for the lock.
				if (usable(row)) return row;
				const doFetch = options.fetch ?? fetch;
				let renewal = await renew(auth, row.refreshToken, doFetch);
				// The operator set a fresh refresh token after the stored one stopped working.
				if (!renewal.ok && auth.refreshToken !== row.refreshToken)
					renewal = await renew(auth, auth.refreshToken, doFetch);
				if (!renewal.ok) throw refusal(auth.appId, renewal.reason);
				const renewed = {
					accessToken: renewal.accessToken,
					refreshToken: renewal.refreshToken,
					accessExpiresAt: new Date(now.getTime() + renewal.lifetimeS * 1000),
					updatedAt: now
				};
				await tx.update(zaloTokens).set(renewed).where(eq(zaloTokens.appId, auth.appId));
				return renewed;
			});

	memory.set(auth.appId, {
		token: current.accessToken,
		usableUntil: current.accessExpiresAt.getTime() - RENEW_BEFORE_MS
	});
	if (refused !== undefined && refused !== current.accessToken)
		mapOf(rejected, db).delete(auth.appId);
	return current.accessToken;
}

/**
 * Zalo rejected `token` (ZNS -124): forget it, so the next send renews it unless another instance
 * already has. A fixed token stays: the operator replaces it.
 */
export function dropZaloAccessToken(db: Database, auth: ZaloAuth, token: string): void {
	if (auth.kind === 'fixed') return;
	const memory = mapOf(cached, db);
	if (memory.get(auth.appId)?.token === token) memory.delete(auth.appId);
	mapOf(rejected, db).set(auth.appId, token);
}

/** The token source the ZNS gateway takes (zns.ts). */
export function zaloTokenSource(
	db: Database,
	auth: ZaloAuth
): { accessToken: () => Promise<string>; tokenRejected: (token: string) => void } {
	return {
		accessToken: () => zaloAccessToken(db, auth),
		tokenRejected: (token) => dropZaloAccessToken(db, auth, token)
	};
}
