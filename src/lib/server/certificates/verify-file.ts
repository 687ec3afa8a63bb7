/**
 * Offline verification of a downloaded credential, in either format: the signed JSON
 * (sach-hon-certificate) or the Open Badges 3.0 credential. Only the signature and the trusted keys
 * are consulted; whether a certificate was revoked since can only be seen online, at /verify/<code>.
 */
import { checkProof } from './data-integrity';
import type { PublicKeySet } from './keys';
import { CREDENTIAL_FORMAT, statementSchema, statementSignatureValid } from './statement';

export interface CredentialSummary {
	name: string;
	course: string;
	issuer: string;
	completedAt?: string;
	validFrom?: string;
	validUntil?: string;
	number?: string;
	verifyUrl?: string;
}

export type FileVerification =
	| {
			ok: true;
			format: 'signed-json' | 'open-badges-3';
			keyId: string;
			summary: CredentialSummary;
	  }
	| {
			ok: false;
			reason:
				'malformed' | 'unknown_format' | 'unsupported_proof' | 'unknown_key' | 'bad_signature';
			detail: string;
	  };

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json =>
	typeof v === 'object' && v !== null && !Array.isArray(v);

/** `input` is the file's text or its parsed JSON. */
export function verifyCredentialFile(input: unknown, keys: PublicKeySet): FileVerification {
	let document: unknown = input;
	if (typeof input === 'string') {
		try {
			document = JSON.parse(input);
		} catch {
			return { ok: false, reason: 'malformed', detail: 'the file is not JSON' };
		}
	}
	if (!isObject(document)) return { ok: false, reason: 'malformed', detail: 'not a JSON object' };
	if (document.format === CREDENTIAL_FORMAT) return verifySignedJson(document, keys);
	const types = ([] as unknown[]).concat(document.type ?? []);
	if (types.includes('OpenBadgeCredential')) return verifyOpenBadge(document, keys);
	return {
		ok: false,
		reason: 'unknown_format',
		detail: 'neither a Sạch Hơn signed certificate nor an Open Badges 3.0 credential'
	};
}

function verifySignedJson(document: Json, keys: PublicKeySet): FileVerification {
	const parsed = statementSchema.safeParse(document.statement);
	const signature = document.signature as Json | undefined;
	if (!parsed.success || !isObject(signature) || typeof signature.value !== 'string') {
		return {
			ok: false,
			reason: 'malformed',
			detail: 'the statement or its signature is incomplete'
		};
	}
	const keyId = String(signature.keyId ?? '');
	const key = keys.get(keyId);
	if (!key) return { ok: false, reason: 'unknown_key', detail: `no trusted key "${keyId}"` };
	// The statement as it stands in the file, unknown members included: all of it was signed.
	if (!statementSignatureValid(document.statement, signature.value, key)) {
		return {
			ok: false,
			reason: 'bad_signature',
			detail: 'the signature does not match the statement: it was altered or not signed by this key'
		};
	}
	const s = parsed.data;
	return {
		ok: true,
		format: 'signed-json',
		keyId,
		summary: {
			name: s.holder.name,
			course: s.course.title.vi,
			issuer: s.issuer.name,
			number: s.number,
			completedAt: s.completedAt,
			validFrom: s.issuedAt,
			validUntil: s.expiresAt,
			verifyUrl: isObject(document.links) ? String(document.links.verify ?? '') : undefined
		}
	};
}

function verifyOpenBadge(document: Json, keys: PublicKeySet): FileVerification {
	let keyId = '';
	const result = checkProof(document, (verificationMethod) => {
		keyId = verificationMethod.slice(verificationMethod.lastIndexOf('#') + 1);
		return keys.get(keyId);
	});
	if (!result.ok) {
		const detail = {
			no_proof: 'the credential has no proof',
			unsupported_proof: 'the proof is not a DataIntegrityProof with eddsa-jcs-2022',
			unknown_key: `no trusted key "${keyId}"`,
			bad_signature:
				'the proof does not match the credential: it was altered or not signed by this key'
		}[result.reason];
		const reason = result.reason === 'no_proof' ? 'unsupported_proof' : result.reason;
		return { ok: false, reason, detail };
	}
	const subject = document.credentialSubject as Json | undefined;
	const identifier = ([] as Json[]).concat((subject?.identifier as Json[]) ?? [])[0];
	const achievement = subject?.achievement as Json | undefined;
	const issuer = document.issuer as Json | string | undefined;
	return {
		ok: true,
		format: 'open-badges-3',
		keyId,
		summary: {
			name: String(identifier?.identityHash ?? ''),
			course: String(achievement?.name ?? ''),
			issuer: String(isObject(issuer) ? (issuer.name ?? issuer.id) : (issuer ?? '')),
			completedAt: subject?.activityEndDate as string | undefined,
			validFrom: document.validFrom as string | undefined,
			validUntil: document.validUntil as string | undefined,
			verifyUrl: typeof document.id === 'string' ? document.id : undefined
		}
	};
}
