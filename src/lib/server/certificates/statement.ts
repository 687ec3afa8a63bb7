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
export const statementSchema = z
	.object({
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
		/** The course completed; absent on a certificate of attendance. */
		course: z
			.object({
				id: z.string(),
				slug: z.string(),
				title: localised,
				version: z.number().int(),
				hours: z.number()
			})
			.optional(),
		/** Absent on a certificate of completion (statements signed before attendance existed too). */
		kind: z.literal('attendance').optional(),
		/** A certificate of attendance: the workshop and the sessions the holder attended. */
		workshop: z
			.object({
				id: z.string(),
				title: z.string(),
				venue: z.string(),
				sessions: z.array(z.object({ startsAt: z.string(), endsAt: z.string() })),
				hours: z.number(),
				course: z.object({ id: z.string(), slug: z.string(), title: localised }).optional()
			})
			.optional(),
		/** The graded work the completion rested on (e.g. the consultants' practicum). */
		assessments: z
			.array(
				z.object({
					title: localised,
					points: z.number(),
					maxPoints: z.number(),
					gradedAt: z.string()
				})
			)
			.optional(),
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
	})
	.refine((s) => (s.kind === 'attendance' ? s.workshop !== undefined : s.course !== undefined), {
		message: 'a certificate names the course completed or the workshop attended'
	});

export type CertificateStatement = z.infer<typeof statementSchema>;

/** What a certificate certifies, as printed: the course's title, or the workshop's. */
export function certifiedTitle(statement: CertificateStatement): string {
	return statement.kind === 'attendance'
		? (statement.workshop?.title ?? '')
		: (statement.course?.title.vi ?? '');
}

/** The hours printed: the course's, or those of the sessions attended. */
export function certifiedHours(statement: CertificateStatement): number {
	return statement.kind === 'attendance'
		? (statement.workshop?.hours ?? 0)
		: (statement.course?.hours ?? 0);
}

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
