import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invitations, users, type User } from '$db/schema';
import { grantRole } from '$lib/server/auth/roles';
import { staffScope } from '$lib/server/auth/staff';
import { assignCourse } from '$lib/server/cohorts/assign';
import { createCohort } from '$lib/server/cohorts/cohorts';
import { syncCourses } from '$lib/server/courses/sync';
import { createTestDatabase, testEngines } from '$lib/server/db/test-helpers';
import type { Database, DatabaseHandle } from '$lib/server/db';
import { getCourseBySlug } from '$lib/server/enrolment';
import { createOrganisation } from '$lib/server/organisations';
import { makeUser } from '$testing/factories';
import {
	actions as dashboardActions,
	load as dashboardLoad
} from '../../../dashboard/+page.server';
import { actions, load } from './+page.server';
import { load as learnerLoad } from './learners/[userId]/+page.server';
import { load as matrixLoad } from './matrix/+page.server';
import { GET as matrixCsv } from './matrix.csv/+server';
import { GET as matrixXlsx } from './matrix.xlsx/+server';

const fixture = fileURLToPath(
	new URL('../../../../lib/server/courses/fixtures/good/mini-course', import.meta.url)
);

/** The attack, through the cohort page's own load, actions and downloads. */
describe.each(testEngines)("another organisation's learner added to a cohort, on %s", (engine) => {
	let handle: DatabaseHandle;
	let db: Database;
	let root: string;
	let manager: App.Locals;
	let cohortId: string;
	let learner: User;

	const localsOf = async (user: User): Promise<App.Locals> =>
		({
			db,
			engine,
			user,
			session: null,
			scope: await staffScope(db, user),
			requestId: 'test',
			unread: 0
		}) as App.Locals;

	beforeAll(async () => {
		handle = await createTestDatabase(engine);
		db = handle.db;
		root = mkdtempSync(join(tmpdir(), 'sachhon-invite-route-'));
		cpSync(fixture, join(root, 'khoa-lop'), { recursive: true });
		await syncCourses(db, root, 'test');
		const course = (await getCourseBySlug(db, 'khoa-lop'))!;
		const org = async (name: string) =>
			(await createOrganisation(db, { name, kind: 'school', area: null })).id;
		const [orgA, orgB] = [await org('Trường A'), await org('Trường B')];
		const user = await makeUser(db, { fullName: 'Phạm Thị Quản Lý' });
		await grantRole(db, null, user.id, 'manager', orgA);
		manager = await localsOf(user);
		const cohort = await createCohort(db, manager.scope, user.id, {
			organisationId: orgA,
			name: '10A1',
			year: 2026
		});
		cohortId = cohort!.id;
		learner = await makeUser(db, {
			identifier: 'tuyet.ngoai@example.vn',
			fullName: 'Huỳnh Thị Ánh Tuyết',
			organisationId: orgB,
			dateOfBirth: '2009-04-30'
		});
		// The course is assigned after the attempt to add, as in the issue.
		await add('tuyet.ngoai@example.vn');
		await assignCourse(db, user.id, cohortId, course.id, '2030-12-31');
	});
	afterAll(async () => {
		await handle?.close();
		rmSync(root, { recursive: true, force: true });
	});

	async function add(identifier: string) {
		const url = `http://localhost/manage/cohorts/${cohortId}?/add`;
		const request = new Request(url, {
			method: 'POST',
			body: new URLSearchParams({ identifier })
		});
		const result = (await actions.add({
			locals: manager,
			params: { id: cohortId },
			request,
			url: new URL(url)
		} as never)) as { form?: { message?: unknown }; status?: number; data?: unknown };
		return JSON.stringify(result);
	}

	/** Every cell of a workbook's sheets, as text. */
	async function cellsOf(data: ArrayBuffer): Promise<string[]> {
		const book = new ExcelJS.Workbook();
		await book.xlsx.load(data);
		const cells: string[] = [];
		book.eachSheet((sheet) =>
			sheet.eachRow((row) => row.eachCell((cell) => void cells.push(String(cell.text))))
		);
		return cells;
	}

	/** Everything the manager can get from the cohort: page, matrix, CSV, XLSX. */
	async function everything(): Promise<string> {
		const event = { locals: manager, params: { id: cohortId }, url: new URL('http://x/m') };
		const page = await load(event as never);
		const matrix = await matrixLoad(event as never);
		const csv = await (await matrixCsv(event as never)).text();
		const xlsx = await cellsOf(await (await matrixXlsx(event as never)).arrayBuffer());
		return JSON.stringify([page, matrix, csv, xlsx]);
	}
	const facts = () => [
		learner.id,
		learner.fullName,
		'Ánh Tuyết',
		learner.email!,
		'2009-04-30',
		'30/04/2009'
	];
	const learnerPage = (user = learner) =>
		learnerLoad({ locals: manager, params: { id: cohortId, userId: user.id } } as never);

	it('shows nothing of the learner before they accept: page, matrix, CSV, XLSX, learner page', async () => {
		const everythingShown = await everything();
		// The identifier the manager typed is all that is shown, in the list of invitations.
		for (const fact of facts().filter((f) => f !== learner.email))
			expect(everythingShown).not.toContain(fact);
		expect(everythingShown.split(learner.email!).length - 1).toBe(1);
		await expect(learnerPage()).rejects.toMatchObject({ status: 404 });
	});

	it('answers an unknown identifier in the same words, and creates no account', async () => {
		const count = await db.$count(users);
		const answer = (s: string) => s.replace(/"id":"[^"]+"|"identifier":"[^"]*"/g, '');
		const known = await add('tuyet.ngoai@example.vn');
		const unknown = await add('khong.co.ai@example.vn');
		expect(answer(unknown)).toBe(answer(known));
		expect(known).toContain('Nếu có tài khoản với e-mail hoặc tên đăng nhập này');
		expect(await db.$count(users)).toBe(count);
	});

	it('adds the learner once they accept on their dashboard, and then shows them', async () => {
		// A learner of their own: the learner above stays invited only, whatever the order of tests.
		const joining = await makeUser(db, {
			identifier: 'nhan.loi@example.vn',
			fullName: 'Trần Văn Nhận Lời',
			organisationId: learner.organisationId
		});
		await add('nhan.loi@example.vn');
		const own = await localsOf(joining);
		const dashboard = (await dashboardLoad({
			locals: own,
			url: new URL('http://x/')
		} as never)) as {
			invitations: { id: string; organisationName: string; cohortName: string }[];
		};
		expect(dashboard.invitations).toMatchObject([
			{ organisationName: 'Trường A', cohortName: '10A1' }
		]);
		const url = 'http://localhost/dashboard?/accept';
		const accepted = await dashboardActions.accept({
			locals: own,
			request: new Request(url, {
				method: 'POST',
				body: new URLSearchParams({ invitationId: dashboard.invitations[0].id })
			})
		} as never);
		expect(accepted).toEqual({
			invitation: {
				ok: true,
				text: 'Bạn đã vào lớp và được ghi danh vào các khóa học của lớp.'
			}
		});
		const shown = await everything();
		expect(shown).toContain(joining.fullName);
		await expect(learnerPage(joining)).resolves.toMatchObject({
			learner: { fullName: joining.fullName }
		});
		const [invitation] = await db
			.select()
			.from(invitations)
			.where(eq(invitations.userId, joining.id));
		expect(invitation.status).toBe('accepted');
	});
});
