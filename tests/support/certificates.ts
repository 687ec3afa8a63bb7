// Test data for the certificate modules (not shipped code paths).
import { randomBytes } from 'node:crypto';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { eq } from 'drizzle-orm';
import {
	assignments,
	courses,
	courseVersions,
	enrolments,
	submissions,
	users,
	type AssignmentDefinition
} from '$db/schema';
import type { Database } from '$lib/server/db';
import { createOrganisation } from '$lib/server/organisations';
import { makeUser } from '$testing/factories';
import type { CertificateStatement } from '$lib/server/certificates/statement';

export function sampleStatement(
	overrides: Partial<CertificateStatement> = {}
): CertificateStatement {
	return {
		version: 1,
		id: '0b9a3c51-7d44-4f0e-9a39-2f4f7f0e1a10',
		code: 'K7QM4XR9TZ2B',
		number: 'SH-2026-000123',
		registerNumber: 123,
		holder: {
			name: 'Nguyễn Thị Ánh Tuyết',
			dateOfBirth: '1990-05-12',
			organisation: 'Công ty TNHH Chế biến Dừa Lương Quới'
		},
		course: {
			id: '5e0d4a2c-1f7b-4a55-8c0e-6b1d1e2f3a4b',
			slug: 'danh-gia-sxsh-tu-van',
			title: {
				vi: 'Đánh giá sản xuất sạch hơn dành cho tư vấn viên',
				en: 'Cleaner production assessment for consultants'
			},
			version: 3,
			hours: 24
		},
		completedAt: '2026-03-04T09:15:00.000Z',
		issuedAt: '2026-03-05T02:00:00.000Z',
		expiresAt: '2029-03-04T09:15:00.000Z',
		issuer: {
			name: 'Trung tâm Khuyến công và Xúc tiến thương mại',
			place: 'Vĩnh Long',
			signatory: { title: 'Giám đốc', name: 'Trần Văn Bình' }
		},
		...overrides
	};
}

/** A published course with a current version, inserted directly (the course sync has its own tests). */
export async function makeCourse(
	db: Database,
	options: { validityMonths?: number | null; enabled?: boolean; hours?: number } = {}
) {
	const slug = `khoa-${randomBytes(4).toString('hex')}`;
	const [course] = await db
		.insert(courses)
		.values({
			slug,
			title: { vi: 'Đánh giá sản xuất sạch hơn cho tư vấn viên', en: 'CP assessment' },
			summary: { vi: 'Tóm tắt' },
			audiences: ['consultant'],
			directiveItems: ['1c'],
			hours: options.hours ?? 24,
			enrolment: 'open',
			completion: { requiredLessons: 'all', completeOnReachingEnd: false },
			certificate: {
				enabled: options.enabled ?? true,
				validityMonths: options.validityMonths ?? null
			},
			status: 'published',
			languages: ['vi'],
			searchKey: slug
		})
		.returning();
	const [version] = await db
		.insert(courseVersions)
		.values({ courseId: course.id, number: 2, contentHash: 'test', meta: {} })
		.returning();
	await db.update(courses).set({ currentVersionId: version.id }).where(eq(courses.id, course.id));
	return { ...course, currentVersionId: version.id };
}

/** A learner with a birth date and an organisation who completed the course at `completedAt`. */
export async function makeGraduate(
	db: Database,
	courseId: string,
	completedAt: Date | null,
	fullName = 'Nguyễn Thị Ánh Tuyết'
) {
	const user = await makeUser(db, { fullName, audience: 'consultant' });
	const organisation = await createOrganisation(db, {
		name: 'Công ty TNHH Chế biến Dừa Lương Quới',
		kind: 'enterprise',
		area: 'Giồng Trôm'
	});
	await db
		.update(users)
		.set({ dateOfBirth: '1990-05-12', organisationId: organisation.id })
		.where(eq(users.id, user.id));
	await db.insert(enrolments).values({ userId: user.id, courseId, source: 'self', completedAt });
	return user;
}

/**
 * A required assignment of the course (the practicum) and the learner's submission graded as passed
 * at `gradedAt`, inserted directly (grading has its own tests): what a certificate then records.
 */
export async function makePassedPracticum(
	db: Database,
	course: { id: string; currentVersionId: string },
	userId: string,
	options: { points?: number; maxPoints?: number; gradedAt?: Date } = {}
) {
	const [assignment] = await db
		.insert(assignments)
		.values({
			courseId: course.id,
			slug: `thuc-hanh-${randomBytes(3).toString('hex')}`,
			title: {
				vi: 'Bài thực hành: báo cáo đánh giá SXSH tại một cơ sở sản xuất thật',
				en: 'Practicum: a cleaner production assessment report of a real facility'
			},
			required: true,
			definition: {} as AssignmentDefinition,
			html: { vi: '<p>Hướng dẫn</p>' },
			courseVersionId: course.currentVersionId
		})
		.returning();
	const gradedAt = options.gradedAt ?? new Date('2026-03-02T03:00:00Z');
	await db.insert(submissions).values({
		assignmentId: assignment.id,
		userId,
		courseId: course.id,
		round: 1,
		state: 'graded',
		submittedAt: gradedAt,
		points: options.points ?? 18,
		maxPoints: options.maxPoints ?? 21,
		passed: true,
		decidedAt: gradedAt
	});
	return assignment;
}

/** The PDF's text as a reader would copy it, page by page, through pdf.js. */
export async function pdfText(bytes: Uint8Array): Promise<string> {
	const doc = await getDocument({ data: bytes.slice(), useSystemFonts: false, verbosity: 0 })
		.promise;
	let text = '';
	for (let n = 1; n <= doc.numPages; n++) {
		const content = await (await doc.getPage(n)).getTextContent();
		text += content.items.map((item) => ('str' in item ? item.str : '')).join('\n') + '\n';
	}
	await doc.destroy();
	return text;
}
