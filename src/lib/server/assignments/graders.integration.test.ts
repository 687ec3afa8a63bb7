import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, type Course } from '$db/schema';
import { grantRole } from '../auth/roles';
import { syncCourses } from '../courses/sync';
import { createTestDatabase, testEngines } from '../db/test-helpers';
import type { Database, DatabaseHandle } from '../db';
import { getCourseBySlug } from '../enrolment';
import { createOrganisation } from '../organisations';
import { makeUser } from '$testing/factories';
import { gradedCourseIds, isLeadGrader, mayGradeCourse } from './access';
import { appointGrader, courseGraderList, removeGrader } from './graders';

const fixture = fileURLToPath(new URL('../courses/fixtures/good/mini-course', import.meta.url));

describe.each(testEngines)('graders of a course, on %s', (engine) => {
	let handle: DatabaseHandle;
	let db: Database;
	let root: string;
	let course: Course;
	let owner: string;
	let school: string;

	beforeAll(async () => {
		handle = await createTestDatabase(engine);
		db = handle.db;
		root = mkdtempSync(join(tmpdir(), 'sachhon-graders-'));
		cpSync(fixture, join(root, 'mini-course'), { recursive: true });
		await syncCourses(db, root, 'test');
		course = (await getCourseBySlug(db, 'mini-course'))!;
		school = (await createOrganisation(db, { name: 'Trường A', kind: 'school', area: null })).id;
		owner = (await makeUser(db, { fullName: 'Chủ Khóa' })).id;
	});
	afterAll(async () => {
		await handle?.close();
		rmSync(root, { recursive: true, force: true });
	});

	async function trainer(name = 'Giảng Viên') {
		const user = await makeUser(db, { fullName: name, organisationId: school });
		await grantRole(db, null, user.id, 'trainer', school);
		return { id: user.id, isAdmin: false };
	}
	const audits = (action: string, userId: string) =>
		db
			.select()
			.from(auditEvents)
			.where(and(eq(auditEvents.action, action), eq(auditEvents.subjectId, course.id)))
			.then((rows) => rows.filter((r) => (r.details as { userId?: string }).userId === userId));

	it('appoints a trainer, who then grades the course, audited once', async () => {
		const grader = await trainer('Lê Văn Chấm');
		expect(await mayGradeCourse(db, grader, course.id)).toBe(false);
		expect(
			await appointGrader(db, { courseId: course.id, grader, lead: false, actorId: owner })
		).toEqual({ ok: true, changed: true });
		expect(await mayGradeCourse(db, grader, course.id)).toBe(true);
		expect(await gradedCourseIds(db, grader)).toEqual([course.id]);
		expect(await isLeadGrader(db, grader, course.id)).toBe(false);
		const list = await courseGraderList(db, course.id);
		expect(list.find((g) => g.userId === grader.id)).toMatchObject({
			name: 'Lê Văn Chấm',
			lead: false
		});
		// Appointing again changes nothing and records nothing.
		expect(
			await appointGrader(db, { courseId: course.id, grader, lead: false, actorId: owner })
		).toEqual({ ok: true, changed: false });
		const events = await audits('grader.appointed', grader.id);
		expect(events).toHaveLength(1);
		expect(events[0]).toMatchObject({
			actorId: owner,
			details: { userId: grader.id, lead: false }
		});
	});

	it('makes a grader lead and back', async () => {
		const grader = await trainer('Phạm Thị Trưởng');
		await appointGrader(db, { courseId: course.id, grader, lead: true, actorId: owner });
		expect(await isLeadGrader(db, grader, course.id)).toBe(true);
		await appointGrader(db, { courseId: course.id, grader, lead: false, actorId: owner });
		expect(await isLeadGrader(db, grader, course.id)).toBe(false);
		expect(await mayGradeCourse(db, grader, course.id)).toBe(true);
		const events = await audits('grader.appointed', grader.id);
		expect(events.map((e) => (e.details as { lead: boolean }).lead).sort()).toEqual([false, true]);
	});

	it('removes a grader, audited; removing again is refused', async () => {
		const grader = await trainer();
		await appointGrader(db, { courseId: course.id, grader, lead: true, actorId: owner });
		expect(await removeGrader(db, { courseId: course.id, userId: grader.id, actorId: owner })).toBe(
			true
		);
		expect(await mayGradeCourse(db, grader, course.id)).toBe(false);
		expect(await isLeadGrader(db, grader, course.id)).toBe(false);
		expect(await gradedCourseIds(db, grader)).toEqual([]);
		expect(await audits('grader.removed', grader.id)).toHaveLength(1);
		expect(await removeGrader(db, { courseId: course.id, userId: grader.id, actorId: owner })).toBe(
			false
		);
		expect(await audits('grader.removed', grader.id)).toHaveLength(1);
	});

	it('refuses someone who is not a trainer anywhere, and records nothing', async () => {
		const learner = await makeUser(db, { organisationId: school });
		const grader = { id: learner.id, isAdmin: false };
		expect(
			await appointGrader(db, { courseId: course.id, grader, lead: true, actorId: owner })
		).toEqual({ ok: false, reason: 'not_trainer' });
		expect(await mayGradeCourse(db, grader, course.id)).toBe(false);
		expect(await audits('grader.appointed', learner.id)).toEqual([]);
		// An administrator may grade without a trainer role.
		const admin = await makeUser(db, { isAdmin: true });
		expect(
			await appointGrader(db, {
				courseId: course.id,
				grader: { id: admin.id, isAdmin: true },
				lead: false,
				actorId: owner
			})
		).toEqual({ ok: true, changed: true });
	});
});
