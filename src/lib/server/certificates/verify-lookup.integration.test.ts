import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CERTIFICATE_ISSUER, type CertificateConfig } from '../config';
import { createTestDatabase, testEngines } from '../db/test-helpers';
import type { Database, DatabaseHandle } from '../db';
import { throttlePolicies } from '../throttle/throttle';
import { issueCertificate } from './issue';
import { makeCourse, makeGraduate, makePassedPracticum } from '$testing/certificates';
import { lookUpCertificate } from './verify-lookup';

const LIMIT = throttlePolicies['verify-address'].limit;
const at = (iso: string) => new Date(iso);
const settings: CertificateConfig = {
	issuer: DEFAULT_CERTIFICATE_ISSUER,
	signatoryName: undefined,
	signatoryTitle: 'Giám đốc',
	place: 'Vĩnh Long',
	signingKey: undefined
};

describe.each(testEngines)('looking up certificate codes on %s', (engine) => {
	let handle: DatabaseHandle;
	let db: Database;
	let code: string;
	beforeAll(async () => {
		handle = await createTestDatabase(engine);
		db = handle.db;
		const course = await makeCourse(db);
		const graduate = await makeGraduate(db, course.id, at('2026-03-04T00:00:00Z'));
		const issued = await issueCertificate(db, {
			userId: graduate.id,
			courseId: course.id,
			now: at('2026-03-05T00:00:00Z'),
			settings
		});
		if (!issued.ok) throw new Error('no certificate');
		code = issued.certificate.code;
	});
	afterAll(() => handle?.close());

	it('shows the graded practicum a certificate records, as signed', async () => {
		const course = await makeCourse(db);
		const graduate = await makeGraduate(db, course.id, at('2026-03-04T00:00:00Z'), 'Lê Văn Đức');
		await makePassedPracticum(db, course, graduate.id, {
			points: 18,
			maxPoints: 21,
			gradedAt: at('2026-03-02T03:00:00Z')
		});
		const issued = await issueCertificate(db, {
			userId: graduate.id,
			courseId: course.id,
			now: at('2026-03-05T00:00:00Z'),
			settings
		});
		if (!issued.ok) throw new Error('no certificate');
		const result = await lookUpCertificate(db, issued.certificate.code, '10.7.9.1');
		expect(result).toMatchObject({
			status: 'valid',
			name: 'Lê Văn Đức',
			assessments: [
				{
					title: {
						vi: 'Bài thực hành: báo cáo đánh giá SXSH tại một cơ sở sản xuất thật'
					},
					points: 18,
					maxPoints: 21,
					gradedAt: '2026-03-02T03:00:00.000Z'
				}
			]
		});
		// A certificate without graded work shows none.
		expect(await lookUpCertificate(db, code, '10.7.9.1')).toMatchObject({ assessments: [] });
	});

	it(`throttles an address after ${LIMIT} unknown codes in 15 minutes; known codes do not count`, async () => {
		const now = at('2026-05-01T08:00:00Z');
		for (let i = 0; i < 100; i++) {
			expect((await lookUpCertificate(db, code, '10.7.0.1', now)).status).toBe('valid');
		}
		for (let i = 0; i < LIMIT; i++) {
			expect((await lookUpCertificate(db, `UNKNOWN${i}`, '10.7.0.1', now)).status).toBe(
				'not_found'
			);
		}
		// Now even a real code waits, from that address only, until the window closes.
		expect(await lookUpCertificate(db, code, '10.7.0.1', now)).toEqual({
			status: 'throttled',
			retryAfterSeconds: 15 * 60
		});
		expect((await lookUpCertificate(db, code, '10.7.0.2', now)).status).toBe('valid');
		const later = new Date(now.getTime() + 15 * 60 * 1000);
		expect((await lookUpCertificate(db, code, '10.7.0.1', later)).status).toBe('valid');
	});

	it(`lets at most ${LIMIT} of 50 parallel unknown codes be looked up`, async () => {
		const now = at('2026-05-02T08:00:00Z');
		const results = await Promise.all(
			Array.from({ length: 50 }, (_, i) => lookUpCertificate(db, `GUESS${i}`, '10.7.0.3', now))
		);
		expect(results.filter((r) => r.status === 'not_found')).toHaveLength(LIMIT);
		expect(results.filter((r) => r.status === 'throttled')).toHaveLength(50 - LIMIT);
	});
});
