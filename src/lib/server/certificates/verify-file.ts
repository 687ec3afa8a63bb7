/**
 * Offline verification of a downloaded credential, in either format: the signed JSON
 * (sach-hon-certificate) or the Open Badges 3.0 credential. Only the signature and the trusted keys
 * are consulted; whether a certificate was revoked since can only be seen online, at /verify/<code>.
 */
import { checkProof } from './data-integrity';
import { certificateLinks } from './links';
import type { PublicKeySet } from './keys';
import {
	certifiedTitle,
	CREDENTIAL_FORMAT,
	statementSchema,
	statementSignatureValid
} from './statement';

export interface CredentialSummary {
	name: string;
	course: string;
	issuer: string;
	completedAt?: string;
	validFrom?: string;
	validUntil?: string;
	number?: string;
	/**
	 * Where to check the certificate online: derived from the issuer's key document when it is known,
	 * else the credential's own link only when it is signed (Open Badges' id).
	 */
	verifyUrl?: string;
	/** The file's unsigned or differing verify link, when it is not `verifyUrl`: do not follow it. */
	untrustedVerifyUrl?: string;
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

/**
 * `input` is the file's text or its parsed JSON; `issuerOrigin` the issuer's address from its key
 * document (keys.ts issuerOriginOf), from which the verify address is derived rather than taken from
 * the file: the signed JSON's link lies outside the signature, and a holder of a revoked certificate
 * could point it at a page of their own.
 */
export function verifyCredentialFile(
	input: unknown,
	keys: PublicKeySet,
	issuerOrigin?: string
): FileVerification {
	let document: unknown = input;
	if (typeof input === 'string') {
		try {
			document = JSON.parse(input);
		} catch {
			return { ok: false, reason: 'malformed', detail: 'the file is not JSON' };
		}
	}
	if (!isObject(document)) return { ok: false, reason: 'malformed', detail: 'not a JSON object' };
	const trusted = (code: string | undefined) =>
		issuerOrigin && code ? certificateLinks(issuerOrigin).verify(code) : undefined;
	if (document.format === CREDENTIAL_FORMAT) return verifySignedJson(document, keys, trusted);
	const types = ([] as unknown[]).concat(document.type ?? []);
	if (types.includes('OpenBadgeCredential')) return verifyOpenBadge(document, keys, trusted);
	return {
		ok: false,
		reason: 'unknown_format',
		detail: 'neither a Sạch Hơn signed certificate nor an Open Badges 3.0 credential'
	};
}

type TrustedVerify = (code: string | undefined) => string | undefined;

/** The verify address to give, and the file's own link when it is not that one. */
function verifyAddresses(
	trusted: string | undefined,
	claimed: string | undefined,
	claimSigned: boolean
): Pick<CredentialSummary, 'verifyUrl' | 'untrustedVerifyUrl'> {
	const verifyUrl = trusted ?? (claimSigned ? claimed : undefined);
	return {
		verifyUrl,
		untrustedVerifyUrl: claimed && claimed !== verifyUrl ? claimed : undefined
	};
}

function verifySignedJson(
	document: Json,
	keys: PublicKeySet,
	trusted: TrustedVerify
): FileVerification {
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
			course: certifiedTitle(s),
			issuer: s.issuer.name,
			number: s.number,
			completedAt: s.completedAt,
			validFrom: s.issuedAt,
			validUntil: s.expiresAt,
			// links.verify is not signed: never trusted on its own.
			...verifyAddresses(
				trusted(s.code),
				isObject(document.links) && typeof document.links.verify === 'string'
					? document.links.verify
					: undefined,
				false
			)
		}
	};
}

function verifyOpenBadge(
	document: Json,
	keys: PublicKeySet,
	trusted: TrustedVerify
): FileVerification {
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
			// The id is signed with the rest, but is still compared with the issuer's own address.
			...verifyAddresses(trusted(codeOf(document.id)), stringOrUndefined(document.id), true)
		}
	};
}

const stringOrUndefined = (v: unknown) => (typeof v === 'string' ? v : undefined);

/** The code at the end of a …/verify/<code> address. */
function codeOf(id: unknown): string | undefined {
	if (typeof id !== 'string') return undefined;
	const match = id.match(/\/verify\/([^/?#]+)$/);
	return match ? decodeURIComponent(match[1]) : undefined;
}
