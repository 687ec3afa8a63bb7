import { randomBytes } from 'node:crypto';
import type { Browser, Page } from '@playwright/test';
import {
	ADMIN,
	addOrganisation,
	appoint,
	expect,
	newAccount,
	pageProblems,
	signIn,
	signUp,
	test
} from './fixtures';

/**
 * A manager's day on a phone (390 × 844): the class list, a new class, a course with a due date,
 * an import with its one-time passwords as slips, the matrix and its export, the member list sorted
 * and a learner moved to another class; every page fits the screen and passes axe. Then the same
 * bulk action and assignment changes without JavaScript, through their confirmation pages.
 */
const PHONE = { width: 390, height: 844 };
const COURSE_TITLE = 'Sản xuất sạch hơn tại cơ sở sản xuất';
const PASSWORD = /^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/;

async function phone(browser: Browser, javaScriptEnabled = true) {
	const context = await browser.newContext({ viewport: PHONE, javaScriptEnabled });
	return context.newPage();
}

/** No sideways scroll at 390 px; with axe (and the other page checks) when the page has scripts. */
async function fits(page: Page, { axe = true } = {}) {
	const { wide, width } = await page.evaluate(() => ({
		wide: document.documentElement.scrollWidth,
		width: window.innerWidth
	}));
	expect(wide, page.url()).toBeLessThanOrEqual(width);
	if (axe) expect(await pageProblems(page)).toEqual([]);
}

async function createCohort(page: Page, name: string, organisation: string) {
	await page.goto('/manage');
	await page.getByLabel('Đơn vị').selectOption({ label: organisation });
	await page.getByLabel('Tên lớp').fill(name);
	await page.getByRole('button', { name: 'Tạo lớp' }).click();
	await expect(page.getByText(`Đã tạo lớp ${name}.`)).toBeVisible();
	await page.getByRole('link', { name, exact: true }).click();
	await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
	return page.url();
}

async function assign(page: Page, dueOn: string) {
	await page.getByLabel('Khóa học', { exact: true }).selectOption({ label: COURSE_TITLE });
	await page.getByLabel('Hạn hoàn thành', { exact: true }).fill(dueOn);
	await page.getByRole('button', { name: 'Giao cho cả lớp' }).click();
	await expect(page.getByText('Đã giao khóa học;')).toBeVisible();
}

async function importCsv(page: Page, csv: string) {
	await page.getByLabel('Tệp danh sách').setInputFiles({
		name: 'lop.csv',
		mimeType: 'text/csv',
		buffer: Buffer.from(csv, 'utf8')
	});
	await page.getByRole('button', { name: 'Nhập danh sách' }).click();
}

/** A manager of a new school, signed in on a phone, and the school's name. */
async function newManager(browser: Browser, run: string, javaScriptEnabled = true) {
	const admin = await (await browser.newContext()).newPage();
	await signIn(admin, ADMIN.email, ADMIN.password);
	const school = `Trường Cao đẳng Điện ${run}`;
	await addOrganisation(admin, school);
	const account = newAccount('ql');
	account.fullName = `Phạm Thị Quản Lý ${run}`;
	const page = await phone(browser, javaScriptEnabled);
	if (javaScriptEnabled) await signUp(page, account);
	else {
		// Sign-up and sign-in work without JavaScript too; a scripted page is quicker to wait on.
		await signUp(await phone(browser), account);
		await signIn(page, account.identifier, account.password);
	}
	await appoint(admin, account, 'manager', school);
	return { page, school };
}

test('a manager works through their classes on a phone', async ({ browser }) => {
	test.setTimeout(180_000);
	const run = randomBytes(3).toString('hex');
	const { page, school } = await newManager(browser, run);
	const name = `CĐ Điện công nghiệp K24A ${run}`;
	const other = `CĐ Điện công nghiệp K24B ${run}`;

	await createCohort(page, other, school);
	const cohortUrl = await createCohort(page, name, school);
	await fits(page);
	await assign(page, '2030-12-20');

	// The templates sit beside the import form, named for a person.
	const template = page.waitForEvent('download');
	await page.getByRole('link', { name: 'Tệp mẫu CSV' }).click();
	expect((await template).suggestedFilename()).toBe('mau-danh-sach-lop.csv');

	await importCsv(
		page,
		'Họ và tên,Tên đăng nhập hoặc email,Ngày sinh,Nhóm đối tượng\n' +
			`Lê Đức Chính,k24a-${run}-chinh,05/09/2006,Học sinh\n` +
			`Trần Thị Bình,k24a-${run}-binh,12/01/2006,Học sinh\n` +
			`Nguyễn Văn Anh,k24a-${run}-anh,30/04/2006,Học sinh\n`
	);
	await expect(page.getByText('Đã nhập 3 học viên vào lớp.')).toBeVisible();
	// Every password whole on the phone, the one screen that cannot be reopened.
	const password = page.getByRole('row', { name: new RegExp(`k24a-${run}-anh`) }).locator('code');
	await expect(password).toHaveText(PASSWORD);
	const box = await password.boundingBox();
	expect(box!.x + box!.width).toBeLessThanOrEqual(PHONE.width);
	await fits(page);
	const slips = page.waitForEvent('download');
	await page.getByRole('button', { name: /Tải phiếu đăng nhập để in/ }).click();
	const pdf = await slips;
	expect(pdf.suggestedFilename()).toBe(`phieu-dang-nhap-${name}.pdf`);
	const sheet = page.waitForEvent('download');
	await page.getByRole('button', { name: 'Tải danh sách mật khẩu (CSV)' }).click();
	expect((await sheet).suggestedFilename()).toBe('mat-khau-lop.csv');

	// The matrix, and its export under the class's own name (ASCII twin for old programs).
	await page.getByRole('link', { name: 'Xem bảng tiến độ của lớp' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toContainText(name);
	await fits(page);
	const xlsx = await page.request.get(`${cohortUrl}/matrix.xlsx`);
	expect(xlsx.headers()['content-disposition']).toBe(
		`attachment; filename="tien-do-CD-Dien-cong-nghiep-K24A-${run}.xlsx"; ` +
			`filename*=UTF-8''${encodeURIComponent(`tien-do-${name}.xlsx`)}`
	);

	// The members in Vietnamese order, by given name; by family name on request.
	await page.goto(cohortUrl);
	const names = () => page.locator('table.stack tbody th').allInnerTexts();
	await expect.poll(names).toEqual(['Nguyễn Văn Anh', 'Trần Thị Bình', 'Lê Đức Chính']);
	await page.getByLabel('Sắp xếp theo').selectOption({ label: 'Họ' });
	await page.getByRole('button', { name: 'Sắp xếp' }).click();
	await expect(page).toHaveURL(/order=family/);
	await expect.poll(names).toEqual(['Lê Đức Chính', 'Nguyễn Văn Anh', 'Trần Thị Bình']);
	await fits(page);

	// One learner moved to the other class.
	await page.getByRole('checkbox', { name: 'Chọn Trần Thị Bình' }).check();
	await page.getByLabel('Việc cần làm').selectOption({ label: 'Chuyển sang lớp khác' });
	await page
		.getByLabel('Lớp chuyển đến')
		.selectOption({ label: `${other} (${school}, ${new Date().getFullYear()})` });
	await page.getByRole('button', { name: 'Thực hiện' }).click();
	await expect(page.getByText(`Đã chuyển 1 học viên sang lớp ${other}.`)).toBeVisible();
	await expect(page.getByRole('heading', { name: 'Học viên (2)' })).toBeVisible();
	await fits(page);

	// The due date changed in place.
	await page.getByLabel(`Hạn hoàn thành: ${COURSE_TITLE}`).fill('2031-01-15');
	await page.getByRole('button', { name: new RegExp(`^Lưu hạn\\s*: ${COURSE_TITLE}$`) }).click();
	await expect(page.getByText('Đã đổi hạn hoàn thành.')).toBeVisible();
	await expect(page.getByText('hạn 15/01/2031')).toBeVisible();
	await fits(page);

	await page.goto('/manage');
	await expect(page.getByRole('link', { name, exact: true })).toBeVisible();
	await fits(page);
});

test('without JavaScript: removing members and changing an assignment ask first', async ({
	browser
}) => {
	test.setTimeout(180_000);
	const run = randomBytes(3).toString('hex');
	const { page, school } = await newManager(browser, run, false);
	const cohortUrl = await createCohort(page, `Lớp không JS ${run}`, school);
	await assign(page, '2030-12-20');
	await importCsv(
		page,
		'Họ và tên,Tên đăng nhập hoặc email,Ngày sinh,Nhóm đối tượng\n' +
			`Đặng Văn Hải,nojs-${run}-hai,14/03/2006,Học sinh\n` +
			`Võ Thị Lan,nojs-${run}-lan,01/02/2006,Học sinh\n`
	);
	await expect(page.getByText('Đã nhập 2 học viên vào lớp.')).toBeVisible();
	await fits(page, { axe: false });

	// Bulk removal: nothing ticked is told so; then a confirmation page, then done.
	await page.goto(cohortUrl);
	await page.getByLabel('Việc cần làm').selectOption({ label: 'Xóa khỏi lớp này' });
	await page.getByRole('button', { name: 'Thực hiện' }).click();
	await expect(page.getByText('Hãy đánh dấu ít nhất một học viên.')).toBeVisible();
	await page.getByRole('checkbox', { name: 'Chọn Võ Thị Lan' }).check();
	await page.getByLabel('Việc cần làm').selectOption({ label: 'Xóa khỏi lớp này' });
	await page.getByRole('button', { name: 'Thực hiện' }).click();
	await expect(page.getByText('Xóa 1 học viên sau khỏi lớp?')).toBeVisible();
	await fits(page, { axe: false });
	await page.getByRole('button', { name: 'Xóa khỏi lớp' }).click();
	await expect(page.getByText('Đã xóa 1 học viên khỏi lớp;')).toBeVisible();
	await expect(page.getByRole('heading', { name: 'Học viên (1)' })).toBeVisible();

	// The due date, then the assignment itself, after its confirmation.
	await page.getByLabel(`Hạn hoàn thành: ${COURSE_TITLE}`).fill('2031-02-01');
	await page.getByRole('button', { name: new RegExp(`^Lưu hạn\\s*: ${COURSE_TITLE}$`) }).click();
	await expect(page.getByText('Đã đổi hạn hoàn thành.')).toBeVisible();
	await expect(page.getByText('hạn 01/02/2031')).toBeVisible();
	await page
		.getByRole('button', { name: new RegExp(`^Bỏ giao khóa học\\s*: ${COURSE_TITLE}$`) })
		.click();
	await expect(page.getByText(`Bỏ giao khóa “${COURSE_TITLE}” cho lớp?`)).toBeVisible();
	await fits(page, { axe: false });
	await page.getByRole('button', { name: 'Bỏ giao khóa học', exact: true }).click();
	await expect(page.getByText('Đã bỏ giao khóa học;')).toBeVisible();
	await expect(page.getByText('Chưa giao khóa học nào.')).toBeVisible();
	await fits(page, { axe: false });
});
