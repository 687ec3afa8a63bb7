import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workshopAttendance, workshops, workshopSessions } from '$db/schema';
import { DEFAULT_CERTIFICATE_ISSUER, type CertificateConfig } from '../config';
import { createTestDatabase, testEngines } from '../db/test-helpers';
import type { Database, DatabaseHandle } from '../db';
import { failingAtCommit, inbox } from '$testing/messages';
import { createOrganisation } from '../organisations';
import { makeUser } from '$testing/factories';
import { issueAttendanceCertificate } from './attendance';
import { issueCertificate } from './issue';
import { makeCourse, makeGraduate } from '$testing/certificates';

const settings: CertificateConfig = {
	issuer: DEFAULT_CERTIFICATE_ISSUER,
	signatoryName: 'Trần Văn Bình',
	signatoryTitle: 'Giám đốc',
	place: 'Vĩnh Long',
	signingKey: undefined
};
const now = new Date('2026-12-03T02:00:00Z');
const completed = new Date('2026-12-02T09:15:00Z');

describe.each(testEngines)('certificate issued messages on %s', (engine) => {
	let handle: DatabaseHandle;
	let db: Database;

	beforeAll(async () => {
		handle = await createTestDatabase(engine);
		db = handle.db;
	});
	afterAll(() => handle?.close());

	it('tells the holder of a certificate of completion once, however often it is asked for', async () => {
		const course = await makeCourse(db);
		const learner = await makeGraduate(db, course.id, completed);
		const results = await Promise.all(
			[1, 2, 3].map(() =>
				issueCertificate(db, { userId: learner.id, courseId: course.id, now, settings })
			)
		);
		const issued = results.find((r) => r.ok && r.issued);
		if (!issued?.ok) throw new Error('not issued');
		const rows = await inbox(db, learner.id, 'certificate_issued:');
		expect(rows).toHaveLength(1);
		expect(rows[0]).toMatchObject({
			kind: 'certificate_issued',
			key: `certificate_issued:${issued.certificate.id}`,
			link: `/certificates/${issued.certificate.code}`,
			params: {
				course: 'Đánh giá sản xuất sạch hơn cho tư vấn viên',
				courseEn: 'CP assessment',
				code: issued.certificate.code
			}
		});
	});

	it('tells the holder of a certificate of attendance, with the workshop title', async () => {
		const organisation = await createOrganisation(db, {
			name: 'Trung tâm Khuyến công',
			kind: 'agency',
			area: null
		});
		const person = await makeUser(db);
		const [workshop] = await db
			.insert(workshops)
			.values({
				title: 'Tập huấn SXSH ngành dừa',
				organisationId: organisation.id,
				status: 'open',
				attendanceCertificate: true
			})
			.returning();
		const [session] = await db
			.insert(workshopSessions)
			.values({
				workshopId: workshop.id,
				startsAt: new Date('2026-12-02T01:00:00Z'),
				endsAt: new Date('2026-12-02T04:00:00Z')
			})
			.returning();
		await db.insert(workshopAttendance).values({
			sessionId: session.id,
			userId: person.id,
			method: 'tap',
			recordedAt: new Date('2026-12-02T01:10:00Z')
		});
		const result = await issueAttendanceCertificate(db, {
			userId: person.id,
			workshopId: workshop.id,
			now,
			settings
		});
		if (!result.ok) throw new Error(result.reason);
		const rows = await inbox(db, person.id, 'certificate_issued:');
		expect(rows.map((r) => r.params)).toEqual([
			{ course: 'Tập huấn SXSH ngành dừa', code: result.certificate.code }
		]);
		await issueAttendanceCertificate(db, {
			userId: person.id,
			workshopId: workshop.id,
			now,
			settings
		});
		expect(await inbox(db, person.id, 'certificate_issued:')).toHaveLength(1);
	});

	it('writes no message when the certificate is not issued after all', async () => {
		const course = await makeCourse(db);
		const learner = await makeGraduate(db, course.id, completed);
		const failed = await failingAtCommit(db, 'certificates', () =>
			issueCertificate(db, { userId: learner.id, courseId: course.id, now, settings })
		);
		expect(String(failed)).toContain('failed at commit');
		expect(await inbox(db, learner.id)).toEqual([]);
		const again = await issueCertificate(db, {
			userId: learner.id,
			courseId: course.id,
			now,
			settings
		});
		expect(again.ok && again.issued).toBe(true);
		expect(await inbox(db, learner.id, 'certificate_issued:')).toHaveLength(1);
	});
});
