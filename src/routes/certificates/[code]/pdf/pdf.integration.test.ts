// The certificate's PDF is served from storage with an ETag, and a copy the browser has is answered
// 304 — but only after the access check, which every request still passes through.
import { isHttpError } from '@sveltejs/kit';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { certificateDocuments } from '$db/schema';
import { config, DEFAULT_CERTIFICATE_ISSUER, type CertificateConfig } from '$lib/server/config';
import { issueCertificate, revokeCertificate } from '$lib/server/certificates';
import type { Database, DatabaseHandle } from '$lib/server/db';
import { createTestDatabase, testEngines } from '$lib/server/db/test-helpers';
import { makeCourse, makeGraduate } from '$testing/certificates';
import { makeUser } from '$testing/factories';
import { GET } from './+server';

const settings: CertificateConfig = {
	issuer: DEFAULT_CERTIFICATE_ISSUER,
	signatoryName: 'Trần Văn Bình',
	signatoryTitle: 'Giám đốc',
	place: 'Vĩnh Long',
	signingKey: undefined
};

type Who = { id: string; isAdmin: boolean } | null;

/** What the route answers this person for the certificate, optionally naming a copy it has. */
async function fetchPdf(db: Database, code: string, who: Who, ifNoneMatch?: string) {
	const url = new URL(`http://localhost/certificates/${code}/pdf`);
	const headers: Record<string, string> = ifNoneMatch ? { 'if-none-match': ifNoneMatch } : {};
	const event = {
		locals: { db, user: who },
		params: { code },
		url,
		request: new Request(url, { headers })
	};
	try {
		const response = await GET(event as unknown as Parameters<typeof GET>[0]);
		return {
			status: response.status,
			etag: response.headers.get('etag'),
			cache: response.headers.get('cache-control'),
			type: response.headers.get('content-type'),
			body: new Uint8Array(await response.arrayBuffer())
		};
	} catch (thrown) {
		if (isHttpError(thrown)) return { status: thrown.status, etag: null, cache: null, type: null };
		throw thrown;
	}
}

describe.each(testEngines)("a certificate's PDF route on %s", (engine) => {
	let handle: DatabaseHandle;
	let db: Database;
	beforeAll(async () => {
		handle = await createTestDatabase(engine);
		db = handle.db;
	});
	afterAll(() => handle?.close());

	it('serves the stored bytes with a strong ETag, 304 for a copy the holder has, never past the access check', async () => {
		const course = await makeCourse(db);
		const learner = await makeGraduate(db, course.id, new Date('2026-03-04T09:15:00Z'));
		const result = await issueCertificate(db, {
			userId: learner.id,
			courseId: course.id,
			now: new Date('2026-03-05T02:00:00Z'),
			settings
		});
		if (!result.ok) throw new Error('not issued');
		const { id, code } = result.certificate;
		const holder = { id: learner.id, isAdmin: false };
		const other = await makeUser(db);
		const admin = await makeUser(db, { isAdmin: true });

		const first = await fetchPdf(db, code, holder);
		expect(first).toMatchObject({ status: 200, type: 'application/pdf' });
		expect(first.cache).toBe('private, no-store');
		expect(first.etag).toMatch(/^"[\w-]{43}"$/);
		const [stored] = await db
			.select()
			.from(certificateDocuments)
			.where(eq(certificateDocuments.certificateId, id));
		expect(stored.etag).toBe(first.etag);
		expect(Buffer.from(first.body!).equals(Buffer.from(stored.pdf))).toBe(true);
		expect(stored.verifyUrl).toBe(`${config().origin ?? 'http://localhost'}/verify/${code}`);

		const again = await fetchPdf(db, code, holder, first.etag!);
		expect(again).toMatchObject({ status: 304, etag: first.etag, cache: 'private, no-store' });
		expect(again.body).toHaveLength(0);
		expect(await fetchPdf(db, code, holder, `"other", W/${first.etag}`)).toMatchObject({
			status: 304
		});
		const changed = await fetchPdf(db, code, holder, '"an-older-copy"');
		expect(changed).toMatchObject({ status: 200, etag: first.etag });
		expect(Buffer.from(changed.body!).equals(Buffer.from(first.body!))).toBe(true);

		// Someone else, or nobody, learns nothing: not even that the tag matched.
		expect((await fetchPdf(db, code, { id: other.id, isAdmin: false }, first.etag!)).status).toBe(
			404
		);
		expect((await fetchPdf(db, code, null, first.etag!)).status).toBe(404);

		// Revoked: the holder may no longer download it; an administrator gets the same document.
		await revokeCertificate(db, { certificateId: id, actorId: admin.id, reason: 'Cấp nhầm' });
		expect((await fetchPdf(db, code, holder, first.etag!)).status).toBe(404);
		expect(await fetchPdf(db, code, { id: admin.id, isAdmin: true })).toMatchObject({
			status: 200,
			etag: first.etag
		});
	});
});
