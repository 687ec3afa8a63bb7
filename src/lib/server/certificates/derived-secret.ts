/**
 * Secrets derived from the certificate signing key, one per use (HKDF-SHA256, each use its own
 * label): the workshop check-in codes (workshops/checkin.ts), the unsubscribe links in e-mails
 * (messages/unsubscribe.ts). The key is the CERTIFICATE_SIGNING_KEY setting, or else the key
 * generated on first use and kept in the database (keystore.ts), so every instance on one
 * database agrees without a setting of its own; a derived secret reveals nothing of the key nor
 * of another use's secret. Changing the signing key changes them all.
 */
import { hkdfSync } from 'node:crypto';
import type { Database } from '../db';
import { currentSigningKey } from './keystore';

const secrets = new WeakMap<Database, Map<string, Promise<Buffer>>>();

/** The secret for `label` of this database and signing-key setting; derived once and kept. */
export function derivedSecret(
	db: Database,
	label: string,
	configuredSigningKey?: string
): Promise<Buffer> {
	let byDb = secrets.get(db);
	if (!byDb) secrets.set(db, (byDb = new Map()));
	const slot = `${label}\n${configuredSigningKey ?? ''}`;
	let pending = byDb.get(slot);
	if (!pending) {
		pending = currentSigningKey(db, configuredSigningKey).then((key) =>
			deriveSecret(key.privateKey.export({ format: 'der', type: 'pkcs8' }), label)
		);
		byDb.set(slot, pending);
		// A failure (the database was down) is not remembered: the next call tries again.
		pending.catch(() => byDb.delete(slot));
	}
	return pending;
}

/** A 32-byte secret from key material under its own label. */
export function deriveSecret(keyMaterial: Buffer, label: string): Buffer {
	return Buffer.from(hkdfSync('sha256', keyMaterial, '', label, 32));
}
