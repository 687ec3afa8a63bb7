import { and, asc, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	auditEvents,
	courses,
	courseVersions,
	enrolments,
	organisations,
	roleAssignments,
	users
} from '$db/schema';
import { scopeOf, type StaffScope } from '../auth/staff';
import { DEFAULT_CERTIFICATE_ISSUER, type CertificateConfig } from '../config';
import { createTestDatabase, testEngines } from '../db/test-helpers';
import type { Database, DatabaseHandle } from '../db';
import { bytesOf } from '../courses/files';
import { courseViewer, mayViewCourse, mayViewCourseAs } from '../courses/access';
import { lessonContent, listCatalogue } from '../courses/catalogue';
import { syncCourses } from '../courses/sync';
import { issueCertificate } from '../certificates/issue';
import { renderCertificatePdf } from '../certificates/pdf';
import { verifyCertificate } from '../certificates/queries';
import type { CertificateStatement } from '../certificates/statement';
import { pdfText } from '$testing/certificates';
import { assignableCourses } from '../cohorts/assign';
import { enrolSelf } from '../enrolment';
import { makeUser } from '$testing/factories';
import { authoredCourses } from './access';
import { addLesson, createCourse, type CourseMetaInput } from './courses';
import { draftFile, saveDraftFile } from './drafts';
import { diffCourseFiles } from './history';
import { lessonFileText } from './outline';
import {
	approveReview,
	latestReview,
	mayDecide,
	mayReview,
	publishableOrganisations,
	publishedFiles,
	publishToOrganisation,
	restoreForReview,
	returnReview,
	reviewById,
	reviewFiles,
	reviewQueue,
	submitForReview
} from './review';

const META: CourseMetaInput = {
	titleVi: 'Khóa học chờ duyệt',
	summaryVi: 'Một khóa học viết trong trình soạn thảo.',
	audiences: ['student'],
	directiveItems: ['1b'],
	hours: 2,
	enrolment: 'open',
	certificateEnabled: true,
	validityMonths: null,
	completeOnReachingEnd: false,
	listed: true
};
const LESSON = '01-gioi-thieu.md';
const settings: CertificateConfig = {
	issuer: DEFAULT_CERTIFICATE_ISSUER,
	signatoryName: 'Trần Văn Bình',
	signatoryTitle: 'Giám đốc',
	place: 'Vĩnh Long',
	signingKey: undefined
};

type Person = { id: string; isAdmin: boolean; organisationId: string | null; scope: StaffScope };

async function organisation(db: Database, name: string) {
	const [org] = await db.insert(organisations).values({ name, kind: 'school' }).returning();
	return org;
}

/** A person with roles held at organisations, and their scope as a request would have it. */
async function person(
	db: Database,
	fullName: string,
	options: {
		roles?: { role: 'trainer' | 'reviewer' | 'manager'; organisationId: string }[];
		organisationId?: string | null;
		isAdmin?: boolean;
	} = {}
): Promise<Person> {
	const user = await makeUser(db, {
		fullName,
		isAdmin: options.isAdmin,
		organisationId: options.organisationId ?? null
	});
	for (const r of options.roles ?? []) {
		await db.insert(roleAssignments).values({ userId: user.id, ...r });
	}
	const roles = options.roles ?? [];
	return {
		id: user.id,
		isAdmin: user.isAdmin,
		organisationId: options.organisationId ?? null,
		scope: scopeOf(user, roles)
	};
}

async function writeLesson(db: Database, courseId: string, body: string, userId: string) {
	const current = await draftFile(db, courseId, LESSON);
	const saved = await saveDraftFile(
		db,
		courseId,
		LESSON,
		bytesOf(lessonFileText({ title: 'Giới thiệu', minutes: 10, required: true }, body)),
		current?.revision ?? null,
		userId
	);
	if (!saved.ok) throw new Error('could not save the lesson');
}

async function newCourse(db: Database, userId: string, slug: string, body: string) {
	const created = await createCourse(db, { ...META, titleVi: slug, slug }, userId);
	if (!created.ok) throw new Error(created.error);
	await addLesson(db, created.id, { title: 'Giới thiệu', minutes: 10 }, userId);
	await writeLesson(db, created.id, body, userId);
	return created.id;
}

async function courseRow(db: Database, id: string) {
	const [row] = await db.select().from(courses).where(eq(courses.id, id));
	return row;
}

/** What a learner is served: the catalogue, the course page's rule and the lesson's HTML. */
async function served(db: Database, courseId: string, viewer: Person | null) {
	const course = await courseRow(db, courseId);
	const scope = viewer?.scope ?? scopeOf(null, []);
	const cv = await courseViewer(db, viewer, scope);
	const catalogue = await listCatalogue(db, {}, { userId: viewer?.id ?? null, ...cv });
	const visible = await mayViewCourseAs(db, course, viewer, scope);
	const lesson =
		visible && course.currentVersionId
			? await lessonContent(db, courseId, course.currentVersionId, 'gioi-thieu')
			: undefined;
	return {
		listed: catalogue.some((c) => c.id === courseId),
		visible,
		html: lesson?.html.vi ?? null
	};
}

async function actions(db: Database, courseId: string) {
	const rows = await db
		.select({ action: auditEvents.action })
		.from(auditEvents)
		.where(eq(auditEvents.subjectId, courseId))
		.orderBy(asc(auditEvents.at), asc(auditEvents.id));
	return rows.map((r) => r.action).filter((a) => a.startsWith('course.'));
}

describe.each(testEngines)('course review on %s', (engine) => {
	let handle: DatabaseHandle;
	let db: Database;
	let school: { id: string; name: string };
	let trainer: Person;
	let reviewer: Person;
	let admin: Person;
	let learner: Person;

	beforeAll(async () => {
		handle = await createTestDatabase(engine);
		db = handle.db;
		school = await organisation(db, 'Trường Cao đẳng Nghề Thử Nghiệm');
		const centre = await organisation(db, 'Sở Công Thương');
		trainer = await person(db, 'Trần Văn Soạn', {
			roles: [{ role: 'trainer', organisationId: school.id }]
		});
		reviewer = await person(db, 'Phạm Thị Duyệt', {
			roles: [{ role: 'reviewer', organisationId: centre.id }]
		});
		admin = await person(db, 'Quản Trị Viên', { isAdmin: true });
		learner = await person(db, 'Nguyễn Thị Học');
	});
	afterAll(() => handle?.close());

	it('only administrators and reviewers see the queue; a reviewer gets no reach over people', () => {
		expect(mayReview(reviewer.scope)).toBe(true);
		expect(mayReview(admin.scope)).toBe(true);
		expect(mayReview(trainer.scope)).toBe(false);
		expect(mayReview(learner.scope)).toBe(false);
		expect(reviewer.scope).toMatchObject({ staff: false, organisationIds: [] });
	});

	it('submit, diff, send back with comments, resubmit, approve: nothing reaches learners before approval', async () => {
		const courseId = await newCourse(db, trainer.id, 'duyet-mot', 'Bản đầu tiên của bài học.');

		const sent = await submitForReview(db, courseId, trainer.id, ' Bản đầu ');
		expect(sent).toMatchObject({ ok: true, replaced: false });
		if (!sent.ok) return;
		// The author's list says it waits.
		const mine = await authoredCourses(db, trainer);
		expect(mine.find((c) => c.id === courseId)).toMatchObject({ published: false, waiting: true });
		// Submitted: no version exists, so no page can serve it.
		expect((await courseRow(db, courseId)).currentVersionId).toBeNull();
		expect(
			await db.select().from(courseVersions).where(eq(courseVersions.courseId, courseId))
		).toHaveLength(0);
		expect(await served(db, courseId, learner)).toEqual({
			listed: false,
			visible: false,
			html: null
		});
		expect(await served(db, courseId, null)).toEqual({ listed: false, visible: false, html: null });

		// The queue and the diff against the published version (none yet: every file is new).
		expect((await reviewQueue(db)).map((r) => r.id)).toContain(sent.reviewId);
		const found = (await reviewById(db, sent.reviewId))!;
		expect(found.review.note).toBe('Bản đầu');
		const diffs = diffCourseFiles(
			await publishedFiles(db, found.course),
			await reviewFiles(db, sent.reviewId)
		);
		expect(diffs.map((d) => [d.path, d.status])).toContainEqual([LESSON, 'added']);

		// The author cannot decide on their own course; the reviewer can.
		expect(await mayDecide(db, trainer.scope, trainer.id, courseId)).toBe(false);
		expect(await approveReview(db, sent.reviewId, trainer.id, 'b1')).toEqual({
			ok: false,
			reason: 'own_course'
		});
		expect(await mayDecide(db, reviewer.scope, reviewer.id, courseId)).toBe(true);

		// Sent back with comments: the trainer sees them; learners still see nothing.
		const comment = 'Bài 1 cần thêm ví dụ về nước thải.';
		expect(await returnReview(db, sent.reviewId, reviewer.id, comment)).toMatchObject({ ok: true });
		expect(await latestReview(db, courseId)).toMatchObject({
			status: 'returned',
			comment,
			decidedByName: 'Phạm Thị Duyệt'
		});
		expect(await served(db, courseId, learner)).toEqual({
			listed: false,
			visible: false,
			html: null
		});
		expect(await approveReview(db, sent.reviewId, reviewer.id, 'b1')).toEqual({
			ok: false,
			reason: 'not_waiting'
		});

		// Fixed and sent again; sending once more replaces the waiting copy (one at a time).
		await writeLesson(db, courseId, 'Bản sửa: có ví dụ về nước thải.', trainer.id);
		const again = await submitForReview(db, courseId, trainer.id);
		expect(again).toMatchObject({ ok: true, replaced: false });
		await writeLesson(db, courseId, 'Bản sửa lần hai: có ví dụ về nước thải.', trainer.id);
		const third = await submitForReview(db, courseId, trainer.id);
		expect(third).toMatchObject({ ok: true, replaced: true });
		// The same content again is not a new submission.
		expect(await submitForReview(db, courseId, trainer.id)).toEqual({
			ok: false,
			alreadyWaiting: true
		});
		if (!again.ok || !third.ok) return;
		expect((await reviewById(db, again.reviewId))!.review.status).toBe('replaced');
		expect((await reviewQueue(db)).filter((r) => r.courseId === courseId)).toHaveLength(1);
		expect(await served(db, courseId, learner)).toEqual({
			listed: false,
			visible: false,
			html: null
		});

		// Approval makes it live, as version 1, credited to its author.
		expect(await approveReview(db, third.reviewId, reviewer.id, 'b1')).toEqual({
			ok: true,
			number: 1
		});
		const live = await served(db, courseId, learner);
		expect(live).toMatchObject({ listed: true, visible: true });
		expect(live.html).toContain('Bản sửa lần hai');
		const [v1] = await db
			.select()
			.from(courseVersions)
			.where(eq(courseVersions.courseId, courseId));
		expect(v1.publishedBy).toBe(trainer.id);
		expect(await latestReview(db, courseId)).toMatchObject({ status: 'approved' });

		// A change to a live course: learners keep version 1 until the change is approved.
		await writeLesson(db, courseId, 'Phiên bản hai của bài học.', trainer.id);
		const update = await submitForReview(db, courseId, trainer.id);
		if (!update.ok) throw new Error('not sent');
		const updated = (await reviewById(db, update.reviewId))!;
		const changed = diffCourseFiles(
			await publishedFiles(db, updated.course),
			await reviewFiles(db, update.reviewId)
		);
		expect(changed.map((d) => [d.path, d.status])).toEqual([[LESSON, 'changed']]);
		expect((await served(db, courseId, learner)).html).toContain('Bản sửa lần hai');
		expect(await approveReview(db, update.reviewId, admin.id, 'b1')).toEqual({
			ok: true,
			number: 2
		});
		expect((await served(db, courseId, learner)).html).toContain('Phiên bản hai');

		// Restoring version 1 of a province-wide course goes through review too.
		expect(await restoreForReview(db, courseId, 1, trainer.id, 'Khôi phục')).toMatchObject({
			ok: true
		});
		expect((await served(db, courseId, learner)).html).toContain('Phiên bản hai');

		// A course in the province's catalogue cannot be narrowed to one organisation.
		expect(await publishableOrganisations(db, trainer.id, await courseRow(db, courseId))).toEqual(
			[]
		);
		expect(await publishToOrganisation(db, courseId, trainer.id, school.id, 'b1')).toEqual({
			ok: false,
			reason: 'not_allowed'
		});

		expect(await actions(db, courseId)).toEqual([
			'course.created',
			'course.review_submitted',
			'course.review_returned',
			'course.review_submitted',
			'course.review_submitted',
			'course.review_approved',
			'course.review_submitted',
			'course.review_approved',
			'course.review_submitted'
		]);
	});

	it('an organisation publishes to its own members without review, and certifies in its name', async () => {
		const member = await person(db, 'Lê Văn Thành Viên', { organisationId: school.id });
		const elsewhere = await organisation(db, 'Công ty Khác');
		const otherTrainer = await person(db, 'Đỗ Văn Khác', {
			roles: [{ role: 'trainer', organisationId: elsewhere.id }]
		});
		const courseId = await newCourse(
			db,
			trainer.id,
			'rieng-truong',
			'Chỉ cho học viên của trường.'
		);

		expect(
			(await publishableOrganisations(db, trainer.id, await courseRow(db, courseId))).map(
				(o) => o.id
			)
		).toEqual([school.id]);
		// Only where the author trains.
		expect(await publishToOrganisation(db, courseId, trainer.id, elsewhere.id, 'b1')).toEqual({
			ok: false,
			reason: 'not_allowed'
		});
		expect(await publishToOrganisation(db, courseId, trainer.id, school.id, 'b1')).toEqual({
			ok: true,
			number: 1
		});
		expect((await courseRow(db, courseId)).organisationId).toBe(school.id);

		expect(await served(db, courseId, member)).toMatchObject({ listed: true, visible: true });
		expect(await served(db, courseId, trainer)).toMatchObject({ listed: true, visible: true });
		expect(await served(db, courseId, admin)).toMatchObject({ listed: true, visible: true });
		for (const outsider of [learner, otherTrainer, null]) {
			expect(await served(db, courseId, outsider)).toEqual({
				listed: false,
				visible: false,
				html: null
			});
		}
		// The rule itself, for a member of an organisation beneath the school.
		const course = await courseRow(db, courseId);
		expect(
			mayViewCourse(course, { admin: false, staff: false, organisationIds: [school.id] })
		).toBe(true);
		expect(mayViewCourse(course, { admin: false, staff: true, organisationIds: [] })).toBe(false);

		// Classes: the school's may be given it, another organisation's may not.
		const assignable = async (organisationId: string) =>
			(await assignableCourses(db, { organisationId })).map((c) => c.id);
		expect(await assignable(school.id)).toContain(courseId);
		expect(await assignable(elsewhere.id)).not.toContain(courseId);

		// Enrolment follows the same rule, whichever page asks.
		expect(await enrolSelf(db, learner.id, course)).toEqual({ ok: false, reason: 'not_found' });
		expect(await enrolSelf(db, otherTrainer.id, course)).toEqual({
			ok: false,
			reason: 'not_found'
		});
		expect(await enrolSelf(db, member.id, course)).toMatchObject({ ok: true });

		// The certificate names the school as issuer, in the signed statement, on /verify and the PDF.
		await db
			.update(enrolments)
			.set({ completedAt: new Date() })
			.where(and(eq(enrolments.userId, member.id), eq(enrolments.courseId, courseId)));
		const issued = await issueCertificate(db, { userId: member.id, courseId, settings });
		if (!issued.ok) throw new Error(issued.reason);
		const statement = issued.certificate.credential as CertificateStatement;
		expect(statement.issuer.name).toBe(school.name);
		expect(statement.issuer.signatory.name).toBeUndefined();
		expect((await verifyCertificate(db, issued.certificate.code)).status).toBe('valid');
		expect(await verifyCertificate(db, issued.certificate.code)).toMatchObject({
			issuer: school.name
		});
		const text = await pdfText(await renderCertificatePdf(statement, 'https://x.example/verify'));
		expect(text).toContain(school.name.toUpperCase());
		expect(text).not.toContain(DEFAULT_CERTIFICATE_ISSUER.toUpperCase());

		expect(await actions(db, courseId)).toEqual([
			'course.created',
			'course.published_to_organisation'
		]);

		// Going province-wide later is reviewed; approval opens it to everyone.
		const sent = await submitForReview(db, courseId, trainer.id);
		if (!sent.ok) throw new Error('not sent');
		expect(await served(db, courseId, learner)).toMatchObject({ visible: false });
		expect(await approveReview(db, sent.reviewId, reviewer.id, 'b1')).toEqual({
			ok: true,
			number: 1
		});
		expect(await served(db, courseId, learner)).toMatchObject({ listed: true, visible: true });
		expect((await courseRow(db, courseId)).organisationId).toBeNull();
	});

	it('publishes shipped courses province-wide as before, with no review', async () => {
		const report = await syncCourses(db, 'src/lib/server/courses/fixtures/good', 'b1');
		expect(report.invalid).toEqual([]);
		const [shipped] = await db.select().from(courses).where(eq(courses.slug, 'mini-course'));
		expect(shipped).toMatchObject({ origin: 'files', organisationId: null });
		expect(await latestReview(db, shipped.id)).toBeNull();
		expect(mayViewCourse(shipped, { admin: false, staff: false, organisationIds: [] })).toBe(true);
		const catalogue = await listCatalogue(db, {}, { userId: null, staff: false });
		expect(catalogue.map((c) => c.slug)).toContain('mini-course');
	});

	it('keeps the queue to waiting versions, oldest first', async () => {
		const queue = await reviewQueue(db);
		const ids = queue.map((r) => r.courseId);
		const rows = await db
			.select({ id: courses.id, slug: courses.slug })
			.from(courses)
			.where(inArray(courses.id, ids));
		expect(rows.map((r) => r.slug)).toEqual(['duyet-mot']);
		const [submitter] = await db
			.select({ name: users.fullName })
			.from(users)
			.where(and(eq(users.id, queue[0].submittedBy!)));
		expect(submitter.name).toBe('Trần Văn Soạn');
	});
});
