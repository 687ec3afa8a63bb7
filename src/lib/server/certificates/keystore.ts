/**
 * Where signing keys live: the configured key (CERTIFICATE_SIGNING_KEY), or else one generated on first
 * use and kept in `signing_keys`. Every key that ever signed stays published, so old certificates keep
 * verifying after the key changes.
 */
import { asc, desc, isNotNull, sql } from 'drizzle-orm';
import { signingKeys } from '$db/schema';
import type { Database } from '../db';
import {
	generateSigningKey,
	publicKeyFromX,
	publicKeyX,
	signingKeyFromPkcs8,
	type PublicKeySet,
	type PublishedKey,
	type SigningKey
} from './keys';

/** Names the advisory lock under which the first key is generated: instances starting together agree. */
const SIGNING_KEY_LOCK = 7_231_842_101;

const cache = new WeakMap<Database, Map<string, Promise<SigningKey>>>();

/** The key that signs new certificates; loaded (or created) once per database and setting. */
export function currentSigningKey(db: Database, configured?: string): Promise<SigningKey> {
	let byDb = cache.get(db);
	if (!byDb) cache.set(db, (byDb = new Map()));
	const slot = configured ?? '';
	let pending = byDb.get(slot);
	if (!pending) {
		pending = configured ? registerConfiguredKey(db, configured) : storedOrNewKey(db);
		byDb.set(slot, pending);
		// A failure (the database was down) is not remembered: the next call tries again.
		pending.catch(() => byDb.delete(slot));
	}
	return pending;
}

async function registerConfiguredKey(db: Database, configured: string): Promise<SigningKey> {
	const key = signingKeyFromPkcs8(configured);
	// Only the public half is stored: it must stay published, the private half stays in the setting.
	await db
		.insert(signingKeys)
		.values({ id: key.id, publicKey: publicKeyX(key.publicKey), privateKey: null })
		.onConflictDoNothing();
	return key;
}

async function storedOrNewKey(db: Database): Promise<SigningKey> {
	return db.transaction(async (tx) => {
		// Two instances on a fresh database must not each make a key: the second waits, then finds it.
		await tx.execute(sql`select pg_advisory_xact_lock(${SIGNING_KEY_LOCK})`);
		const [stored] = await tx
			.select()
			.from(signingKeys)
			.where(isNotNull(signingKeys.privateKey))
			.orderBy(desc(signingKeys.createdAt))
			.limit(1);
		if (stored?.privateKey) return signingKeyFromPkcs8(stored.privateKey);
		const { key, pkcs8 } = generateSigningKey();
		await tx
			.insert(signingKeys)
			.values({ id: key.id, publicKey: publicKeyX(key.publicKey), privateKey: pkcs8 });
		return key;
	});
}

/** Every key that may have signed a certificate, oldest first. */
export async function publishedKeys(db: Database): Promise<PublishedKey[]> {
	return db
		.select({ id: signingKeys.id, x: signingKeys.publicKey })
		.from(signingKeys)
		.orderBy(asc(signingKeys.createdAt), asc(signingKeys.id));
}

/** The published keys as a verifier's trusted set (the CLI's default). */
export async function trustedKeys(db: Database): Promise<PublicKeySet> {
	return new Map((await publishedKeys(db)).map((k) => [k.id, publicKeyFromX(k.x)]));
}
