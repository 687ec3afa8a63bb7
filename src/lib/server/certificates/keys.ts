import {
	createHash,
	createPrivateKey,
	createPublicKey,
	generateKeyPairSync,
	type KeyObject
} from 'node:crypto';
import { canonicalize } from './canonical';
import { ed25519Multikey } from './base58';

/** A key that signs certificates; its id is published with the public key. */
export interface SigningKey {
	id: string;
	privateKey: KeyObject;
	publicKey: KeyObject;
}

/** The public keys a verifier trusts, by key id. */
export type PublicKeySet = Map<string, KeyObject>;

/** The public key's 32 bytes, base64url: the "x" of its JWK. */
export function publicKeyX(publicKey: KeyObject): string {
	const jwk = publicKey.export({ format: 'jwk' });
	if (jwk.kty !== 'OKP' || jwk.crv !== 'Ed25519' || !jwk.x) throw new Error('not an Ed25519 key');
	return jwk.x;
}

/** RFC 7638 thumbprint of the public key's JWK: a key id anyone can recompute from the key itself. */
export function keyIdOf(publicKey: KeyObject): string {
	const members = { crv: 'Ed25519', kty: 'OKP', x: publicKeyX(publicKey) };
	return createHash('sha256').update(canonicalize(members)).digest('base64url');
}

export function publicKeyFromX(x: string): KeyObject {
	return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x }, format: 'jwk' });
}

/** A key from base64 PKCS#8 (the CERTIFICATE_SIGNING_KEY setting, or a stored generated key). */
export function signingKeyFromPkcs8(base64: string): SigningKey {
	const privateKey = createPrivateKey({
		key: Buffer.from(base64, 'base64'),
		format: 'der',
		type: 'pkcs8'
	});
	if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error('not an Ed25519 private key');
	const publicKey = createPublicKey(privateKey);
	return { id: keyIdOf(publicKey), privateKey, publicKey };
}

export function generateSigningKey(): { key: SigningKey; pkcs8: string } {
	const { privateKey } = generateKeyPairSync('ed25519');
	const pkcs8 = privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64');
	return { key: signingKeyFromPkcs8(pkcs8), pkcs8 };
}

export interface PublishedKey {
	id: string;
	/** base64url of the 32-byte public key. */
	x: string;
}

/**
 * The published key document: a JWK set (RFC 7517) that DataIntegrityProof verifiers can also read,
 * since each key carries its Multikey form and the document lists them as verification methods.
 */
export function keyDocument(keys: PublishedKey[], documentUrl: string, issuerId: string) {
	const multikey = (x: string) => ed25519Multikey(Buffer.from(x, 'base64url'));
	return {
		keys: keys.map((k) => ({
			kty: 'OKP',
			crv: 'Ed25519',
			x: k.x,
			kid: k.id,
			alg: 'EdDSA',
			use: 'sig'
		})),
		id: documentUrl,
		verificationMethod: keys.map((k) => ({
			id: `${documentUrl}#${k.id}`,
			type: 'Multikey',
			controller: issuerId,
			publicKeyMultibase: multikey(k.x)
		})),
		assertionMethod: keys.map((k) => `${documentUrl}#${k.id}`)
	};
}

/**
 * The keys of a JWK set (such as the published document, saved to a file), for verifying offline.
 * Throws with a readable reason when the set is unusable.
 */
export function keysFromJwks(document: unknown): PublicKeySet {
	const list = (document as { keys?: unknown })?.keys;
	if (!Array.isArray(list)) throw new Error('not a JWK set: no "keys" array');
	const keys: PublicKeySet = new Map();
	for (const jwk of list as Record<string, unknown>[]) {
		if (jwk?.kty !== 'OKP' || jwk.crv !== 'Ed25519' || typeof jwk.x !== 'string') continue;
		const publicKey = publicKeyFromX(jwk.x);
		// A key is known by its thumbprint whatever "kid" the file claims, and also by that kid.
		keys.set(keyIdOf(publicKey), publicKey);
		if (typeof jwk.kid === 'string') keys.set(jwk.kid, publicKey);
	}
	if (keys.size === 0) throw new Error('the JWK set has no Ed25519 key');
	return keys;
}

/**
 * The issuer's address, from its key document's own `id` (…/.well-known/sach-hon-keys.json): where a
 * credential signed by one of its keys is checked online. Undefined when the document does not say.
 */
export function issuerOriginOf(document: unknown): string | undefined {
	const id = (document as { id?: unknown })?.id;
	if (typeof id !== 'string') return undefined;
	try {
		const url = new URL(id);
		return url.protocol === 'https:' || url.protocol === 'http:' ? url.origin : undefined;
	} catch {
		return undefined;
	}
}
