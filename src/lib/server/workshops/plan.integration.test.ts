import { fileURLToPath } from 'node:url';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, courses } from '$db/schema';
import { workshopSchema } from '$lib/schemas/workshops';
import { createTestDatabase, testEngines } from '../db/test-helpers';
import type { Database, DatabaseHandle } from '../db';
import { grantRole } from '../auth/roles';
import { staffScope } from '../auth/staff';
import { syncCourses } from '../courses/sync';
import { getCourseBySlug } from '../enrolment';
import { createOrganisation } from '../organisations';
import { makeUser } from '$testing/factories';
import type { WorkshopViewer } from './access';
import { workshopAccess } from './access';
import {
	addTrainer,
	courseFitsOrganisation,
	createWorkshop,
	removeTrainer,
	trainersOf,
	updateWorkshop
} from './plan';

const fixtures = fileURLToPath(new URL('../courses/fixtures/good', import.meta.url));

describe.each(testEngines)('the course a workshop belongs to, on %s', (engine) => {
	let handle: DatabaseHandle;
	let db: Database;
	let parent: string, child: string, other: string;
	let courseId: string;
	let manager: WorkshopViewer;

	const input = (organisationId: string, course: string) =>
		workshopSchema.parse({
			title: 'Tập huấn kiểm toán năng lượng',
			courseId: course,
			organisationId,
			venue: 'Hội trường Sở Công Thương',
			area: '',
			capacity: '',
			audiences: [],
			registrationMode: 'open',
			cohortId: ''
		});

	beforeAll(async () => {
		handle = await createTestDatabase(engine);
		db = handle.db;
		await syncCourses(db, fixtures, 'test');
		courseId = (await getCourseBySlug(db, 'mini-course'))!.id;
		parent = (await createOrganisation(db, { name: 'Sở Công Thương', kind: 'agency', area: null }))
			.id;
		child = (
			await createOrganisation(db, {
				name: 'Trung tâm Khuyến công',
				kind: 'agency',
				area: null,
				parentId: parent
			})
		).id;
		other = (await createOrganisation(db, { name: 'Công ty khác', kind: 'enterprise', area: null }))
			.id;
		const user = await makeUser(db, { audience: 'manager' });
		await grantRole(db, null, user.id, 'manager', child);
		await grantRole(db, null, user.id, 'manager', other);
		manager = { user, scope: await staffScope(db, user) };
	});
	afterAll(async () => {
		await handle?.close();
	});

	it('takes a province-wide course, and no course at all', async () => {
		expect(await courseFitsOrganisation(db, other, courseId)).toBe(true);
		expect(await courseFitsOrganisation(db, other, null)).toBe(true);
		const made = await createWorkshop(db, manager, input(other, courseId));
		expect(made.ok).toBe(true);
	});

	it("refuses another organisation's own course, and takes the course of an organisation above", async () => {
		await db.update(courses).set({ organisationId: parent }).where(eq(courses.id, courseId));
		// The child centre's people may have the department's own course; the unrelated company's may not.
		expect(await courseFitsOrganisation(db, child, courseId)).toBe(true);
		expect(await courseFitsOrganisation(db, other, courseId)).toBe(false);
		expect(await createWorkshop(db, manager, input(other, courseId))).toEqual({
			ok: false,
			reason: 'course'
		});
		const made = await createWorkshop(db, manager, input(child, courseId));
		expect(made.ok).toBe(true);
		if (!made.ok) return;
		// Moving the workshop to the company keeps the rule: refused, and nothing changes.
		expect(await updateWorkshop(db, manager, made.workshop.id, input(other, courseId))).toEqual({
			ok: false,
			reason: 'course'
		});
		await db.update(courses).set({ organisationId: null }).where(eq(courses.id, courseId));
	});

	it('refuses an unlisted (draft) course and one that does not exist', async () => {
		await db.update(courses).set({ status: 'draft' }).where(eq(courses.id, courseId));
		expect(await courseFitsOrganisation(db, child, courseId)).toBe(false);
		await db.update(courses).set({ status: 'published' }).where(eq(courses.id, courseId));
		expect(await courseFitsOrganisation(db, child, '00000000-0000-4000-8000-000000000000')).toBe(
			false
		);
	});

	it('names trainers, who then take attendance, once each and audited; another organisation cannot', async () => {
		const made = await createWorkshop(db, manager, input(child, ''));
		if (!made.ok) throw new Error('not created');
		const id = made.workshop.id;
		const guest = await makeUser(db, { fullName: 'Lê Thị Giảng' });
		const guestViewer = { user: guest, scope: await staffScope(db, guest) };
		expect(await workshopAccess(db, guestViewer, id)).toBeUndefined();

		expect(await addTrainer(db, manager, id, guest.id)).toEqual({ ok: true, added: true });
		expect(await addTrainer(db, manager, id, guest.id)).toEqual({ ok: true, added: false });
		expect((await trainersOf(db, id)).map((t) => t.fullName)).toEqual(['Lê Thị Giảng']);
		expect((await workshopAccess(db, guestViewer, id))?.takeAttendance).toBe(true);

		const stranger = await makeUser(db, { audience: 'manager' });
		const strangerOrg = (
			await createOrganisation(db, { name: 'Xí nghiệp lạ', kind: 'enterprise', area: null })
		).id;
		await grantRole(db, null, stranger.id, 'manager', strangerOrg);
		const strangerViewer = { user: stranger, scope: await staffScope(db, stranger) };
		expect(await addTrainer(db, strangerViewer, id, stranger.id)).toEqual({
			ok: false,
			reason: 'not_found'
		});

		await removeTrainer(db, manager, id, guest.id);
		expect(await trainersOf(db, id)).toEqual([]);
		expect(await workshopAccess(db, guestViewer, id)).toBeUndefined();
		const kinds = (await db.select().from(auditEvents).where(eq(auditEvents.subjectId, id))).map(
			(e) => e.action
		);
		expect(kinds.sort()).toEqual(['workshop.trainer_added', 'workshop.trainer_removed']);
	});
});
