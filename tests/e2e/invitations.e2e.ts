import { randomBytes } from 'node:crypto';
import ExcelJS from 'exceljs';
import type { Page } from '@playwright/test';
import {
	ADMIN,
	addOrganisation,
	appoint,
	expect,
	newAccount,
	seriousViolations,
	signIn,
	signUp,
	test
} from './fixtures';

const COURSE_TITLE = 'Sản xuất sạch hơn tại cơ sở sản xuất';
const INVITED = 'Nếu có tài khoản với e-mail hoặc tên đăng nhập này';

/** Page object: the manager's cohort page, as far as this journey needs it. */
class CohortPage {
	constructor(private page: Page) {}
	async create(name: string, organisation: string) {
		await this.page.goto('/manage');
		await this.page.getByLabel('Đơn vị').selectOption({ label: organisation });
		await this.page.getByLabel('Tên lớp').fill(name);
		await this.page.getByRole('button', { name: 'Tạo lớp' }).click();
		await this.page.getByRole('link', { name }).click();
		await expect(this.page.getByRole('heading', { level: 1, name })).toBeVisible();
		return this.page.url();
	}
	async add(identifier: string) {
		const field = this.page.getByLabel('Tên đăng nhập hoặc email');
		await field.fill(identifier);
		await this.page.getByRole('button', { name: 'Thêm vào lớp' }).click();
		// An invitation empties the field: the answer to this request, not the last one, is shown.
		await expect(field).toHaveValue('');
		const status = this.page.getByRole('status').filter({ hasText: INVITED });
		await expect(status).toBeVisible();
		return status.textContent();
	}
	async assign(courseTitle: string) {
		await this.page.getByLabel('Khóa học', { exact: true }).selectOption({ label: courseTitle });
		await this.page.getByRole('button', { name: 'Giao cho cả lớp' }).click();
		await expect(this.page.getByText('Đã giao khóa học;')).toBeVisible();
	}
}

/** Every cell of a downloaded workbook, as text. */
async function workbookText(body: Buffer): Promise<string> {
	const book = new ExcelJS.Workbook();
	await book.xlsx.load(body as unknown as ArrayBuffer);
	const cells: string[] = [];
	book.eachSheet((sheet) =>
		sheet.eachRow((row) => row.eachCell((cell) => void cells.push(String(cell.text))))
	);
	return cells.join('\n');
}

test("a manager cannot see another organisation's learner until the learner accepts the invitation", async ({
	browser
}) => {
	test.setTimeout(120_000);
	const run = randomBytes(3).toString('hex');
	const schoolA = `Trường Trung cấp Mỏ Cày ${run}`;
	const schoolB = `Trường Cao đẳng Chợ Lách ${run}`;
	const cohortName = `10A1 ${run}`;

	const admin = await (await browser.newContext()).newPage();
	await signIn(admin, ADMIN.email, ADMIN.password);
	await addOrganisation(admin, schoolA);
	await addOrganisation(admin, schoolB);
	const managerPage = await (await browser.newContext()).newPage();
	const manager = newAccount('ql');
	manager.fullName = 'Phạm Thị Quản Lý';
	await signUp(managerPage, manager);
	await appoint(admin, manager, 'manager', schoolA);

	// A learner of school B, with a date of birth.
	const learnerPage = await (await browser.newContext()).newPage();
	const learner = newAccount('hv-b');
	learner.fullName = 'Huỳnh Thị Ánh Tuyết';
	await signUp(learnerPage, learner);
	await learnerPage.goto('/account');
	await learnerPage.getByLabel('Ngày sinh').fill('2009-04-30');
	await learnerPage.getByLabel('Đơn vị', { exact: true }).selectOption({ label: schoolB });
	await learnerPage.getByRole('button', { name: 'Lưu thông tin' }).click();
	await expect(learnerPage.getByText('Đã lưu thông tin cá nhân.')).toBeVisible();
	// The learner's id, as an attacker might have it from an old link.
	await admin.goto(`/admin/users?q=${learner.identifier}`);
	await admin.getByRole('link', { name: learner.fullName }).click();
	await admin.waitForURL(/\/admin\/users\/[0-9a-f-]{36}$/);
	const learnerId = admin.url().split('/').pop()!;
	const secrets = [learner.fullName, 'Ánh Tuyết', '30/04/2009', '2009-04-30', learnerId];

	// The attack: the manager adds the learner by username to their own cohort, through the form
	// and straight over HTTP, and assigns a course.
	const cohort = new CohortPage(managerPage);
	const cohortUrl = await cohort.create(cohortName, schoolA);
	const answer = await cohort.add(learner.identifier);
	// The same words for an identifier no one has.
	expect(await cohort.add(`khong-co-ai-${run}`)).toBe(answer);
	const origin = new URL(cohortUrl).origin;
	const posted = await managerPage.request.post(`${cohortUrl}?/add`, {
		headers: { origin },
		form: { identifier: learner.identifier }
	});
	expect(posted.status()).toBe(200);
	const postedBody = await posted.text();
	expect(postedBody).toContain(INVITED);
	for (const secret of secrets) expect(postedBody).not.toContain(secret);
	await managerPage.goto(cohortUrl);
	await cohort.assign(COURSE_TITLE);

	// Nothing of the learner anywhere the manager looks: the cohort page (the invitation shows only
	// the username typed), the matrix, the CSV and XLSX downloads, the learner page.
	await managerPage.goto(cohortUrl);
	await expect(managerPage.getByText('Lớp chưa có học viên.')).toBeVisible();
	const invitations = managerPage.getByRole('region', { name: /Lời mời chưa được nhận \(2\)/ });
	await expect(
		invitations.getByRole('cell', { name: learner.identifier, exact: true })
	).toBeVisible();
	expect(await seriousViolations(managerPage)).toEqual([]);
	const pages = {
		cohort: await (await managerPage.request.get(cohortUrl)).text(),
		data: await (await managerPage.request.get(`${cohortUrl}/__data.json`)).text(),
		matrix: await (await managerPage.request.get(`${cohortUrl}/matrix`)).text(),
		csv: await (await managerPage.request.get(`${cohortUrl}/matrix.csv`)).text(),
		xlsx: await workbookText(
			await (await managerPage.request.get(`${cohortUrl}/matrix.xlsx`)).body()
		)
	};
	for (const [where, body] of Object.entries(pages))
		for (const secret of secrets) expect(body, `${where}: ${secret}`).not.toContain(secret);
	for (const where of ['matrix', 'csv', 'xlsx'] as const)
		expect(pages[where], where).not.toContain(learner.identifier);
	const learnerUrl = `${cohortUrl}/learners/${learnerId}`;
	expect((await managerPage.request.get(learnerUrl)).status()).toBe(404);

	// The learner finds the invitation on their dashboard and accepts it, without JavaScript.
	await learnerPage.goto('/dashboard');
	await expect(learnerPage.getByRole('region', { name: 'Lời mời' })).toBeVisible();
	expect(await seriousViolations(learnerPage)).toEqual([]);
	const noScript = await (
		await browser.newContext({
			javaScriptEnabled: false,
			storageState: await learnerPage.context().storageState()
		})
	).newPage();
	await noScript.goto('/dashboard');
	const invitation = noScript.getByRole('region', { name: 'Lời mời' });
	await expect(invitation.getByText(`${schoolA} mời bạn vào lớp ${cohortName}.`)).toBeVisible();
	await invitation.getByRole('button', { name: 'Đồng ý' }).click();
	await expect(
		noScript.getByText('Bạn đã vào lớp và được ghi danh vào các khóa học của lớp.')
	).toBeVisible();
	await expect(noScript.getByRole('region', { name: 'Lời mời' })).toHaveCount(0);
	await expect(noScript.getByRole('heading', { name: COURSE_TITLE })).toBeVisible();

	// Now the manager sees the learner: in the cohort, the matrix, the CSV, the learner page.
	await managerPage.goto(cohortUrl);
	await expect(managerPage.getByRole('link', { name: learner.fullName })).toBeVisible();
	await expect(
		managerPage.getByRole('region', { name: /Lời mời chưa được nhận \(1\)/ })
	).toBeVisible();
	expect(await (await managerPage.request.get(`${cohortUrl}/matrix.csv`)).text()).toContain(
		learner.fullName
	);
	await managerPage.goto(learnerUrl);
	await expect(
		managerPage.getByRole('heading', { level: 1, name: `Tiến độ của ${learner.fullName}` })
	).toBeVisible();

	// The invitation to an unknown identifier can be withdrawn.
	await managerPage.goto(cohortUrl);
	await managerPage.getByRole('button', { name: `Rút lời mời gửi khong-co-ai-${run}` }).click();
	await expect(managerPage.getByText('Đã rút lời mời.')).toBeVisible();
	await expect(
		managerPage.getByRole('cell', { name: `khong-co-ai-${run}`, exact: true })
	).toHaveCount(0);
});
