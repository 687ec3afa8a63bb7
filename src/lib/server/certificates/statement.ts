/**
 * The certificate statement: what a certificate says, as printed, signed once at issue with Ed25519
 * over its canonical JSON (RFC 8785). The signed credential a learner downloads wraps it.
 */
import { sign, verify, type KeyObject } from 'node:crypto';
import { z } from 'zod';
import { canonicalBytes } from './canonical';
import type { SigningKey } from './keys';

export const STATEMENT_VERSION = 1;
export const CREDENTIAL_FORMAT = 'sach-hon-certificate';

const localised = z.object({ vi: z.string(), en: z.string().optional() });

/** Also used to read untrusted files: only the shape is checked here, the signature says the rest. */
export const statementSchema = z.object({
	version: z.literal(STATEMENT_VERSION),
	id: z.string(),
	code: z.string(),
	number: z.string(),
	registerNumber: z.number().int(),
	holder: z.object({
		name: z.string(),
		dateOfBirth: z.string().optional(),
		organisation: z.string().optional()
	}),
	course: z.object({
		id: z.string(),
		slug: z.string(),
		title: localised,
		version: z.number().int(),
		hours: z.number()
	}),
	completedAt: z.string(),
	issuedAt: z.string(),
	expiresAt: z.string().optional(),
	/** The number of the certificate this one renews. */
	renews: z.string().optional(),
	issuer: z.object({
		name: z.string(),
		place: z.string(),
		signatory: z.object({ title: z.string(), name: z.string().optional() })
	})
});

export type CertificateStatement = z.infer<typeof statementSchema>;

export function signStatement(statement: CertificateStatement, key: SigningKey): string {
	return sign(null, canonicalBytes(statement), key.privateKey).toString('base64url');
}

export function statementSignatureValid(
	statement: unknown,
	signature: string,
	publicKey: KeyObject
): boolean {
	try {
		const bytes = Buffer.from(signature, 'base64url');
		return bytes.length === 64 && verify(null, canonicalBytes(statement), publicKey, bytes);
	} catch {
		return false;
	}
}

/** The file a learner downloads: the statement, its signature, and where to check it online. */
export interface SignedCredential {
	format: typeof CREDENTIAL_FORMAT;
	statement: CertificateStatement;
	signature: {
		algorithm: 'Ed25519';
		canonicalization: 'RFC 8785';
		keyId: string;
		value: string;
	};
	/** Not signed: conveniences for whoever checks the file. */
	links: { verify: string; keys: string };
}

export function signedCredential(
	certificate: { credential: Record<string, unknown>; signature: string; keyId: string },
	links: { verify: string; keys: string }
): SignedCredential {
	return {
		format: CREDENTIAL_FORMAT,
		statement: certificate.credential as CertificateStatement,
		signature: {
			algorithm: 'Ed25519',
			canonicalization: 'RFC 8785',
			keyId: certificate.keyId,
			value: certificate.signature
		},
		links
	};
}
