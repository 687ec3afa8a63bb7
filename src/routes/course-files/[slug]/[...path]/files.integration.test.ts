// The files of an organisation's own course (its images, its documents) go to the members who may
// read its lessons, and to no one else: the course's one rule (courses/access.ts), asked here too.
import { isHttpError } from '@sveltejs/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { organisations, roleAssignments } from '$db/schema';
import { scopeOf, type StaffScope } from '$lib/server/auth/staff';
import { uploadAsset } from '$lib/server/authoring/assets';
import { addLesson, createCourse } from '$lib/server/authoring/courses';
import { draftFile, saveDraftFile } from '$lib/server/authoring/drafts';
import { lessonFileText } from '$lib/server/authoring/outline';
import { bytesOf } from '$lib/server/courses/files';
import { publishToOrganisation } from '$lib/server/authoring/review';
import type { Database, DatabaseHandle } from '$lib/server/db';
import { createTestDatabase, testEngines } from '$lib/server/db/test-helpers';
import { makeUser } from '$testing/factories';
import { GET } from './+server';

const SVG = new TextEncoder().encode(
	'<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"><rect width="4" height="4"/></svg>\n'
);

type Reader = { id: string; isAdmin: boolean; organisationId: string | null; scope: StaffScope };

async function reader(
	db: Database,
	organisationId: string | null,
	roles: { role: 'trainer'; organisationId: string }[] = []
): Promise<Reader> {
	const user = await makeUser(db, { fullName: 'Người Đọc', organisationId });
	for (const r of roles) await db.insert(roleAssignments).values({ userId: user.id, ...r });
	return { id: user.id, isAdmin: false, organisationId, scope: scopeOf(user, roles) };
}

/** What the route answers this reader (or a visitor): the status and the cache rule. */
async function fetchFile(db: Database, slug: string, path: string, who: Reader | null) {
	const event = {
		locals: { db, user: who, scope: who?.scope ?? scopeOf(null, []) },
		params: { slug, path },
		request: new Request(`http://localhost/course-files/${slug}/${path}`)
	};
	try {
		const response = await GET(event as unknown as Parameters<typeof GET>[0]);
		return { status: response.status, cache: response.headers.get('cache-control') };
	} catch (thrown) {
		if (isHttpError(thrown)) return { status: thrown.status, cache: null };
		throw thrown;
	}
}

describe.each(testEngines)("an organisation's own course files on %s", (engine) => {
	let handle: DatabaseHandle;
	let db: Database;

	beforeAll(async () => {
		handle = await createTestDatabase(engine);
		db = handle.db;
	});
	afterAll(() => handle.close());

	it('are served to its members only, and kept out of shared caches', async () => {
		const [school] = await db
			.insert(organisations)
			.values({ name: 'Trường Cao đẳng Nghề Riêng', kind: 'school' })
			.returning();
		const [other] = await db
			.insert(organisations)
			.values({ name: 'Công ty Khác', kind: 'enterprise' })
			.returning();
		const trainer = await reader(db, null, [{ role: 'trainer', organisationId: school.id }]);
		const created = await createCourse(
			db,
			{
				titleVi: 'Khóa riêng của trường',
				summaryVi: 'Chỉ cho học viên của trường.',
				audiences: ['student'],
				directiveItems: ['6'],
				hours: 1,
				enrolment: 'open',
				certificateEnabled: false,
				validityMonths: null,
				completeOnReachingEnd: true,
				listed: true,
				slug: 'khoa-rieng-cua-truong'
			},
			trainer.id
		);
		if (!created.ok) throw new Error(created.error);
		await addLesson(db, created.id, { title: 'Giới thiệu', minutes: 10 }, trainer.id);
		const uploaded = await uploadAsset(db, created.id, 'so-do.svg', SVG, trainer.id);
		if (!uploaded.ok) throw new Error(uploaded.error);
		const lesson = await draftFile(db, created.id, '01-gioi-thieu.md');
		const body = `Sơ đồ dòng nước của xưởng.\n\n![Sơ đồ](${uploaded.path})\n`;
		const text = lessonFileText({ title: 'Giới thiệu', minutes: 10, required: true }, body);
		await saveDraftFile(
			db,
			created.id,
			'01-gioi-thieu.md',
			bytesOf(text),
			lesson!.revision,
			trainer.id
		);
		const published = await publishToOrganisation(db, created.id, trainer.id, school.id, 'b1');
		expect(published).toMatchObject({ ok: true });

		const member = await reader(db, school.id);
		const outsider = await reader(db, other.id);
		const slug = created.slug;
		expect(await fetchFile(db, slug, uploaded.path, member)).toEqual({
			status: 200,
			cache: 'private, max-age=3600'
		});
		expect(await fetchFile(db, slug, uploaded.path, trainer)).toMatchObject({ status: 200 });
		expect(await fetchFile(db, slug, uploaded.path, outsider)).toMatchObject({ status: 404 });
		expect(await fetchFile(db, slug, uploaded.path, null)).toMatchObject({ status: 404 });
	});

	it("of a shipped course stay everyone's, cached publicly", async () => {
		const { syncCourses } = await import('$lib/server/courses/sync');
		await syncCourses(db, 'courses', 'b1');
		const answer = await fetchFile(
			db,
			'sxsh-truong-nghe',
			'giao-vien/huong-dan-giang-day.pdf',
			null
		);
		expect(answer).toEqual({ status: 200, cache: 'public, max-age=3600' });
	});
});
