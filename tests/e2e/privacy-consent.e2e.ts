import { randomBytes } from 'node:crypto';
import type { Browser, Page } from '@playwright/test';
import {
	ADMIN,
	AGREE,
	expect,
	newAccount,
	pageProblems,
	phone,
	signIn,
	SignUpPage,
	test
} from './fixtures';

const REFUSED = 'Bạn cần đánh dấu ô này để đồng ý trước khi tiếp tục.';

/** Learners with one-time passwords, from a class list the administrator imports. */
async function importedLearners(browser: Browser, count: number) {
	const run = randomBytes(3).toString('hex');
	const page = await (await browser.newContext()).newPage();
	await signIn(page, ADMIN.email, ADMIN.password);
	const school = `Trường Đồng Ý ${run}`;
	await page.goto('/admin/organisations');
	await page.getByLabel('Tên đơn vị').fill(school);
	await page.getByLabel('Loại đơn vị').selectOption('school');
	await page.getByRole('button', { name: 'Thêm đơn vị' }).click();
	await expect(page.getByRole('cell', { name: school })).toBeVisible();
	await page.goto('/manage');
	await page.getByLabel('Đơn vị').selectOption({ label: school });
	await page.getByLabel('Tên lớp').fill(`Lớp ${run}`);
	await page.getByRole('button', { name: 'Tạo lớp' }).click();
	await page.getByRole('link', { name: `Lớp ${run}` }).click();
	const identifiers = Array.from({ length: count }, (_, i) => `dy-${run}-${i}`);
	await page.getByLabel('Tệp danh sách').setInputFiles({
		name: 'lop.csv',
		mimeType: 'text/csv',
		buffer: Buffer.from(
			'Họ và tên,Tên đăng nhập hoặc email,Ngày sinh,Nhóm đối tượng\n' +
				identifiers.map((id) => `Học Viên ${id},${id},05/09/1999,Học sinh\n`).join(''),
			'utf8'
		)
	});
	await page.getByRole('button', { name: 'Nhập danh sách' }).click();
	await expect(page.getByText(`Đã nhập ${count} học viên vào lớp.`)).toBeVisible();
	const learners = [];
	for (const identifier of identifiers) {
		const row = page.getByRole('row', { name: new RegExp(identifier) });
		learners.push({ identifier, password: (await row.locator('code').textContent())!.trim() });
	}
	await page.context().close();
	return learners;
}

/** The first sign-in of an imported learner, up to the privacy notice (own password first). */
async function toTheNotice(page: Page, learner: { identifier: string; password: string }) {
	await page.goto('/sign-in');
	await page.getByLabel('E-mail hoặc tên đăng nhập').fill(learner.identifier);
	await page.getByLabel('Mật khẩu', { exact: true }).fill(learner.password);
	await page.getByRole('main').getByRole('button', { name: 'Đăng nhập' }).click();
	await expect(page).toHaveURL(/\/account\/new-password$/);
	await page.getByLabel('Mật khẩu mới').fill('cây dừa sáp cầu kè');
	await page.getByRole('button', { name: 'Lưu mật khẩu mới' }).click();
	await expect(page).toHaveURL(/\/privacy\/consent\?redirectTo=/);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(
		'Đồng ý về xử lý dữ liệu cá nhân'
	);
}

/** The consent page: refused without the box, then agreed, and on to the dashboard. */
async function agreeOnThePage(page: Page, withJavaScript: boolean) {
	await expect(page.getByRole('heading', { name: 'Quyền của bạn' })).toBeVisible();
	// Someone who does not agree can still leave, take their data, or ask for erasure.
	await expect(page.getByRole('link', { name: 'Tải dữ liệu của bạn về' })).toBeVisible();
	await expect(
		page.getByRole('link', { name: 'Yêu cầu xóa dữ liệu hoặc gửi yêu cầu khác' })
	).toBeVisible();
	await expect(page.getByRole('main').getByRole('button', { name: 'Đăng xuất' })).toBeVisible();
	// Elsewhere waits: any page leads back here.
	await page.goto('/courses');
	await expect(page).toHaveURL(/\/privacy\/consent\?redirectTo=%2Fcourses$/);
	if (withJavaScript) expect(await pageProblems(page)).toEqual([]);
	await expect(page.getByLabel(AGREE)).not.toBeChecked();
	await page.getByRole('button', { name: 'Đồng ý và tiếp tục' }).click();
	await expect(page.getByText(REFUSED)).toBeVisible();
	await expect(page).toHaveURL(/\/privacy\/consent/);
	await page.getByLabel(AGREE).check();
	await page.getByRole('button', { name: 'Đồng ý và tiếp tục' }).click();
	await expect(page).toHaveURL(/\/courses$/);
	await page.goto('/dashboard');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Việc học của tôi');
	await page.goto('/account/privacy');
	await expect(
		page.getByText(/Bạn đã đồng ý với Thông báo về xử lý dữ liệu cá nhân phiên bản \d+/)
	).toBeVisible();
	await expect(page.getByRole('cell', { name: 'Khi đăng nhập' })).toBeVisible();
	if (withJavaScript) expect(await pageProblems(page)).toEqual([]);
}

test('sign-up shows the notice, refuses without the box and records the consent', async ({
	browser
}) => {
	const page = await phone(browser);
	await page.goto('/sign-up');
	const link = page.getByRole('link', {
		name: /^Đọc Thông báo về xử lý dữ liệu cá nhân \(phiên bản \d+\)$/
	});
	await expect(link).toHaveAttribute('href', /\/privacy\?version=\d+$/);
	const version = (await link.getAttribute('href'))!.match(/version=(\d+)/)![1];
	await expect(page.getByLabel(AGREE)).not.toBeChecked();
	expect(await pageProblems(page)).toEqual([]);

	// Without the box: refused, nothing made.
	const account = newAccount('dy');
	await page.getByLabel('Họ và tên').fill(account.fullName);
	await page.getByLabel('E-mail hoặc tên đăng nhập').fill(account.identifier);
	await page.getByLabel('Mật khẩu', { exact: true }).fill(account.password);
	await page.getByRole('button', { name: 'Tạo tài khoản' }).click();
	await expect(page.getByText(REFUSED)).toBeVisible();
	await expect(page).toHaveURL(/\/sign-up$/);

	// The notice the link opens: the version, the rights, the footer's way back to it.
	await page.goto(`/privacy?version=${version}`);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(
		'Thông báo về xử lý dữ liệu cá nhân'
	);
	await expect(page.getByText(new RegExp(`^Phiên bản ${version}, công bố ngày`))).toBeVisible();
	await expect(page.getByRole('heading', { name: 'Quyền của bạn' })).toBeVisible();
	await expect(
		page.getByRole('contentinfo').getByRole('link', { name: 'Quyền riêng tư' })
	).toBeVisible();
	expect(await pageProblems(page)).toEqual([]);

	await new SignUpPage(page).goto();
	await new SignUpPage(page).submit(account);
	await expect(page).toHaveURL(/\/courses$/);
	await page.goto('/account');
	await page.getByRole('link', { name: 'Quyền riêng tư và dữ liệu cá nhân' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Quyền riêng tư của tôi');
	await expect(
		page.getByText(`Bạn đã đồng ý với Thông báo về xử lý dữ liệu cá nhân phiên bản ${version}`, {
			exact: false
		})
	).toBeVisible();
	await expect(page.getByRole('cell', { name: 'Khi tạo tài khoản' })).toBeVisible();
	await expect(
		page.getByRole('link', { name: 'Gửi yêu cầu xem, sửa, hạn chế hoặc xóa dữ liệu' })
	).toBeVisible();
	expect(await pageProblems(page)).toEqual([]);
});

test('an imported learner agrees to the notice at the first sign-in, with and without JavaScript', async ({
	browser
}) => {
	test.setTimeout(120_000);
	const [first, second] = await importedLearners(browser, 2);

	const page = await phone(browser);
	await toTheNotice(page, first);
	expect(await pageProblems(page)).toEqual([]);
	await agreeOnThePage(page, true);

	const noScript = await phone(browser, false);
	await toTheNotice(noScript, second);
	await agreeOnThePage(noScript, false);
});

test('the administrator’s notice page lists the versions and offers the next', async ({
	browser
}) => {
	const page = await phone(browser);
	await signIn(page, ADMIN.email, ADMIN.password);
	await page.goto('/admin/privacy/notice');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(
		'Thông báo về xử lý dữ liệu cá nhân'
	);
	await expect(page.getByRole('link', { name: 'Xem phiên bản 1' })).toBeVisible();
	await expect(page.getByRole('button', { name: /^Công bố phiên bản \d+$/ })).toBeVisible();
	await expect(page.getByLabel('Nội dung tiếng Việt')).toHaveValue(/Quyền của bạn/);
	// Publishing without saying what changed is refused (a real publication would hold others).
	await page.getByRole('button', { name: /^Công bố phiên bản \d+$/ }).click();
	await expect(page.getByText('Cần nêu những gì thay đổi so với phiên bản trước.')).toBeVisible();
	expect(await pageProblems(page)).toEqual([]);
});
