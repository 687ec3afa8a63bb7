/**
 * Data Integrity proofs with the eddsa-jcs-2022 cryptosuite (W3C vc-di-eddsa): the signature covers
 * SHA-256(JCS(proof configuration)) followed by SHA-256(JCS(document without its proof)), and is
 * written as a base58btc multibase value.
 */
import { createHash, sign, verify, type KeyObject } from 'node:crypto';
import { decodeMultibase, encodeMultibase } from './base58';
import { canonicalize } from './canonical';

export const CRYPTOSUITE = 'eddsa-jcs-2022';

export interface ProofOptions {
	verificationMethod: string;
	/** ISO date-time without milliseconds, e.g. 2026-03-05T02:00:00Z. */
	created: string;
	proofPurpose?: string;
}

export interface DataIntegrityProof {
	type: 'DataIntegrityProof';
	cryptosuite: typeof CRYPTOSUITE;
	created: string;
	verificationMethod: string;
	proofPurpose: string;
	'@context'?: unknown;
	proofValue: string;
}

type Document = Record<string, unknown>;

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest();

function hashData(unsecured: Document, proofConfig: Record<string, unknown>): Buffer {
	return Buffer.concat([sha256(canonicalize(proofConfig)), sha256(canonicalize(unsecured))]);
}

/** Adds a proof to a document (which must have no proof yet). */
export function addProof<T extends Document>(
	document: T,
	key: KeyObject,
	options: ProofOptions
): T & { proof: DataIntegrityProof } {
	const proof: Omit<DataIntegrityProof, 'proofValue'> = {
		type: 'DataIntegrityProof',
		cryptosuite: CRYPTOSUITE,
		created: options.created,
		verificationMethod: options.verificationMethod,
		proofPurpose: options.proofPurpose ?? 'assertionMethod',
		// As the current specification does: the proof repeats the document's contexts.
		...(document['@context'] !== undefined ? { '@context': document['@context'] } : {})
	};
	const signature = sign(null, hashData(document, proof), key);
	return { ...document, proof: { ...proof, proofValue: encodeMultibase(signature) } };
}

export type ProofCheck =
	| { ok: true; verificationMethod: string }
	| { ok: false; reason: 'no_proof' | 'unsupported_proof' | 'unknown_key' | 'bad_signature' };

/**
 * Checks a document's eddsa-jcs-2022 proof; `resolveKey` finds the public key a verification method
 * names (undefined when it is not one we trust).
 */
export function checkProof(
	secured: Document,
	resolveKey: (verificationMethod: string) => KeyObject | undefined
): ProofCheck {
	const { proof, ...unsecured } = secured;
	if (!proof || typeof proof !== 'object' || Array.isArray(proof)) {
		return { ok: false, reason: 'no_proof' };
	}
	const { proofValue, ...options } = proof as Record<string, unknown>;
	if (
		options.type !== 'DataIntegrityProof' ||
		options.cryptosuite !== CRYPTOSUITE ||
		typeof proofValue !== 'string' ||
		typeof options.verificationMethod !== 'string'
	) {
		return { ok: false, reason: 'unsupported_proof' };
	}
	const key = resolveKey(options.verificationMethod);
	if (!key) return { ok: false, reason: 'unknown_key' };
	if (options['@context'] !== undefined) {
		// The proof's contexts must begin the document's, in order; they are what was signed.
		const proofContexts = ([] as unknown[]).concat(options['@context']);
		const documentContexts = ([] as unknown[]).concat(unsecured['@context'] ?? []);
		const prefix = proofContexts.every(
			(c, i) => canonicalize(c) === canonicalize(documentContexts[i] ?? null)
		);
		if (!prefix) return { ok: false, reason: 'bad_signature' };
		unsecured['@context'] = options['@context'];
	}
	const config = { ...options, '@context': unsecured['@context'] };
	let signature: Uint8Array;
	try {
		signature = decodeMultibase(proofValue);
	} catch {
		return { ok: false, reason: 'bad_signature' };
	}
	let valid = false;
	try {
		valid = signature.length === 64 && verify(null, hashData(unsecured, config), key, signature);
	} catch {
		valid = false;
	}
	return valid
		? { ok: true, verificationMethod: options.verificationMethod }
		: { ok: false, reason: 'bad_signature' };
}
