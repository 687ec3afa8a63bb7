import type { Page } from '@playwright/test';
import { ADMIN, expect, pageProblems, phone, test } from './fixtures';

// The retention page: the periods in force, a preview first, then carrying it out with a
// confirmation; with JavaScript and without.

/** Signs the administrator in, agreeing to the privacy notice first if the platform asks. */
async function signInAdmin(page: Page) {
	await page.goto('/sign-in');
	await page.getByLabel('E-mail hoặc tên đăng nhập').fill(ADMIN.email);
	await page.getByLabel('Mật khẩu', { exact: true }).fill(ADMIN.password);
	await page.getByRole('main').getByRole('button', { name: 'Đăng nhập' }).click();
	await page.waitForURL((url) => !url.pathname.endsWith('/sign-in'));
	if (new URL(page.url()).pathname.endsWith('/privacy/consent')) {
		await page.getByRole('checkbox', { name: /Tôi đã đọc và đồng ý/ }).check();
		await page.getByRole('button', { name: 'Đồng ý và tiếp tục' }).click();
		await page.waitForURL((url) => !url.pathname.endsWith('/privacy/consent'));
	}
}

// One run at a time: carrying out needs the latest run to be this test's own preview.
// Whole journeys of several pages each: the suite's 30 s is for single steps (CI has been slower).
test.describe.configure({ mode: 'serial', timeout: 120_000 });

async function previewAndCarryOut(page: Page, javaScript: boolean) {
	await page.goto('/admin/privacy/retention');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Thời hạn lưu trữ dữ liệu');
	const periods = page.getByRole('region', { name: 'Thời hạn đang áp dụng' });
	await expect(periods.getByText('RETENTION_INACTIVE_YEARS')).toBeVisible();
	await expect(periods.getByText('RETENTION_SCHEDULE')).toBeVisible();

	await page.getByRole('button', { name: 'Xem trước', exact: true }).click();
	const plan = page.getByRole('table', {
		name: 'Số dữ liệu sẽ bị ẩn danh hóa hoặc xóa, theo từng quy tắc'
	});
	await expect(plan).toBeVisible();
	await expect(plan.getByText('Phiên đăng nhập đã hết hạn: xóa')).toBeVisible();
	await expect(plan.getByText(/^Tài khoản không đăng nhập quá 5 năm: ẩn danh hóa/)).toBeVisible();
	if (javaScript) expect(await pageProblems(page)).toEqual([]);

	// Not without the confirmation.
	await page.getByRole('button', { name: 'Thực hiện', exact: true }).click();
	await expect(page.getByText('Hãy đánh dấu xác nhận trước khi thực hiện.')).toBeVisible();
	await page.getByLabel(/Tôi đã xem kết quả xem trước/).check();
	await page.getByRole('button', { name: 'Thực hiện', exact: true }).click();
	await expect(page.getByText('Đã thực hiện.', { exact: false })).toBeVisible();

	// Carried out: the list has the run, and another needs a new preview.
	const runs = page.getByRole('table', { name: 'Các lần chạy gần đây' });
	await expect(runs.getByRole('row').nth(1)).toContainText('Thực hiện');
	await expect(runs.getByRole('row').nth(2)).toContainText('Xem trước');
	await expect(page.getByRole('button', { name: 'Thực hiện', exact: true })).toBeDisabled();
	await expect(
		page.getByText('Hãy xem trước trước khi thực hiện.', { exact: false })
	).toBeVisible();
	if (javaScript) expect(await pageProblems(page)).toEqual([]);
}

test('an administrator previews the retention periods and carries them out, on a phone', async ({
	browser
}) => {
	const page = await phone(browser);
	await signInAdmin(page);
	await page.goto('/admin/privacy');
	await page.getByRole('link', { name: 'Thời hạn lưu trữ' }).click();
	await expect(page).toHaveURL(/\/admin\/privacy\/retention$/);
	await previewAndCarryOut(page, true);

	await page.goto('/admin/audit');
	await expect(page.getByText(/đã áp dụng thời hạn lưu trữ/).first()).toBeVisible();
});

test('the same without JavaScript', async ({ browser }) => {
	const page = await phone(browser, false);
	await signInAdmin(page);
	await previewAndCarryOut(page, false);
});
