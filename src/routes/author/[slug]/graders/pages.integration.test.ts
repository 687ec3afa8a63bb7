import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isHttpError } from '@sveltejs/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { courseAuthors, type Course, type User } from '$db/schema';
import { courseGraderList } from '$lib/server/assignments/graders';
import { grantRole } from '$lib/server/auth/roles';
import { staffScope } from '$lib/server/auth/staff';
import { syncCourses } from '$lib/server/courses/sync';
import { createTestDatabase, testEngines } from '$lib/server/db/test-helpers';
import type { Database, DatabaseHandle } from '$lib/server/db';
import { getCourseBySlug } from '$lib/server/enrolment';
import { createOrganisation } from '$lib/server/organisations';
import { makeUser } from '$testing/factories';
import { actions, load } from './+page.server';

const fixture = fileURLToPath(
	new URL('../../../../lib/server/courses/fixtures/good/mini-course', import.meta.url)
);

/** The graders page's load and actions, called as SvelteKit calls them. */
describe.each(testEngines)('the graders page on %s', (engine) => {
	let handle: DatabaseHandle;
	let db: Database;
	let root: string;
	let course: Course;
	let owner: User, coauthor: User, trainer: User;

	const localsOf = async (user: User | null): Promise<App.Locals> =>
		({
			db,
			engine,
			user,
			session: null,
			scope: await staffScope(db, user),
			requestId: 'test'
		}) as App.Locals;
	const url = new URL('http://localhost/author/mini-course/graders');
	async function post(action: keyof typeof actions, user: User, fields: Record<string, string>) {
		const body = new URLSearchParams(fields);
		try {
			return await actions[action]({
				locals: await localsOf(user),
				params: { slug: 'mini-course' },
				request: new Request(`${url}?/${action}`, { method: 'POST', body }),
				url
			} as never);
		} catch (thrown) {
			if (isHttpError(thrown)) return { status: thrown.status };
			throw thrown;
		}
	}

	beforeAll(async () => {
		handle = await createTestDatabase(engine);
		db = handle.db;
		root = mkdtempSync(join(tmpdir(), 'sachhon-graders-page-'));
		cpSync(fixture, join(root, 'mini-course'), { recursive: true });
		await syncCourses(db, root, 'test');
		course = (await getCourseBySlug(db, 'mini-course'))!;
		const school = (await createOrganisation(db, { name: 'Trường A', kind: 'school', area: null }))
			.id;
		owner = await makeUser(db, { fullName: 'Chủ Khóa' });
		coauthor = await makeUser(db, { fullName: 'Đồng Soạn' });
		trainer = await makeUser(db, { identifier: 'gv.cham', fullName: 'Lê Văn Chấm' });
		await makeUser(db, { identifier: 'hv.hoc', fullName: 'Trần Thị Học' });
		for (const u of [owner, coauthor, trainer]) await grantRole(db, null, u.id, 'trainer', school);
		await db.insert(courseAuthors).values([
			{ courseId: course.id, userId: owner.id, role: 'owner' },
			{ courseId: course.id, userId: coauthor.id, role: 'coauthor' }
		]);
	});
	afterAll(async () => {
		await handle?.close();
		rmSync(root, { recursive: true, force: true });
	});

	it('lets the owner appoint a trainer as lead, change the lead and remove them', async () => {
		const appointed = (await post('appoint', owner, { identifier: 'gv.cham', lead: 'on' })) as {
			form: { valid: boolean; message: { text: string } };
		};
		expect(appointed.form.message.text).toContain('Lê Văn Chấm');
		expect(await courseGraderList(db, course.id)).toMatchObject([
			{ userId: trainer.id, lead: true }
		]);
		await post('lead', owner, { userId: trainer.id, lead: 'false' });
		expect(await courseGraderList(db, course.id)).toMatchObject([
			{ userId: trainer.id, lead: false }
		]);
		const page = (await load({
			locals: await localsOf(owner),
			params: { slug: 'mini-course' },
			url
		} as never)) as { appoints: boolean; graders: unknown[] };
		expect(page.appoints).toBe(true);
		expect(page.graders).toHaveLength(1);
		await post('remove', owner, { userId: trainer.id });
		expect(await courseGraderList(db, course.id)).toEqual([]);
	});

	it('refuses a learner in words beside the field, and a co-author altogether', async () => {
		const refused = (await post('appoint', owner, { identifier: 'hv.hoc' })) as {
			status: number;
			data: { form: { errors: { identifier?: string[] } } };
		};
		expect(refused.status).toBe(400);
		expect(refused.data.form.errors.identifier?.[0]).toContain('Trần Thị Học');
		expect(await post('appoint', coauthor, { identifier: 'gv.cham' })).toEqual({ status: 403 });
		expect(await courseGraderList(db, course.id)).toEqual([]);
		// Someone with no part in the course finds no page.
		expect(await post('appoint', trainer, { identifier: 'gv.cham' })).toEqual({ status: 404 });
	});
});
