import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cohorts, courses, workshops } from '$db/schema';
import { overwriteGetLocale } from '$lib/paraglide/runtime';
import { deleteAccount } from '../auth/accounts';
import { grantRole } from '../auth/roles';
import { assignCourse } from '../cohorts/assign';
import { syncCourses } from '../courses/sync';
import { createTestDatabase, testEngines } from '../db/test-helpers';
import type { Database, DatabaseHandle } from '../db';
import { createOrganisation } from '../organisations';
import { GOOD_PASSWORD, makeUser } from '$testing/factories';
import { recordAudit } from './index';
import { auditActions, listAuditEvents } from './list';
import { describeAuditEvents } from './names';

const fixture = fileURLToPath(new URL('../courses/fixtures/good/mini-course', import.meta.url));

describe.each(testEngines)('audit log on %s', (engine) => {
	let handle: DatabaseHandle;
	let db: Database;
	let root: string;
	let adminId: string, learnerId: string;

	beforeAll(async () => {
		handle = await createTestDatabase(engine);
		db = handle.db;
		adminId = (await makeUser(db, { fullName: 'Trần Quản Trị', isAdmin: true })).id;
		learnerId = (await makeUser(db, { fullName: 'Lê Học Viên' })).id;
		await recordAudit(db, { actorId: adminId, action: 'role.granted', subjectId: learnerId });
		await recordAudit(db, {
			actorId: adminId,
			action: 'password_reset.issued',
			subjectId: learnerId
		});
		await recordAudit(db, { actorId: null, action: 'account.deleted', subjectId: 'gone' });
	});
	afterAll(async () => {
		await handle?.close();
		if (root) rmSync(root, { recursive: true, force: true });
	});

	it('lists newest first with who acted', async () => {
		const { rows, total } = await listAuditEvents(db, {});
		expect(total).toBe(3);
		const times = rows.map((r) => r.at.getTime());
		expect(times).toEqual([...times].sort((a, b) => b - a));
		expect(rows.find((r) => r.action === 'account.deleted')?.actorName).toBeNull();
		expect(rows.find((r) => r.action === 'role.granted')).toMatchObject({
			actorName: 'Trần Quản Trị'
		});
	});

	it('filters by action, actor and dates', async () => {
		expect((await listAuditEvents(db, { action: 'role.granted' })).total).toBe(1);
		expect((await listAuditEvents(db, { actor: 'quản trị' })).total).toBe(2);
		expect((await listAuditEvents(db, { actor: '100%' })).total).toBe(0);
		const future = new Date(Date.now() + 86_400_000);
		expect((await listAuditEvents(db, { from: future })).total).toBe(0);
		expect((await listAuditEvents(db, { until: future })).total).toBe(3);
		expect(await auditActions(db)).toEqual([
			'account.deleted',
			'password_reset.issued',
			'role.granted'
		]);
	});

	it('names courses, classes and organisations, and says "deleted account" only for one', async () => {
		overwriteGetLocale(() => 'vi');
		root = mkdtempSync(join(tmpdir(), 'sachhon-audit-'));
		cpSync(fixture, join(root, 'khoa-nhat-ky'), { recursive: true });
		await syncCourses(db, root, 'test');
		const [course] = await db.select({ id: courses.id, title: courses.title }).from(courses);
		const school = await createOrganisation(db, {
			name: 'Trường Cao đẳng Bến Tre',
			kind: 'school',
			area: null
		});
		const [cohort] = await db
			.insert(cohorts)
			.values({ organisationId: school.id, name: 'K24A', year: 2026 })
			.returning();
		await assignCourse(db, adminId, cohort.id, course.id, '2026-12-20');
		const [next] = await db
			.insert(cohorts)
			.values({ organisationId: school.id, name: 'K24B', year: 2026 })
			.returning();
		await recordAudit(db, {
			actorId: adminId,
			action: 'cohort.members_moved',
			subjectId: cohort.id,
			details: { count: 2, to: next.id }
		});
		await recordAudit(db, {
			actorId: adminId,
			action: 'course.published',
			subjectId: course.id,
			details: { slug: 'khoa-nhat-ky', version: 1 }
		});
		const leaver = await makeUser(db, { fullName: 'Phạm Sẽ Rời', identifier: 'se-roi' });
		await grantRole(db, adminId, leaver.id, 'trainer', school.id);
		await grantRole(db, adminId, learnerId, 'manager', school.id);
		await deleteAccount(db, leaver.id, GOOD_PASSWORD);

		const { rows } = await listAuditEvents(db, {});
		const events = await describeAuditEvents(db, rows);
		const said = (action: string) =>
			events.filter((e) => e.action === action).map((e) => e.sentence.text);

		expect(said('cohort.course_assigned')).toEqual([
			`Trần Quản Trị đã giao khóa «${course.title.vi}» cho lớp «K24A», hạn 20/12/2026`
		]);
		expect(said('cohort.members_moved')).toEqual([
			'Trần Quản Trị đã chuyển 2 người từ lớp «K24A» sang lớp «K24B»'
		]);
		expect(said('course.published')).toEqual([
			`Trần Quản Trị đã xuất bản phiên bản 1 của khóa «${course.title.vi}»`
		]);
		expect(said('role.granted')).toContain(
			'Trần Quản Trị đã giao vai trò quản lý đơn vị tại Trường Cao đẳng Bến Tre cho Lê Học Viên'
		);
		// The leaver's row stays without identity (privacy/erasure.ts): named by the erasure marker.
		expect(said('role.granted')).toContain(
			'Trần Quản Trị đã giao vai trò giảng viên tại Trường Cao đẳng Bến Tre cho (đã xóa dữ liệu)'
		);
		const erasedMentions = events.filter((e) => e.sentence.text.includes('(đã xóa dữ liệu)'));
		expect(erasedMentions.map((e) => e.action)).toEqual(['role.granted']);
		expect(said('person.erased')).toEqual([
			'Một người dùng đã tự xóa tài khoản và dữ liệu cá nhân của mình'
		]);
		for (const e of events.filter((e) => /^(course|cohort)\./.test(e.action)))
			expect(e.sentence.text).not.toContain('đã xóa');
	});

	it('names the workshop of workshop events, by their subject or their details', async () => {
		overwriteGetLocale(() => 'vi');
		const centre = await createOrganisation(db, {
			name: 'Trung tâm Khuyến công',
			kind: 'agency',
			area: null
		});
		const [held] = await db
			.insert(workshops)
			.values({ title: 'Tập huấn ngành dừa', organisationId: centre.id })
			.returning();
		await recordAudit(db, {
			actorId: adminId,
			action: 'workshop.status_changed',
			subjectId: held.id,
			details: { status: 'open' }
		});
		await recordAudit(db, {
			actorId: adminId,
			action: 'workshop.registration_cancelled',
			subjectId: learnerId,
			details: { workshopId: held.id }
		});
		await recordAudit(db, {
			actorId: adminId,
			action: 'workshop.walk_in_account_created',
			subjectId: learnerId,
			details: { workshopId: '00000000-0000-4000-8000-000000000000' }
		});
		const { rows } = await listAuditEvents(db, { action: 'workshop.status_changed' });
		const more = await listAuditEvents(db, { action: 'workshop.registration_cancelled' });
		const walkIn = await listAuditEvents(db, { action: 'workshop.walk_in_account_created' });
		const events = await describeAuditEvents(db, [...rows, ...more.rows, ...walkIn.rows]);
		expect(events.map((e) => e.sentence.text)).toEqual([
			'Trần Quản Trị đã mở đăng ký buổi tập huấn «Tập huấn ngành dừa»',
			'Trần Quản Trị đã hủy đăng ký của Lê Học Viên ở buổi tập huấn «Tập huấn ngành dừa»',
			'Trần Quản Trị đã tạo tài khoản cho Lê Học Viên, người đến thẳng buổi tập huấn «(buổi tập huấn không còn)» mà chưa đăng ký'
		]);
	});
});
