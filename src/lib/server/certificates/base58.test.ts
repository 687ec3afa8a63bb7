import { createPrivateKey, createPublicKey } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
	decodeBase58,
	decodeMultibase,
	ed25519Multikey,
	encodeBase58,
	encodeMultibase
} from './base58';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('base58btc', () => {
	it('encodes the usual test vectors', () => {
		expect(encodeBase58(bytes('Hello World!'))).toBe('2NEpo7TZRRrLZSi2U');
		expect(encodeBase58(bytes('The quick brown fox jumps over the lazy dog.'))).toBe(
			'USm3fpXnKG5EUBx2ndxBDMPVciP5hGey2Jh4NDv6gmeo1LkMeiKrLJUUBk6Z'
		);
		expect(encodeBase58(Uint8Array.from([0, 0, 0x28, 0x7f, 0xb4, 0xcd]))).toBe('11233QC4');
		expect(encodeBase58(new Uint8Array())).toBe('');
	});

	it('decodes what it encodes, leading zeros included', () => {
		for (const sample of [[0], [0, 0, 1, 2, 255], [...bytes('Giấy chứng nhận')]]) {
			const data = Uint8Array.from(sample);
			expect(decodeBase58(encodeBase58(data))).toEqual(data);
			expect(decodeMultibase(encodeMultibase(data))).toEqual(data);
		}
		expect(() => decodeBase58('0OIl')).toThrow(/not a base58 character/);
		expect(() => decodeMultibase('u1234')).toThrow(/multibase/);
	});

	it('writes an Ed25519 public key as the Multikey of the EdDSA cryptosuite test vectors', () => {
		// The key pair of the W3C vc-di-eddsa test vectors: secret key (multicodec 0x8026) and public key.
		const secret = decodeMultibase('z3u2en7t5LR2WtQH5PfFqMqwVHBeXouLzo6haApm8XHqvjxq');
		expect([...secret.slice(0, 2)]).toEqual([0x80, 0x26]);
		const pkcs8 = Buffer.concat([
			Buffer.from('302e020100300506032b657004220420', 'hex'),
			secret.slice(2)
		]);
		const publicKey = createPublicKey(
			createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' })
		);
		const raw = Buffer.from(publicKey.export({ format: 'jwk' }).x!, 'base64url');
		expect(ed25519Multikey(raw)).toBe('z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2');
	});
});
