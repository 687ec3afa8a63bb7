import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, certificates } from '$db/schema';
import { DEFAULT_CERTIFICATE_ISSUER, type CertificateConfig } from '../config';
import { createTestDatabase, testEngines } from '../db/test-helpers';
import type { Database, DatabaseHandle } from '../db';
import { makeUser } from '$testing/factories';
import { signedOpenBadge } from './badge';
import { CODE_ALPHABET } from './code';
import { issueCertificate } from './issue';
import { currentSigningKey, trustedKeys } from './keystore';
import { certificateLinks } from './links';
import { renderCertificatePdf } from './pdf';
import { certificatesOf, verifyCertificate } from './queries';
import { reinstateCertificate, revokeCertificate } from './revoke';
import { signedCredential, type CertificateStatement } from './statement';
import { makeCourse, makeGraduate, pdfText } from '$testing/certificates';
import { verifyCredentialFile } from './verify-file';

const at = (iso: string) => new Date(iso);
const settings: CertificateConfig = {
	issuer: DEFAULT_CERTIFICATE_ISSUER,
	signatoryName: 'Trần Văn Bình',
	signatoryTitle: 'Giám đốc',
	place: 'Vĩnh Long',
	signingKey: undefined
};
const links = certificateLinks('https://sxsh.example.vn');

describe.each(testEngines)('certificates on %s', (engine) => {
	let handle: DatabaseHandle;
	let db: Database;
	beforeAll(async () => {
		handle = await createTestDatabase(engine);
		db = handle.db;
	});
	afterAll(() => handle?.close());

	const issue = (userId: string, courseId: string, now: Date, completedAt?: Date) =>
		issueCertificate(db, { userId, courseId, now, completedAt, settings });

	it('issues one certificate per learner and course, however often and however fast it is asked', async () => {
		const course = await makeCourse(db);
		const learner = await makeGraduate(db, course.id, at('2026-03-04T09:15:00Z'));
		const now = at('2026-03-05T02:00:00Z');
		const first = await issue(learner.id, course.id, now);
		expect(first.ok && first.issued).toBe(true);
		const again = await issue(learner.id, course.id, at('2026-04-01T00:00:00Z'));
		expect(again.ok && !again.issued && again.certificate.id).toBe(
			first.ok && first.certificate.id
		);

		const racer = await makeGraduate(db, course.id, at('2026-03-04T09:15:00Z'), 'Lê Văn Đức');
		const results = await Promise.all([1, 2, 3, 4].map(() => issue(racer.id, course.id, now)));
		expect(results.filter((r) => r.ok && r.issued)).toHaveLength(1);
		const rows = await db.select().from(certificates).where(eq(certificates.userId, racer.id));
		expect(rows).toHaveLength(1);

		if (!first.ok) throw new Error('not issued');
		const c = first.certificate;
		expect(c.code).toMatch(new RegExp(`^[${CODE_ALPHABET}]{12}$`));
		expect(c.number).toBe(`SH-2026-${String(c.registerNumber).padStart(6, '0')}`);
		expect(rows[0].registerNumber).not.toBe(c.registerNumber);
		expect(c).toMatchObject({
			fullName: 'Nguyễn Thị Ánh Tuyết',
			dateOfBirth: '1990-05-12',
			organisationName: 'Công ty TNHH Chế biến Dừa Lương Quới',
			courseVersion: 2,
			hours: 24,
			completedAt: at('2026-03-04T09:15:00Z'),
			expiresAt: null,
			renewsId: null
		});
		const statement = c.credential as CertificateStatement;
		expect(statement).toMatchObject({
			code: c.code,
			holder: { name: 'Nguyễn Thị Ánh Tuyết', dateOfBirth: '1990-05-12' },
			course: { version: 2, hours: 24 },
			issuer: { name: DEFAULT_CERTIFICATE_ISSUER, signatory: { name: 'Trần Văn Bình' } }
		});
		expect(statement.expiresAt).toBeUndefined();
	});

	it('issues nothing before completion, nor for a course without certificates', async () => {
		const course = await makeCourse(db);
		const learner = await makeGraduate(db, course.id, null);
		expect(await issue(learner.id, course.id, new Date())).toEqual({
			ok: false,
			reason: 'not_completed'
		});
		const noCertificate = await makeCourse(db, { enabled: false });
		const graduate = await makeGraduate(db, noCertificate.id, new Date());
		expect(await issue(graduate.id, noCertificate.id, new Date())).toEqual({
			ok: false,
			reason: 'not_offered'
		});
	});

	it('draws another code when one is taken', async () => {
		const course = await makeCourse(db);
		const a = await makeGraduate(db, course.id, at('2026-03-04T00:00:00Z'));
		const b = await makeGraduate(db, course.id, at('2026-03-04T00:00:00Z'));
		const codes = ['TAKEN2345678', 'TAKEN2345678', 'FRESH2345678'];
		const drawCode = () => codes.shift()!;
		const now = at('2026-03-05T00:00:00Z');
		await issueCertificate(db, { userId: a.id, courseId: course.id, now, settings, drawCode });
		const second = await issueCertificate(db, {
			userId: b.id,
			courseId: course.id,
			now,
			settings,
			drawCode
		});
		expect(second.ok && second.certificate.code).toBe('FRESH2345678');
	});

	it('renews an expiring certificate within 90 days of expiry, continuing from the old expiry', async () => {
		const course = await makeCourse(db, { validityMonths: 36 });
		const learner = await makeGraduate(db, course.id, at('2026-03-04T09:15:00Z'));
		const first = await issue(learner.id, course.id, at('2026-03-05T02:00:00Z'));
		if (!first.ok) throw new Error('not issued');
		expect(first.certificate.expiresAt).toEqual(at('2029-03-04T09:15:00Z'));

		// A year before expiry: nothing to renew.
		const early = await issue(learner.id, course.id, at('2028-03-01T00:00:00Z'));
		expect(early.ok && !early.issued && early.certificate.id).toBe(first.certificate.id);

		// Sixty days before expiry the learner passes the assessment again.
		const passed = at('2029-01-03T08:00:00Z');
		const renewal = await issue(learner.id, course.id, passed, passed);
		if (!renewal.ok) throw new Error('not renewed');
		expect(renewal.issued).toBe(true);
		expect(renewal.certificate).toMatchObject({
			renewsId: first.certificate.id,
			completedAt: passed,
			expiresAt: at('2032-03-04T09:15:00Z')
		});
		expect((renewal.certificate.credential as CertificateStatement).renews).toBe(
			first.certificate.number
		);
		const twice = await issue(learner.id, course.id, at('2029-01-04T00:00:00Z'));
		expect(twice.ok && twice.certificate.id).toBe(renewal.certificate.id);

		// After the old one's expiry: it reads expired, the renewal valid.
		const later = at('2029-06-01T00:00:00Z');
		expect((await verifyCertificate(db, first.certificate.code, later)).status).toBe('expired');
		expect((await verifyCertificate(db, renewal.certificate.code, later)).status).toBe('valid');
		const mine = await certificatesOf(db, learner.id, later);
		expect(mine.map((c) => [c.id, c.status])).toEqual([
			[renewal.certificate.id, 'valid'],
			[first.certificate.id, 'expired']
		]);
	});

	it('revokes with a reason, shown by /verify, and reinstates; both audited', async () => {
		const course = await makeCourse(db, { validityMonths: 36 });
		const learner = await makeGraduate(db, course.id, at('2026-03-04T09:15:00Z'));
		const admin = await makeUser(db, { isAdmin: true });
		const issued = await issue(learner.id, course.id, at('2026-03-05T02:00:00Z'));
		if (!issued.ok) throw new Error('not issued');
		const { id, code } = issued.certificate;
		const now = at('2026-06-01T00:00:00Z');
		expect(await verifyCertificate(db, code.toLowerCase(), now)).toEqual({
			status: 'valid',
			kind: 'completion',
			name: 'Nguyễn Thị Ánh Tuyết',
			course: { vi: 'Đánh giá sản xuất sạch hơn cho tư vấn viên', en: 'CP assessment' },
			completedAt: at('2026-03-04T09:15:00Z'),
			issuer: DEFAULT_CERTIFICATE_ISSUER,
			expiresAt: at('2029-03-04T09:15:00Z'),
			revokedAt: null,
			revokedReason: null,
			sessions: [],
			venue: null,
			// No graded work asked by this course.
			assessments: []
		});

		const reason = 'Cấp nhầm: học viên chưa làm bài đánh giá cuối khóa';
		expect(
			await revokeCertificate(db, { certificateId: id, actorId: admin.id, reason: ' ' })
		).toEqual({ ok: false, reason: 'reason_required' });
		const revoked = await revokeCertificate(db, {
			certificateId: id,
			actorId: admin.id,
			reason,
			now
		});
		expect(revoked.ok).toBe(true);
		expect(await verifyCertificate(db, code, now)).toMatchObject({
			status: 'revoked',
			revokedAt: now,
			revokedReason: reason
		});
		expect(
			await revokeCertificate(db, { certificateId: id, actorId: admin.id, reason, now })
		).toEqual({ ok: false, reason: 'already_revoked' });
		// Not replaced automatically, even when a renewal would be due.
		const retry = await issue(learner.id, course.id, at('2029-01-03T00:00:00Z'));
		expect(retry.ok && !retry.issued && retry.certificate.id).toBe(id);

		const reinstated = await reinstateCertificate(db, {
			certificateId: id,
			actorId: admin.id,
			note: 'Đã có kết quả đánh giá'
		});
		expect(reinstated.ok).toBe(true);
		expect((await verifyCertificate(db, code, now)).status).toBe('valid');
		expect(await reinstateCertificate(db, { certificateId: id, actorId: admin.id })).toEqual({
			ok: false,
			reason: 'not_revoked'
		});
		const unknown = '00000000-0000-4000-8000-000000000000';
		expect(
			await revokeCertificate(db, { certificateId: unknown, actorId: admin.id, reason })
		).toEqual({ ok: false, reason: 'not_found' });

		const audited = await db
			.select()
			.from(auditEvents)
			.where(eq(auditEvents.subjectId, learner.id));
		expect(audited.map((e) => [e.action, e.actorId, e.details.reason ?? e.details.note])).toEqual([
			['certificate.revoked', admin.id, reason],
			['certificate.reinstated', admin.id, 'Đã có kết quả đánh giá']
		]);
	});

	it('answers not found for unknown and malformed codes', async () => {
		expect(await verifyCertificate(db, '23456789ABCD')).toEqual({ status: 'not_found' });
		expect(await verifyCertificate(db, "' or 1=1 --")).toEqual({ status: 'not_found' });
	});

	it('signs credentials that verify offline, and a tampered one fails, in both formats', async () => {
		const course = await makeCourse(db, { validityMonths: 36 });
		const learner = await makeGraduate(db, course.id, at('2026-03-04T09:15:00Z'));
		const issued = await issue(learner.id, course.id, at('2026-03-05T02:00:00Z'));
		if (!issued.ok) throw new Error('not issued');
		const [row] = await db
			.select()
			.from(certificates)
			.where(eq(certificates.id, issued.certificate.id));
		const keys = await trustedKeys(db);
		const statement = row.credential as CertificateStatement;

		const plain = JSON.stringify(
			signedCredential(row, { verify: links.verify(row.code), keys: links.keys })
		);
		expect(verifyCredentialFile(plain, keys)).toMatchObject({ ok: true, format: 'signed-json' });
		const forged = JSON.parse(plain);
		forged.statement.course.hours = 240;
		expect(verifyCredentialFile(forged, keys)).toMatchObject({
			ok: false,
			reason: 'bad_signature'
		});

		const key = await currentSigningKey(db);
		const badge = JSON.stringify(signedOpenBadge(statement, links, key, new Date()));
		expect(verifyCredentialFile(badge, keys)).toMatchObject({ ok: true, format: 'open-badges-3' });
		const forgedBadge = JSON.parse(badge);
		forgedBadge.credentialSubject.identifier[0].identityHash = 'Người Khác';
		expect(verifyCredentialFile(forgedBadge, keys)).toMatchObject({
			ok: false,
			reason: 'bad_signature'
		});
	});

	it("prints the learner's name with its diacritics in the PDF", async () => {
		const course = await makeCourse(db);
		const learner = await makeGraduate(db, course.id, at('2026-03-04T09:15:00Z'));
		const issued = await issue(learner.id, course.id, at('2026-03-05T02:00:00Z'));
		if (!issued.ok) throw new Error('not issued');
		const c = issued.certificate;
		const pdf = await renderCertificatePdf(
			c.credential as CertificateStatement,
			links.verify(c.code)
		);
		const text = (await pdfText(pdf)).normalize('NFC');
		expect(text).toContain('Nguyễn Thị Ánh Tuyết');
		expect(text).toContain(c.number);
		expect(text).toContain(links.verify(c.code));
	});
});
