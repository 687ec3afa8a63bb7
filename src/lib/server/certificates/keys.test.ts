import { describe, expect, it } from 'vitest';
import {
	generateSigningKey,
	keyDocument,
	keyIdOf,
	keysFromJwks,
	publicKeyFromX,
	publicKeyX,
	signingKeyFromPkcs8
} from './keys';

describe('signing keys', () => {
	it('reads back a generated key from its PKCS#8 form, with the same id', () => {
		const { key, pkcs8 } = generateSigningKey();
		const again = signingKeyFromPkcs8(pkcs8);
		expect(again.id).toBe(key.id);
		expect(key.id).toMatch(/^[A-Za-z0-9_-]{43}$/);
		expect(publicKeyX(again.publicKey)).toBe(publicKeyX(key.publicKey));
	});

	it('names a key by its RFC 7638 thumbprint', () => {
		// RFC 8037, appendix A.3: the thumbprint of its Ed25519 example key.
		const key = publicKeyFromX('11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo');
		expect(keyIdOf(key)).toBe('kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k');
	});

	it('refuses a key of another kind', () => {
		expect(() => signingKeyFromPkcs8(Buffer.from('nonsense').toString('base64'))).toThrow();
	});

	it('publishes keys as a JWK set that reads back, and as Multikey verification methods', () => {
		const { key } = generateSigningKey();
		const url = 'https://sxsh.example.vn/.well-known/sach-hon-keys.json';
		const doc = keyDocument(
			[{ id: key.id, x: publicKeyX(key.publicKey) }],
			url,
			'https://sxsh.example.vn/'
		);
		expect(doc.keys[0]).toMatchObject({ kty: 'OKP', crv: 'Ed25519', kid: key.id, alg: 'EdDSA' });
		expect(doc.verificationMethod[0].id).toBe(`${url}#${key.id}`);
		expect(doc.verificationMethod[0].publicKeyMultibase).toMatch(/^z6Mk/);
		const keys = keysFromJwks(JSON.parse(JSON.stringify(doc)));
		expect(keys.get(key.id)?.equals(key.publicKey)).toBe(true);
	});

	it('says why a JWK set is unusable', () => {
		expect(() => keysFromJwks({})).toThrow(/no "keys" array/);
		expect(() => keysFromJwks({ keys: [{ kty: 'RSA' }] })).toThrow(/no Ed25519 key/);
	});
});
