import { eq, isNotNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signingKeys } from '$db/schema';
import { DEFAULT_CERTIFICATE_ISSUER, type CertificateConfig } from '../config';
import { createTestDatabase, testEngines } from '../db/test-helpers';
import type { Database, DatabaseHandle } from '../db';
import { issueCertificate } from './issue';
import { generateSigningKey } from './keys';
import { currentSigningKey, publishedKeys } from './keystore';
import { certificateFor, expiringCertificates, listCertificates } from './queries';
import { revokeCertificate } from './revoke';
import { makeCourse, makeGraduate } from '$testing/certificates';

const at = (iso: string) => new Date(iso);
const settings: CertificateConfig = {
	issuer: DEFAULT_CERTIFICATE_ISSUER,
	signatoryName: undefined,
	signatoryTitle: 'Giám đốc',
	place: 'Vĩnh Long',
	signingKey: undefined
};

describe.each(testEngines)('certificate lists and keys on %s', (engine) => {
	let handle: DatabaseHandle;
	let db: Database;
	beforeAll(async () => {
		handle = await createTestDatabase(engine);
		db = handle.db;
	});
	afterAll(() => handle?.close());

	it('generates one signing key on first use, even when asked at once, and keeps using it', async () => {
		const [a, b] = await Promise.all([currentSigningKey(db), currentSigningKey(db)]);
		expect(a.id).toBe(b.id);
		const stored = await db.select().from(signingKeys).where(isNotNull(signingKeys.privateKey));
		expect(stored.map((k) => k.id)).toEqual([a.id]);
	});

	it('publishes a configured key without storing its private half', async () => {
		const { key, pkcs8 } = generateSigningKey();
		const used = await currentSigningKey(db, pkcs8);
		expect(used.id).toBe(key.id);
		const [row] = await db.select().from(signingKeys).where(eq(signingKeys.id, key.id));
		expect(row.privateKey).toBeNull();
		expect((await publishedKeys(db)).map((k) => k.id)).toContain(key.id);
	});

	it('lists and searches certificates by name without diacritics, number and code', async () => {
		const course = await makeCourse(db);
		const now = at('2026-03-05T00:00:00Z');
		// Other tests here issue certificates too: counts are taken relative to what was there.
		const before = (await listCertificates(db, { now })).total;
		const tuyet = await makeGraduate(db, course.id, at('2026-03-04T00:00:00Z'));
		const duc = await makeGraduate(db, course.id, at('2026-03-04T00:00:00Z'), 'Lê Văn Đức');
		const a = await issueCertificate(db, { userId: tuyet.id, courseId: course.id, now, settings });
		const b = await issueCertificate(db, { userId: duc.id, courseId: course.id, now, settings });
		if (!a.ok || !b.ok) throw new Error('not issued');
		const names = async (q: string) =>
			(await listCertificates(db, { q, now })).rows.map((r) => r.fullName);
		expect(await names('anh tuyet')).toEqual(['Nguyễn Thị Ánh Tuyết']);
		expect(await names('Lê Văn')).toEqual(['Lê Văn Đức']);
		expect(await names(b.certificate.number)).toEqual(['Lê Văn Đức']);
		expect(await names(b.certificate.code.toLowerCase())).toEqual(['Lê Văn Đức']);
		expect(await names('100%_')).toEqual([]);

		await revokeCertificate(db, {
			certificateId: a.certificate.id,
			actorId: null,
			reason: 'Thử nghiệm'
		});
		const revoked = await listCertificates(db, { filter: 'revoked', now });
		expect(revoked.rows.map((r) => r.id)).toContain(a.certificate.id);
		expect(revoked.rows.map((r) => r.id)).not.toContain(b.certificate.id);
		expect(revoked.rows.every((r) => r.status === 'revoked')).toBe(true);
		const paged = await listCertificates(db, { pageSize: 1, page: 2, now });
		expect(paged).toMatchObject({ total: before + 2, pages: before + 2, page: 2 });
		expect(paged.rows).toHaveLength(1);
	});

	it("finds a learner's certificate for a course, never a revoked one", async () => {
		const course = await makeCourse(db);
		const other = await makeCourse(db);
		const now = at('2026-03-05T00:00:00Z');
		const tuyet = await makeGraduate(db, course.id, at('2026-03-04T00:00:00Z'));
		expect(await certificateFor(db, tuyet.id, course.id)).toBeUndefined();
		const issued = await issueCertificate(db, {
			userId: tuyet.id,
			courseId: course.id,
			now,
			settings
		});
		if (!issued.ok) throw new Error('not issued');
		expect(await certificateFor(db, tuyet.id, course.id, now)).toMatchObject({
			code: issued.certificate.code,
			number: issued.certificate.number,
			status: 'valid'
		});
		expect(await certificateFor(db, tuyet.id, other.id)).toBeUndefined();
		await revokeCertificate(db, {
			certificateId: issued.certificate.id,
			actorId: null,
			reason: 'Thử'
		});
		expect(await certificateFor(db, tuyet.id, course.id)).toBeUndefined();
	});

	it('lists certificates expiring in 90 days that have not been renewed', async () => {
		const course = await makeCourse(db, { validityMonths: 36 });
		const soon = await makeGraduate(db, course.id, at('2026-01-10T00:00:00Z'), 'Sắp Hết Hạn');
		const renewed = await makeGraduate(db, course.id, at('2026-01-20T00:00:00Z'), 'Đã Gia Hạn');
		const later = await makeGraduate(db, course.id, at('2026-09-01T00:00:00Z'), 'Còn Lâu');
		const issuedAt = at('2026-09-02T00:00:00Z');
		for (const learner of [soon, renewed, later]) {
			await issueCertificate(db, {
				userId: learner.id,
				courseId: course.id,
				now: issuedAt,
				settings
			});
		}
		const now = at('2028-12-01T00:00:00Z');
		await issueCertificate(db, { userId: renewed.id, courseId: course.id, now, settings });
		const expiring = await expiringCertificates(db, 90, now);
		expect(expiring.map((c) => c.fullName)).toEqual(['Sắp Hết Hạn']);
		const filtered = await listCertificates(db, { filter: 'expiring', now });
		expect(filtered.rows.map((c) => c.fullName)).toEqual(['Sắp Hết Hạn']);
	});
});
