import { randomBytes, randomUUID } from 'node:crypto';
import { readdirSync } from 'node:fs';
import type { Page } from '@playwright/test';
import {
	ADMIN,
	agreeToNotice,
	expect,
	newAccount,
	seriousViolations,
	signIn,
	signUp,
	test,
	openUser
} from './fixtures';
import { readQuiz, takeQuiz } from './quiz-helpers';

const COURSE = 'sxsh-tai-co-so-san-xuat';
const COURSE_TITLE = 'Sản xuất sạch hơn tại cơ sở sản xuất';

/** Page object: the manager's cohort pages. */
class CohortPages {
	constructor(private page: Page) {}
	async create(name: string, organisation: string) {
		await this.page.goto('/manage');
		await this.page.getByLabel('Đơn vị').selectOption({ label: organisation });
		await this.page.getByLabel('Tên lớp').fill(name);
		await this.page.getByRole('button', { name: 'Tạo lớp' }).click();
		await expect(this.page.getByText(`Đã tạo lớp ${name}.`)).toBeVisible();
		await this.page.getByRole('link', { name }).click();
		await expect(this.page.getByRole('heading', { level: 1, name })).toBeVisible();
		return this.page.url();
	}
	async importCsv(csv: string) {
		await this.page.getByLabel('Tệp danh sách').setInputFiles({
			name: 'lop.csv',
			mimeType: 'text/csv',
			buffer: Buffer.from(csv, 'utf8')
		});
		await this.page.getByRole('button', { name: 'Nhập danh sách' }).click();
	}
	async assign(courseTitle: string, dueOn: string) {
		await this.page.getByLabel('Khóa học', { exact: true }).selectOption({ label: courseTitle });
		await this.page.getByLabel('Hạn hoàn thành', { exact: true }).fill(dueOn);
		await this.page.getByRole('button', { name: 'Giao cho cả lớp' }).click();
		await expect(this.page.getByText('Đã giao khóa học;')).toBeVisible();
	}
}

async function appoint(page: Page, organisation: string, identifier: string) {
	await page.goto('/admin/organisations');
	await page.getByLabel('Tên đơn vị').fill(organisation);
	await page.getByLabel('Loại đơn vị').selectOption('school');
	await page.getByRole('button', { name: 'Thêm đơn vị' }).click();
	await expect(page.getByRole('cell', { name: organisation })).toBeVisible();
	if (!identifier) return;
	await openUser(page, identifier, 'Phạm Thị Quản Lý');
	await page.getByRole('combobox', { name: 'Vai trò' }).selectOption('manager');
	await page.getByLabel('Tại đơn vị').selectOption({ label: organisation });
	await page.getByRole('button', { name: 'Giao vai trò' }).click();
	await expect(page.getByText(`Quản lý đơn vị tại ${organisation}`)).toBeVisible();
}

test('a manager imports a class, assigns a course, a learner completes it and the matrix shows it', async ({
	browser
}) => {
	test.setTimeout(120_000);
	const run = randomBytes(3).toString('hex');
	const schoolA = `Trường Trung cấp Bến Tre ${run}`;
	const schoolB = `Trường Cao đẳng Đồng Khởi ${run}`;

	const managerPage = await (await browser.newContext()).newPage();
	const manager = newAccount('ql');
	manager.fullName = 'Phạm Thị Quản Lý';
	await signUp(managerPage, manager);

	const adminPage = await (await browser.newContext()).newPage();
	await signIn(adminPage, ADMIN.email, ADMIN.password);
	await appoint(adminPage, schoolA, manager.identifier);
	await appoint(adminPage, schoolB, '');
	// Another organisation's cohort, made by the administrator.
	const otherCohort = await new CohortPages(adminPage).create(`Lớp khác ${run}`, schoolB);

	// The manager finds the classes from the menu and makes a cohort.
	await managerPage.goto('/dashboard');
	await managerPage.getByRole('link', { name: 'Quản lý lớp' }).click();
	await expect(managerPage.getByRole('heading', { level: 1, name: 'Quản lý lớp' })).toBeVisible();
	expect(await seriousViolations(managerPage)).toEqual([]);
	const cohorts = new CohortPages(managerPage);
	const cohortUrl = await cohorts.create(`10A1 ${run}`, schoolA);

	// A bad file: every problem by row and column, nothing imported.
	const learnerId = `hs-${run}-01`;
	await cohorts.importCsv(
		'Họ và tên,Tên đăng nhập hoặc email,Ngày sinh,Nhóm đối tượng\n' +
			`Lê Thị Mai,${learnerId},05/09/2010,Học sinh\nVõ Văn Tư,hs-${run}-02,31/02/2010,Học sinh\n`
	);
	await expect(managerPage.getByText('Dòng 3, cột ngày sinh: ngày không hợp lệ')).toBeVisible();
	await expect(managerPage.getByText('Lớp chưa có học viên.')).toBeVisible();

	// The good file, with a BOM: one-time passwords shown once.
	await cohorts.importCsv(
		'\uFEFFHọ và tên,Tên đăng nhập hoặc email,Ngày sinh,Nhóm đối tượng\n' +
			`Lê Thị Mai,${learnerId},05/09/2010,Học sinh\nVõ Văn Tư,hs-${run}-02,28/02/2010,Học sinh\n`
	);
	await expect(managerPage.getByText('Đã nhập 2 học viên vào lớp.')).toBeVisible();
	const row = managerPage.getByRole('row', { name: new RegExp(learnerId) });
	const oneTime = (await row.locator('code').textContent())!.trim();
	expect(oneTime).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);
	const sheet = managerPage.waitForEvent('download');
	await managerPage.getByRole('button', { name: 'Tải danh sách mật khẩu (CSV)' }).click();
	expect((await sheet).suggestedFilename()).toBe('mat-khau-lop.csv');
	expect(await seriousViolations(managerPage)).toEqual([]);

	await managerPage.goto(cohortUrl);
	await cohorts.assign(COURSE_TITLE, '2030-12-31');

	// Another organisation's cohort is not found, pages and exports alike.
	for (const path of ['', '/matrix', '/matrix.csv', '/matrix.xlsx', `/learners/${randomUUID()}`]) {
		expect((await managerPage.request.get(otherCohort + path)).status(), path).toBe(404);
	}
	// …and so is every change to it: members, courses, imports, credentials.
	const origin = new URL(managerPage.url()).origin;
	for (const path of [
		'?/add',
		'?/assign',
		'?/due',
		'?/unassign',
		'?/members',
		'?/import',
		'/credentials.csv',
		'/credentials.pdf'
	]) {
		const response = await managerPage.request.post(otherCohort + path, {
			headers: { origin },
			form: {
				identifier: learnerId,
				userIds: randomUUID(),
				action: 'remove',
				confirm: '1',
				courseId: randomUUID()
			}
		});
		expect(response.status(), path).toBe(404);
	}

	// The learner signs in with the one-time password, sets their own, and completes the course.
	const learnerPage = await (await browser.newContext()).newPage();
	await signIn(learnerPage, learnerId, oneTime);
	await expect(learnerPage).toHaveURL(/\/account\/new-password/);
	await learnerPage.getByLabel('Mật khẩu mới').fill('cây dừa sáp cầu kè');
	await learnerPage.getByRole('button', { name: 'Lưu mật khẩu mới' }).click();
	// An account made by import: the privacy notice comes next, then where they were going.
	await agreeToNotice(learnerPage);
	await expect(learnerPage).toHaveURL(/\/dashboard\?notice=password-set$/);
	for (const file of readdirSync(`courses/${COURSE}`).filter((f) => /^\d+-.*\.md$/.test(f))) {
		await learnerPage.goto(`/courses/${COURSE}/${file.replace(/^\d+-|\.md$/g, '')}`);
		await learnerPage.locator('.lesson-nav').scrollIntoViewIfNeeded();
		await expect(learnerPage.getByText('✓ Bạn đã học xong bài này.')).toBeVisible();
	}
	await learnerPage.goto(`/courses/${COURSE}/quiz/kiem-tra-cuoi-khoa`);
	await learnerPage.getByRole('button', { name: 'Bắt đầu làm bài' }).click();
	await takeQuiz(learnerPage, readQuiz(`courses/${COURSE}/kiem-tra-cuoi-khoa.quiz.yaml`), true);
	await expect(learnerPage.getByText('Bạn đã hoàn thành khóa học!')).toBeVisible();

	// The matrix shows it; the learner's name opens their progress.
	await managerPage.goto(cohortUrl);
	await managerPage.getByRole('link', { name: 'Xem bảng tiến độ của lớp' }).click();
	await managerPage.waitForURL(/\/matrix$/);
	const matrixUrl = managerPage.url();
	const mai = managerPage.getByRole('row', { name: /Lê Thị Mai/ });
	await expect(mai.getByRole('cell', { name: /^Hoàn thành/ })).toBeVisible();
	await expect(mai.getByText('giấy chứng nhận')).toBeVisible();
	const tu = managerPage.getByRole('row', { name: /Võ Văn Tư/ });
	await expect(tu.getByRole('cell', { name: 'Chưa bắt đầu' })).toBeVisible();
	expect(await seriousViolations(managerPage)).toEqual([]);
	const csv = await managerPage.request.get(matrixUrl + '.csv');
	expect(await csv.text()).toContain('"Lê Thị Mai"');
	// The whole class in figures; a figure lists those learners.
	const summary = managerPage.getByRole('table', { name: /Số học viên theo trạng thái/ });
	await summary.getByRole('link', { name: `1 học viên, ${COURSE_TITLE}: Hoàn thành` }).click();
	await expect(managerPage.getByText('Có 1 trên 2 học viên khớp bộ lọc.')).toBeVisible();
	await expect(tu).toHaveCount(0);
	await expect(mai).toBeVisible();
	// A learner found by name, typed without diacritics.
	await managerPage.getByRole('link', { name: 'Bỏ lọc' }).click();
	// The unfiltered page first: typing into the filtered one's form kept its course and state.
	await managerPage.waitForURL(/\/matrix$/);
	await expect(managerPage.getByRole('combobox', { name: 'Trạng thái' })).toHaveValue('');
	await managerPage.getByLabel('Tìm học viên').fill('vo van');
	await managerPage.getByRole('button', { name: 'Lọc', exact: true }).click();
	await expect(tu).toBeVisible();
	await expect(mai).toHaveCount(0);

	// Without JavaScript: sorting by a course and the filter are links and a GET form.
	const noScript = await (
		await browser.newContext({
			javaScriptEnabled: false,
			storageState: await managerPage.context().storageState()
		})
	).newPage();
	await noScript.goto(matrixUrl);
	await noScript.getByRole('link', { name: `Sắp xếp theo ${COURSE_TITLE}` }).click();
	await expect(noScript).toHaveURL(/[?&]sort=0/);
	await expect(
		noScript.getByRole('columnheader', { name: `Sắp xếp theo ${COURSE_TITLE}` })
	).toHaveAttribute('aria-sort', 'ascending');
	// Most in need of attention first: Tư has not started, Mai has completed.
	const learnerRows = noScript
		.getByRole('table', { name: /Tiến độ từng học viên/ })
		.locator('tbody tr');
	await expect(learnerRows.first()).toContainText('Võ Văn Tư');
	await noScript.getByLabel('Trạng thái').selectOption({ label: 'Hoàn thành' });
	await noScript.getByRole('button', { name: 'Lọc', exact: true }).click();
	await expect(noScript.getByText('Có 1 trên 2 học viên khớp bộ lọc.')).toBeVisible();
	await expect(learnerRows).toHaveCount(1);
	await expect(learnerRows.first()).toContainText('Lê Thị Mai');
	await expect(noScript).toHaveURL(/[?&]sort=0/);
	await noScript.getByRole('link', { name: 'Lê Thị Mai' }).click();
	await expect(
		noScript.getByRole('heading', { level: 1, name: 'Tiến độ của Lê Thị Mai' })
	).toBeVisible();

	await managerPage.goto(matrixUrl);
	await managerPage.getByRole('link', { name: 'Lê Thị Mai' }).click();
	await expect(
		managerPage.getByRole('heading', { level: 1, name: 'Tiến độ của Lê Thị Mai' })
	).toBeVisible();
	await expect(managerPage.getByRole('cell', { name: 'Đạt', exact: true })).toBeVisible();
	expect(await seriousViolations(managerPage)).toEqual([]);

	// The six-monthly report of the manager's organisation counts the class: two enrolments, one
	// completion, one certificate.
	await managerPage.goto('/manage/report');
	const totals = managerPage.getByRole('table', { name: 'Tổng hợp' }).getByRole('row').last();
	await expect(totals.getByRole('cell').nth(0)).toHaveText('2');
	await expect(totals.getByRole('cell').nth(2)).toHaveText('1');
	await expect(totals.getByRole('cell').nth(4)).toHaveText('1');
});

test('a class imports with JavaScript disabled, and another organisation cannot import into it', async ({
	browser
}) => {
	const run = randomBytes(3).toString('hex');
	const adminPage = await (await browser.newContext()).newPage();
	await signIn(adminPage, ADMIN.email, ADMIN.password);
	const managerContext = await browser.newContext({ javaScriptEnabled: false });
	const managerPage = await managerContext.newPage();
	const manager = newAccount('ql-nojs');
	manager.fullName = 'Phạm Thị Quản Lý';
	await signUp(managerPage, manager);
	const school = `Trường nghề không JS ${run}`;
	await appoint(adminPage, school, manager.identifier);

	const cohorts = new CohortPages(managerPage);
	await cohorts.create(`11B2 ${run}`, school);
	await cohorts.importCsv(
		'Họ và tên;Tên đăng nhập hoặc email;Ngày sinh;Nhóm đối tượng\n' +
			`Đặng Văn Hải;hs-${run}-nojs;2010-03-14;Học sinh\n`
	);
	await expect(managerPage.getByText('Đã nhập 1 học viên vào lớp.')).toBeVisible();
	await expect(
		managerPage.getByRole('row', { name: new RegExp(`hs-${run}-nojs`) }).first()
	).toBeVisible();

	// The streamed import of the page's script is guarded like the rest: a stranger gets 404.
	const stranger = await (await browser.newContext()).newPage();
	await signUp(stranger, newAccount('la'));
	const cohortPath = new URL(managerPage.url()).pathname;
	const response = await stranger.request.post(`${cohortPath}/import`, {
		multipart: { file: { name: 'x.csv', mimeType: 'text/csv', buffer: Buffer.from('a,b\n') } }
	});
	expect([403, 404]).toContain(response.status());
});
