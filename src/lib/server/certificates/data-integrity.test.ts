import { createPrivateKey, createPublicKey } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decodeMultibase } from './base58';
import { addProof, checkProof } from './data-integrity';

// The W3C vc-di-eddsa test vectors for eddsa-jcs-2022: key pair, credential and its proof.
const secret = decodeMultibase('z3u2en7t5LR2WtQH5PfFqMqwVHBeXouLzo6haApm8XHqvjxq').slice(2);
const privateKey = createPrivateKey({
	key: Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), secret]),
	format: 'der',
	type: 'pkcs8'
});
const publicKey = createPublicKey(privateKey);
const contexts = [
	'https://www.w3.org/ns/credentials/v2',
	'https://www.w3.org/ns/credentials/examples/v2'
];
const credential = {
	'@context': contexts,
	id: 'urn:uuid:58172aac-d8ba-11ed-83dd-0b3aef56cc33',
	type: ['VerifiableCredential', 'AlumniCredential'],
	name: 'Alumni Credential',
	description: 'A minimum viable example of an Alumni Credential.',
	issuer: 'https://vc.example/issuers/5678',
	validFrom: '2023-01-01T00:00:00Z',
	credentialSubject: { id: 'did:example:abcdefgh', alumniOf: 'The School of Examples' }
};
const verificationMethod =
	'https://vc.example/issuers/5678#z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2';
const expectedProofValue =
	'z63t83Y53KfzJ5ZosfKTnqfMcKB2dmTrfjSaQjeNNjAD5srBowQfmWqeRb8rRjmeEuCBEsddF9LsVogtuTsijJKh4';

const resolve = (vm: string) => (vm === verificationMethod ? publicKey : undefined);

describe('eddsa-jcs-2022 proofs', () => {
	it('reproduces the W3C test vector exactly', () => {
		const signed = addProof(credential, privateKey, {
			verificationMethod,
			created: '2023-02-24T23:36:38Z'
		});
		expect(signed.proof).toEqual({
			type: 'DataIntegrityProof',
			cryptosuite: 'eddsa-jcs-2022',
			created: '2023-02-24T23:36:38Z',
			verificationMethod,
			proofPurpose: 'assertionMethod',
			'@context': contexts,
			proofValue: expectedProofValue
		});
		expect(checkProof(signed, resolve)).toEqual({ ok: true, verificationMethod });
	});

	it('fails a changed document, a changed proof and an unknown key', () => {
		const signed = addProof(credential, privateKey, {
			verificationMethod,
			created: '2023-02-24T23:36:38Z'
		});
		const tampered = JSON.parse(JSON.stringify(signed));
		tampered.credentialSubject.alumniOf = 'The School of Forgeries';
		expect(checkProof(tampered, resolve)).toEqual({ ok: false, reason: 'bad_signature' });
		const laterProof = JSON.parse(JSON.stringify(signed));
		laterProof.proof.created = '2024-01-01T00:00:00Z';
		expect(checkProof(laterProof, resolve)).toEqual({ ok: false, reason: 'bad_signature' });
		const garbled = { ...signed, proof: { ...signed.proof, proofValue: 'z0OIl' } };
		expect(checkProof(garbled, resolve)).toEqual({ ok: false, reason: 'bad_signature' });
		expect(checkProof(signed, () => undefined)).toEqual({ ok: false, reason: 'unknown_key' });
		expect(checkProof(credential, resolve)).toEqual({ ok: false, reason: 'no_proof' });
		const other = { ...signed, proof: { ...signed.proof, cryptosuite: 'eddsa-rdfc-2022' } };
		expect(checkProof(other, resolve)).toEqual({ ok: false, reason: 'unsupported_proof' });
	});
});
