import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import type { Page } from '@playwright/test';
import { ADMIN, expect, pageProblems, phone, SignInPage, test } from './fixtures';

/** Signs the administrator in, agreeing to the privacy notice first if the platform asks. */
async function signInAdmin(page: Page) {
	const form = new SignInPage(page);
	await form.goto();
	await form.submit(ADMIN.email, ADMIN.password);
	await expect(page).toHaveURL(/\/(dashboard|account|admin\/users|privacy\/consent)/);
	if (page.url().includes('/privacy/consent')) {
		await page.getByLabel(/Tôi đã đọc và đồng ý/).check();
		await page.getByRole('button', { name: 'Đồng ý và tiếp tục' }).click();
		await expect(page).not.toHaveURL(/\/privacy\/consent/);
	}
}

/** An instant as a datetime-local field takes it, in Vietnam time, `hoursAgo` before now. */
const vietnamLocal = (hoursAgo: number) =>
	new Date(Date.now() + (7 - hoursAgo) * 3_600_000).toISOString().slice(0, 16);

async function fillBreach(page: Page, title: string, discoveredHoursAgo: number) {
	await page.getByLabel('Tên sự cố').fill(title);
	await page
		.getByLabel('Diễn biến')
		.fill('Một cán bộ gửi nhầm danh sách lớp đến địa chỉ e-mail khác.');
	await page.getByLabel('Thời điểm phát hiện').fill(vietnamLocal(discoveredHoursAgo));
	await page.getByLabel('Họ và tên, e-mail hoặc tên đăng nhập, ngày sinh').check();
	await page.getByLabel('Số người bị ảnh hưởng').fill('35');
	await page.getByRole('button', { name: 'Ghi nhận sự cố' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
	await expect(page.getByText('Đã ghi nhận sự cố.')).toBeVisible();
}

// Whole journeys of several pages each: the suite's 30 s is for single steps (CI has been slower).
test.describe.configure({ timeout: 120_000 });

test('an administrator opens the privacy hub, records a breach against its clock, notifies the authority and downloads the record of processing', async ({
	browser
}) => {
	const page = await phone(browser);
	await signInAdmin(page);
	await page.goto('/admin');
	await page
		.getByRole('navigation', { name: 'Quản trị' })
		.getByRole('link', { name: 'Dữ liệu cá nhân' })
		.click();
	await expect(page).toHaveURL(/\/admin\/privacy$/);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Dữ liệu cá nhân');
	for (const link of [
		'Thông báo xử lý dữ liệu',
		'Yêu cầu về dữ liệu',
		'Người học chưa thành niên',
		'Sự cố dữ liệu',
		'Thời hạn lưu trữ',
		'Ghi nhận hoạt động xử lý'
	])
		await expect(page.getByRole('link', { name: link })).toBeVisible();
	expect(await pageProblems(page)).toEqual([]);

	// The register: a breach discovered two hours ago has about 70 hours left.
	await page.getByRole('link', { name: 'Sự cố dữ liệu' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(
		'Sổ theo dõi sự cố dữ liệu cá nhân'
	);
	await expect(
		page.getByText('72 giờ kể từ khi phát hiện (Khoản 1 Điều 23 Luật 91/2025/QH15)')
	).toBeVisible();
	expect(await pageProblems(page)).toEqual([]);
	await page.getByRole('link', { name: 'Ghi nhận sự cố' }).click();
	const title = `Gửi nhầm danh sách lớp ${randomBytes(3).toString('hex')}`;
	await fillBreach(page, title, 2);
	await expect(
		page.getByText(/^Còn (69|70) giờ \d+ phút để thông báo cho cơ quan chức năng/)
	).toBeVisible();
	expect(await pageProblems(page)).toEqual([]);

	// The draft notification to the authority, filled from the register.
	await page
		.getByRole('link', { name: 'Bản nháp thông báo gửi cơ quan chức năng (Mẫu số 08)' })
		.click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(
		'Thông báo vi phạm quy định về bảo vệ dữ liệu cá nhân'
	);
	await expect(page.getByText(title)).toBeVisible();
	expect(await pageProblems(page)).toEqual([]);
	await page.getByRole('link', { name: '← Sự cố' }).click();

	// The authority is told an hour later: the clock stops, in time.
	const authority = page.getByRole('region', { name: 'Đã thông báo cho cơ quan chức năng' });
	await authority.getByLabel('Thời điểm thông báo').fill(vietnamLocal(1));
	await authority.getByLabel('Số văn bản hoặc mã tiếp nhận').fill('CV-15/2026');
	await authority.getByRole('button', { name: 'Ghi nhận đã thông báo' }).click();
	await expect(page.getByText('Đã ghi nhận thông báo cho cơ quan chức năng.')).toBeVisible();
	await expect(page.getByText(/Đã thông báo cho cơ quan chức năng lúc .*, đúng hạn/)).toBeVisible();
	await page.getByRole('link', { name: '← Sổ theo dõi sự cố' }).click();
	const item = page.getByRole('listitem').filter({ hasText: title });
	await expect(item.getByText(/đúng hạn/)).toBeVisible();

	// The record of processing, its download, the print and the impact assessment template.
	await page.goto('/admin/privacy/record');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(
		'Ghi nhận hoạt động xử lý dữ liệu cá nhân'
	);
	await expect(page.getByRole('heading', { name: '2. Hoạt động xử lý và mục đích' })).toBeVisible();
	expect(await pageProblems(page)).toEqual([]);
	const downloading = page.waitForEvent('download');
	await page.getByRole('link', { name: 'Tải về (.xlsx)' }).click();
	const download = await downloading;
	expect(download.suggestedFilename()).toMatch(
		/^ghi-nhan-hoat-dong-xu-ly-\d{4}-\d{2}-\d{2}\.xlsx$/
	);
	const workbook = new ExcelJS.Workbook();
	await workbook.xlsx.load(readFileSync(await download.path()) as unknown as ArrayBuffer);
	expect(workbook.worksheets.map((w) => w.name)).toEqual([
		'Bên kiểm soát',
		'Hoạt động xử lý',
		'Loại dữ liệu',
		'Bên xử lý',
		'Thời hạn lưu trữ'
	]);
	expect(workbook.getWorksheet('Hoạt động xử lý')!.rowCount).toBeGreaterThan(5);

	await page.getByRole('link', { name: 'Bản in' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(
		'Ghi nhận hoạt động xử lý dữ liệu cá nhân'
	);
	expect(await pageProblems(page)).toEqual([]);
	await page.goto('/admin/privacy/record/dpia');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(
		'Hồ sơ đánh giá tác động xử lý dữ liệu cá nhân'
	);
	await expect(
		page.getByText('Mật khẩu chỉ lưu dạng băm argon2id', { exact: false })
	).toBeVisible();
	expect(await pageProblems(page)).toEqual([]);
});

test('without JavaScript, an administrator records a late breach, sees it overdue, records the notifications and closes it', async ({
	browser
}) => {
	const page = await phone(browser, false);
	await signInAdmin(page);
	await page.goto('/admin/privacy/breaches/new');
	const title = `Mất máy tính xách tay ${randomBytes(3).toString('hex')}`;
	await fillBreach(page, title, 80);
	await expect(
		page.getByText(/^Quá hạn thông báo cho cơ quan chức năng 8 giờ \d+ phút/)
	).toBeVisible();
	await page.goto('/admin/privacy');
	await expect(page.getByText(/sự cố đã quá hạn thông báo cho cơ quan chức năng/)).toBeVisible();

	await page.goto('/admin/privacy/breaches');
	await page.getByRole('link', { name: title }).click();
	const people = page.getByRole('region', { name: 'Đã thông báo cho người bị ảnh hưởng' });
	await people.getByLabel('Thời điểm thông báo').fill(vietnamLocal(1));
	await people.getByLabel('Cách thông báo').fill('E-mail cho 35 học viên');
	await people.getByRole('button', { name: 'Ghi nhận đã thông báo' }).click();
	await expect(page.getByText('Đã ghi nhận thông báo cho người bị ảnh hưởng.')).toBeVisible();

	const authority = page.getByRole('region', { name: 'Đã thông báo cho cơ quan chức năng' });
	await authority.getByLabel('Thời điểm thông báo').fill(vietnamLocal(0));
	await authority.getByRole('button', { name: 'Ghi nhận đã thông báo' }).click();
	await expect(page.getByText(/Đã thông báo cho cơ quan chức năng lúc .*, trễ hạn/)).toBeVisible();

	await page.getByRole('button', { name: 'Đóng sự cố' }).click();
	await expect(page.getByText(/^Đã đóng lúc/)).toBeVisible();
	await expect(page.getByRole('button', { name: 'Mở lại' })).toBeVisible();
});
