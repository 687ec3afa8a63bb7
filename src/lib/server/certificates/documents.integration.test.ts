import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { certificateDocuments, certificates } from '$db/schema';
import { DEFAULT_CERTIFICATE_ISSUER, type CertificateConfig } from '../config';
import { createTestDatabase, testEngines } from '../db/test-helpers';
import type { Database, DatabaseHandle } from '../db';
import { erasePerson } from '../privacy/erasure';
import { makeCourse, makeGraduate, pdfText } from '$testing/certificates';
import {
	certificateDocument,
	documentEtag,
	renderMissingDocuments,
	type CertificateRenderer
} from './documents';
import { issueCertificate } from './issue';
import { certificateLinks } from './links';
import { renderCertificatePdf } from './pdf';
import { verifyCertificate } from './queries';
import { revokeCertificate } from './revoke';

const settings: CertificateConfig = {
	issuer: DEFAULT_CERTIFICATE_ISSUER,
	signatoryName: 'Trần Văn Bình',
	signatoryTitle: 'Giám đốc',
	place: 'Vĩnh Long',
	signingKey: undefined
};
const links = certificateLinks('https://sxsh.example.vn');
const moved = certificateLinks('https://hoc.sxsh.example.vn');

/** The real renderer, counting the documents it renders. */
function countingRenderer() {
	const rendered: string[] = [];
	const render: CertificateRenderer = async (statement, verifyUrl) => {
		rendered.push(verifyUrl);
		return renderCertificatePdf(statement, verifyUrl);
	};
	return { render, rendered };
}

describe.each(testEngines)('certificate documents on %s', (engine) => {
	let handle: DatabaseHandle;
	let db: Database;
	beforeAll(async () => {
		handle = await createTestDatabase(engine);
		db = handle.db;
	});
	afterAll(() => handle?.close());

	async function issued() {
		const course = await makeCourse(db);
		const learner = await makeGraduate(db, course.id, new Date('2026-03-04T09:15:00Z'));
		const result = await issueCertificate(db, {
			userId: learner.id,
			courseId: course.id,
			now: new Date('2026-03-05T02:00:00Z'),
			settings
		});
		if (!result.ok) throw new Error('not issued');
		return { learner, certificate: result.certificate };
	}
	const storedRows = (id: string) =>
		db.select().from(certificateDocuments).where(eq(certificateDocuments.certificateId, id));
	const reload = async (id: string) =>
		(await db.select().from(certificates).where(eq(certificates.id, id)))[0];

	it('renders on the first request and stores it; later requests get the same bytes unrendered', async () => {
		const { certificate } = await issued();
		const { render, rendered } = countingRenderer();
		expect(await storedRows(certificate.id)).toHaveLength(0);

		const first = await certificateDocument(
			db,
			certificate,
			links.verify(certificate.code),
			render
		);
		expect(rendered).toEqual([links.verify(certificate.code)]);
		expect(first.etag).toBe(documentEtag(first.pdf));
		expect(first.etag).toMatch(/^"[\w-]{43}"$/);
		const [row] = await storedRows(certificate.id);
		expect(row).toMatchObject({ verifyUrl: links.verify(certificate.code), etag: first.etag });
		expect(Buffer.from(row.pdf).equals(Buffer.from(first.pdf))).toBe(true);

		const second = await certificateDocument(
			db,
			certificate,
			links.verify(certificate.code),
			render
		);
		expect(rendered).toHaveLength(1);
		expect(second.etag).toBe(first.etag);
		expect(Buffer.from(second.pdf).equals(Buffer.from(first.pdf))).toBe(true);
		expect((await storedRows(certificate.id))[0].renderedAt).toEqual(row.renderedAt);
		const text = (await pdfText(second.pdf)).normalize('NFC');
		expect(text).toContain(certificate.number);
		expect(text).toContain(links.verify(certificate.code));
	});

	it('stores one document when two first requests come at once', async () => {
		const { certificate } = await issued();
		const { render, rendered } = countingRenderer();
		const url = links.verify(certificate.code);
		const both = await Promise.all([
			certificateDocument(db, certificate, url, render),
			certificateDocument(db, certificate, url, render)
		]);
		expect(both.map((d) => d.pdf.length).every((n) => n > 0)).toBe(true);
		const rows = await storedRows(certificate.id);
		expect(rows).toHaveLength(1);
		expect([both[0].etag, both[1].etag]).toContain(rows[0].etag);
		await certificateDocument(db, certificate, url, render);
		expect(rendered.length).toBeLessThanOrEqual(2);
		expect(rendered.length).toBeGreaterThanOrEqual(1);
	});

	it('renders again for another address, and replaces the stored one', async () => {
		const { certificate } = await issued();
		const { render, rendered } = countingRenderer();
		const before = await certificateDocument(
			db,
			certificate,
			links.verify(certificate.code),
			render
		);
		const after = await certificateDocument(
			db,
			certificate,
			moved.verify(certificate.code),
			render
		);
		expect(rendered).toEqual([links.verify(certificate.code), moved.verify(certificate.code)]);
		expect(after.etag).not.toBe(before.etag);
		expect(await pdfText(after.pdf)).toContain(moved.verify(certificate.code));
		const rows = await storedRows(certificate.id);
		expect(rows.map((r) => [r.verifyUrl, r.etag])).toEqual([
			[moved.verify(certificate.code), after.etag]
		]);
		await certificateDocument(db, certificate, moved.verify(certificate.code), render);
		expect(rendered).toHaveLength(2);
	});

	it('drops the stored PDF when erasure signs the certificate again without the birth date', async () => {
		const { learner, certificate } = await issued();
		const url = links.verify(certificate.code);
		const old = await certificateDocument(db, certificate, url);
		const oldText = (await pdfText(old.pdf)).normalize('NFC');
		expect(oldText).toContain('Ngày sinh: ');
		expect(oldText).toContain('Công ty TNHH Chế biến Dừa Lương Quới');

		await erasePerson(db, learner.id, { by: null, reason: 'self' });
		expect(await storedRows(certificate.id)).toHaveLength(0);

		const { render, rendered } = countingRenderer();
		const erased = await reload(certificate.id);
		const now = await certificateDocument(db, erased, url, render);
		expect(rendered).toHaveLength(1);
		expect(now.etag).not.toBe(old.etag);
		const text = (await pdfText(now.pdf)).normalize('NFC');
		expect(text).toContain('Nguyễn Thị Ánh Tuyết');
		expect(text).not.toContain('Ngày sinh');
		expect(text).not.toContain('1990');
		expect(text).not.toContain('Công ty TNHH Chế biến Dừa Lương Quới');
		expect((await storedRows(certificate.id))[0].etag).toBe(now.etag);
	});

	it('does not store a PDF rendered from a statement signed again meanwhile', async () => {
		const { learner, certificate } = await issued();
		// Read before the erasure, rendered after it: what a download racing an erasure would do.
		await erasePerson(db, learner.id, { by: null, reason: 'self' });
		const stale = await certificateDocument(db, certificate, links.verify(certificate.code));
		expect(stale.pdf.length).toBeGreaterThan(0);
		expect(await storedRows(certificate.id)).toHaveLength(0);
	});

	it('keeps the PDF on revocation, while /verify says it was revoked', async () => {
		const { certificate } = await issued();
		const url = links.verify(certificate.code);
		const { render, rendered } = countingRenderer();
		const before = await certificateDocument(db, certificate, url, render);
		const revoked = await revokeCertificate(db, {
			certificateId: certificate.id,
			actorId: null,
			reason: 'Cấp nhầm người'
		});
		expect(revoked.ok).toBe(true);
		const after = await certificateDocument(db, await reload(certificate.id), url, render);
		expect(rendered).toHaveLength(1);
		expect(after.etag).toBe(before.etag);
		expect(await verifyCertificate(db, certificate.code)).toMatchObject({
			status: 'revoked',
			revokedReason: 'Cấp nhầm người'
		});
	});

	it('renders ahead only the documents missing for the addresses asked', async () => {
		const a = (await issued()).certificate;
		const b = (await issued()).certificate;
		const c = (await issued()).certificate;
		await certificateDocument(db, a, links.verify(a.code));
		await certificateDocument(db, b, moved.verify(b.code));
		const { render, rendered } = countingRenderer();
		expect(await renderMissingDocuments(db, links, [a.code, b.code, c.code], render)).toBe(2);
		expect(rendered.sort()).toEqual([links.verify(b.code), links.verify(c.code)].sort());
		for (const certificate of [a, b, c])
			expect((await storedRows(certificate.id)).map((r) => r.verifyUrl)).toEqual([
				links.verify(certificate.code)
			]);
		expect(await renderMissingDocuments(db, links, [a.code, b.code, c.code], render)).toBe(0);
	});

	it('goes with its certificate', async () => {
		const { certificate } = await issued();
		await certificateDocument(db, certificate, links.verify(certificate.code));
		await db.delete(certificates).where(eq(certificates.id, certificate.id));
		expect(await storedRows(certificate.id)).toHaveLength(0);
	});
});
