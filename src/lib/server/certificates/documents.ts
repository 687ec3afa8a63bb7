/**
 * An issued certificate's PDF, rendered once and served as stored bytes from then on: what it prints
 * (the signed statement and the /verify address of its QR code) does not change, and revocation shows
 * on /verify, not in the file. It is rendered again only when
 * - the address printed changes (the site moved to another ORIGIN): rendered for the new one and
 *   stored in place of the old, or
 * - the statement is signed again (erasure leaves the holder's name only): `resignCertificate` is the
 *   one way a statement changes, and it drops the stored PDF in the same transaction.
 */
import { createHash } from 'node:crypto';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { certificateDocuments, certificates, type Certificate } from '$db/schema';
import type { Database } from '../db';
import { preparedQuery } from '../db/prepared';
import type { SigningKey } from './keys';
import type { CertificateLinks } from './links';
import { renderCertificatePdf } from './pdf';
import { signStatement, type CertificateStatement } from './statement';

export interface CertificateDocument {
	pdf: Uint8Array;
	/** Strong ETag (quoted): the SHA-256 of the bytes. */
	etag: string;
}

export type CertificateRenderer = (
	statement: CertificateStatement,
	verifyUrl: string
) => Promise<Uint8Array>;

/** The certificate as this module needs it: its statement and the signature that seals it. */
export type DocumentSource = Pick<Certificate, 'id' | 'credential' | 'signature'>;

const storedQuery = preparedQuery('certificate_document', (db, name) =>
	db
		.select({ pdf: certificateDocuments.pdf, etag: certificateDocuments.etag })
		.from(certificateDocuments)
		.where(
			and(
				eq(certificateDocuments.certificateId, sql.placeholder('certificateId')),
				eq(certificateDocuments.verifyUrl, sql.placeholder('verifyUrl'))
			)
		)
		.prepare(name)
);

/** The PDF stored for this certificate and address, if any. */
async function storedDocument(
	db: Database,
	certificateId: string,
	verifyUrl: string
): Promise<CertificateDocument | undefined> {
	const query = storedQuery(db);
	const [row] = await query.execute({ certificateId, verifyUrl });
	return row;
}

export function documentEtag(pdf: Uint8Array): string {
	return `"${createHash('sha256').update(pdf).digest('base64url')}"`;
}

/**
 * The PDF of an issued certificate printing `verifyUrl`: the stored one, or rendered now and stored
 * (two first requests at once both render, and the later write wins with the same content). Access
 * is the caller's to check, on every request.
 */
export async function certificateDocument(
	db: Database,
	certificate: DocumentSource,
	verifyUrl: string,
	render: CertificateRenderer = renderCertificatePdf
): Promise<CertificateDocument> {
	const stored = await storedDocument(db, certificate.id, verifyUrl);
	if (stored) return stored;
	const pdf = await render(certificate.credential as CertificateStatement, verifyUrl);
	const document = { pdf, etag: documentEtag(pdf) };
	await db.transaction(async (tx) => {
		// Stored only if the statement rendered is still the certificate's: a re-signing (erasure)
		// that committed while this rendered must not have its old personal data put back. The share
		// lock makes a re-signing under way wait for this write, and then drop it.
		const [current] = await tx
			.select({ id: certificates.id })
			.from(certificates)
			.where(
				and(eq(certificates.id, certificate.id), eq(certificates.signature, certificate.signature))
			)
			.for('share');
		if (!current) return;
		await tx
			.insert(certificateDocuments)
			.values({ certificateId: certificate.id, verifyUrl, ...document })
			.onConflictDoUpdate({
				target: certificateDocuments.certificateId,
				set: { verifyUrl, ...document, renderedAt: sql`now()` }
			});
	});
	return document;
}

/**
 * Renders and stores, one after another, the PDFs not stored yet for these addresses (all issued
 * certificates, or those of `codes`); returns how many it rendered. Downloads do this by themselves:
 * this is for doing it ahead, e.g. after a move to another ORIGIN or on a copy of the data to measure.
 */
export async function renderMissingDocuments(
	db: Database,
	links: Pick<CertificateLinks, 'verify'>,
	codes?: string[],
	render: CertificateRenderer = renderCertificatePdf
): Promise<number> {
	const rows = await db
		.select({
			id: certificates.id,
			code: certificates.code,
			credential: certificates.credential,
			signature: certificates.signature,
			storedFor: certificateDocuments.verifyUrl
		})
		.from(certificates)
		.leftJoin(certificateDocuments, eq(certificateDocuments.certificateId, certificates.id))
		.where(codes ? inArray(certificates.code, codes) : undefined)
		.orderBy(certificates.registerNumber);
	let rendered = 0;
	for (const row of rows) {
		const verifyUrl = links.verify(row.code);
		if (row.storedFor === verifyUrl) continue;
		await certificateDocument(db, row, verifyUrl, render);
		rendered++;
	}
	return rendered;
}

/** Columns that may change with a re-signing; none of them is printed (the statement is). */
type ResignColumns = Partial<Pick<Certificate, 'dateOfBirth' | 'organisationName'>>;

/**
 * Signs a certificate's statement again (e.g. without the date of birth and organisation after an
 * erasure) and drops its stored PDF, so the next download prints the new statement. The one place a
 * signed statement is replaced: call it in the transaction that decides the change.
 */
export async function resignCertificate(
	tx: Database,
	certificateId: string,
	statement: CertificateStatement,
	key: SigningKey,
	columns: ResignColumns = {}
): Promise<void> {
	await tx
		.update(certificates)
		.set({
			...columns,
			credential: statement,
			signature: signStatement(statement, key),
			keyId: key.id
		})
		.where(eq(certificates.id, certificateId));
	await tx
		.delete(certificateDocuments)
		.where(eq(certificateDocuments.certificateId, certificateId));
}
