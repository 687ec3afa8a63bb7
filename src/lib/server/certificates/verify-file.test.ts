import { describe, expect, it } from 'vitest';
import { signedOpenBadge } from './badge';
import { generateSigningKey, keyDocument, keysFromJwks, publicKeyX, type SigningKey } from './keys';
import { certificateLinks } from './links';
import { signStatement, signedCredential } from './statement';
import { sampleStatement } from '$testing/certificates';
import { verifyCredentialFile } from './verify-file';

const links = certificateLinks('https://sxsh.example.vn');

function trusted(...keys: SigningKey[]) {
	const doc = keyDocument(
		keys.map((k) => ({ id: k.id, x: publicKeyX(k.publicKey) })),
		links.keys,
		links.issuer
	);
	return keysFromJwks(JSON.parse(JSON.stringify(doc)));
}

function signedJson(key: SigningKey) {
	const statement = sampleStatement();
	const file = signedCredential(
		{ credential: statement, signature: signStatement(statement, key), keyId: key.id },
		{ verify: links.verify(statement.code), keys: links.keys }
	);
	// As downloaded: through JSON text, pretty-printed.
	return JSON.stringify(file, null, 2);
}

const badgeFile = (key: SigningKey) =>
	JSON.stringify(
		signedOpenBadge(sampleStatement(), links, key, new Date('2026-03-05T02:00:00Z')),
		null,
		2
	);

describe('offline verification of a downloaded credential', () => {
	const { key } = generateSigningKey();
	const keys = trusted(key);

	it("accepts the signed JSON and summarises it, with the issuer's verify address", () => {
		const result = verifyCredentialFile(signedJson(key), keys, 'https://sxsh.example.vn');
		expect(result).toEqual({
			ok: true,
			format: 'signed-json',
			keyId: key.id,
			summary: expect.objectContaining({
				name: 'Nguyễn Thị Ánh Tuyết',
				course: 'Đánh giá sản xuất sạch hơn dành cho tư vấn viên',
				number: 'SH-2026-000123',
				verifyUrl: 'https://sxsh.example.vn/verify/K7QM4XR9TZ2B',
				untrustedVerifyUrl: undefined
			})
		});
	});

	it("never takes the signed JSON's unsigned verify link as the verify address", () => {
		const forged = JSON.parse(signedJson(key));
		forged.links.verify = 'https://fake-verify.example/K7QM4XR9TZ2B';
		const withIssuer = verifyCredentialFile(forged, keys, 'https://sxsh.example.vn');
		expect(withIssuer.ok && withIssuer.summary).toMatchObject({
			verifyUrl: 'https://sxsh.example.vn/verify/K7QM4XR9TZ2B',
			untrustedVerifyUrl: 'https://fake-verify.example/K7QM4XR9TZ2B'
		});
		const unknownIssuer = verifyCredentialFile(forged, keys);
		expect(unknownIssuer.ok && unknownIssuer.summary).toMatchObject({
			verifyUrl: undefined,
			untrustedVerifyUrl: 'https://fake-verify.example/K7QM4XR9TZ2B'
		});
	});

	it('accepts the Open Badges 3.0 credential, shaped as OB 3.0 asks', () => {
		const text = badgeFile(key);
		const badge = JSON.parse(text);
		expect(badge['@context'][0]).toBe('https://www.w3.org/ns/credentials/v2');
		expect(badge.type).toEqual(['VerifiableCredential', 'OpenBadgeCredential']);
		expect(badge.issuer.type).toEqual(['Profile']);
		expect(badge.credentialSubject.achievement.criteria.narrative).toMatch(/24 giờ/);
		expect(badge.validUntil).toBe('2029-03-04T09:15:00.000Z');
		expect(badge.proof.verificationMethod).toBe(`${links.keys}#${key.id}`);
		const result = verifyCredentialFile(text, keys);
		expect(result.ok && result.format).toBe('open-badges-3');
		expect(result.ok && result.summary.name).toBe('Nguyễn Thị Ánh Tuyết');
	});

	it('fails a tampered credential in either format', () => {
		const plain = JSON.parse(signedJson(key));
		plain.statement.holder.name = 'Nguyễn Thị Ánh Tuyet';
		expect(verifyCredentialFile(plain, keys)).toMatchObject({ ok: false, reason: 'bad_signature' });
		const badge = JSON.parse(badgeFile(key));
		badge.validUntil = '2099-01-01T00:00:00.000Z';
		expect(verifyCredentialFile(badge, keys)).toMatchObject({ ok: false, reason: 'bad_signature' });
	});

	it('fails a credential signed by a key it does not trust', () => {
		const stranger = generateSigningKey().key;
		expect(verifyCredentialFile(signedJson(stranger), keys)).toMatchObject({
			ok: false,
			reason: 'unknown_key'
		});
		// Even when the forger names a trusted key id.
		const forged = JSON.parse(signedJson(stranger));
		forged.signature.keyId = key.id;
		expect(verifyCredentialFile(forged, keys)).toMatchObject({
			ok: false,
			reason: 'bad_signature'
		});
		expect(verifyCredentialFile(badgeFile(stranger), keys)).toMatchObject({
			ok: false,
			reason: 'unknown_key'
		});
	});

	it('says what is wrong with a file that is not a credential', () => {
		expect(verifyCredentialFile('{', keys)).toMatchObject({ reason: 'malformed' });
		expect(verifyCredentialFile('[]', keys)).toMatchObject({ reason: 'malformed' });
		expect(verifyCredentialFile({ hello: 'world' }, keys)).toMatchObject({
			reason: 'unknown_format'
		});
		expect(verifyCredentialFile({ format: 'sach-hon-certificate' }, keys)).toMatchObject({
			reason: 'malformed'
		});
	});
});
