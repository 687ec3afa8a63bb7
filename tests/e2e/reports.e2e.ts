import ExcelJS from 'exceljs';
import {
	ADMIN,
	enrol,
	expect,
	newAccount,
	seriousViolations,
	signIn,
	signUp,
	test,
	appoint
} from './fixtures';

/** The half-year now in Vietnam, as the pages name it. */
function currentHalf() {
	const local = new Date(Date.now() + 7 * 3_600_000);
	const year = local.getUTCFullYear();
	const first = local.getUTCMonth() < 6;
	return {
		year,
		value: `${year}-H${first ? 1 : 2}`,
		name: `6 tháng ${first ? 'đầu' : 'cuối'} năm ${year}`
	};
}

test('an administrator reads the six-monthly report, prints it and downloads it', async ({
	browser
}) => {
	const learner = await (await browser.newContext()).newPage();
	await signUp(learner);
	await learner.goto('/courses/sxsh-tai-co-so-san-xuat');
	await enrol(learner);

	const page = await (await browser.newContext()).newPage();
	await signIn(page, ADMIN.email, ADMIN.password);
	await page.goto('/admin');
	await page
		.getByRole('navigation', { name: 'Quản trị' })
		.getByRole('link', { name: 'Báo cáo' })
		.click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Báo cáo 6 tháng');
	const half = currentHalf();
	await expect(page.getByRole('heading', { name: half.name })).toBeVisible();
	const audience = page.getByRole('table', { name: 'Theo đối tượng' });
	await expect(audience.getByRole('rowheader', { name: 'Sinh viên' })).toBeVisible();
	await expect(
		page.getByRole('img', {
			name: /Biểu đồ ghi danh, hoàn thành và giấy chứng nhận theo đối tượng\. .*sinh viên: \d+ lượt ghi danh/i
		})
	).toBeVisible();
	await expect(
		page.getByRole('img', { name: /Biểu đồ ghi danh, hoàn thành và giấy chứng nhận qua bốn kỳ/ })
	).toBeVisible();
	await expect(page.getByRole('table', { name: 'Theo nhiệm vụ trong Chỉ thị' })).toBeVisible();
	await expect(page.getByRole('table', { name: 'Tổng hợp' })).toContainText('So với kỳ trước');
	// In-person training beside online learning, and the people trained either way.
	await expect(
		page.getByRole('heading', { name: 'Tập huấn trực tiếp', exact: true })
	).toBeVisible();
	await expect(
		page
			.getByRole('table', { name: 'Trực tuyến và trực tiếp' })
			.getByRole('rowheader', { name: 'Tổng số người được tập huấn' })
	).toBeVisible();
	expect(await seriousViolations(page)).toEqual([]);

	// A scope that matches nobody gives an empty report, not an error. The scope is one choice,
	// grouped by kind of scope: no second select left empty.
	await page.getByRole('combobox', { name: 'Phạm vi' }).selectOption('kind:industrial_zone');
	await page.getByRole('button', { name: 'Xem báo cáo' }).click();
	await expect(page).toHaveURL(/scope=kind%3Aindustrial_zone/);
	await expect(page.getByRole('combobox', { name: 'Phạm vi' })).toHaveValue('kind:industrial_zone');
	await expect(page.getByText('Phạm vi: Khu, cụm công nghiệp')).toBeVisible();
	await expect(page.getByText('Không có số liệu trong kỳ này.').first()).toBeVisible();

	const xlsx = await page.request.get(`/admin/reports.xlsx?period=${half.value}&scope=all`);
	expect(xlsx.status()).toBe(200);
	expect(xlsx.headers()['content-type']).toContain('spreadsheetml');
	const workbook = new ExcelJS.Workbook();
	await workbook.xlsx.load((await xlsx.body()) as unknown as ArrayBuffer);
	expect(workbook.worksheets.map((w) => w.name)).toEqual([
		'Tổng hợp',
		'Theo đối tượng',
		'Theo loại đơn vị',
		'Theo địa bàn',
		'Theo khóa học',
		'Tổng hợp tập huấn',
		'Tập huấn trực tiếp'
	]);

	await page.goto(`/admin/reports?period=${half.value}&scope=all`);
	await page.getByRole('link', { name: 'Bản in báo cáo' }).click();
	const title = page.getByRole('heading', { level: 1 });
	await expect(title).toContainText(/báo cáo kết quả đào tạo sản xuất sạch hơn/i);
	await expect(title).toContainText(new RegExp(half.name, 'i'));
	await expect(page.getByText('Kính gửi: Sở Công Thương')).toBeVisible();
	await expect(page.getByText(/, ngày \d{2} tháng \d{2} năm \d{4}/)).toBeVisible();
	await expect(page.getByText('(Ký, ghi rõ họ tên và đóng dấu)')).toBeVisible();
	await expect(page.getByRole('table', { name: 'Theo khóa học' })).toBeVisible();
	expect(await seriousViolations(page)).toEqual([]);
	await page.emulateMedia({ media: 'print' });
	await expect(page.getByRole('button', { name: 'In báo cáo' })).toBeHidden();
	await expect(page.locator('.site-header')).toBeHidden();
	await expect(title).toBeVisible();
});

test('the report and the audit log are for administrators only', async ({ page }) => {
	await signUp(page);
	for (const path of ['/admin/reports', '/admin/reports/print', '/admin/audit', '/manage/report']) {
		const response = await page.goto(path);
		expect(response?.status(), path).toBe(403);
	}
	expect((await page.request.get('/admin/reports.xlsx')).status()).toBe(403);
});

test('an administrator filters the audit log', async ({ page }) => {
	await signIn(page, ADMIN.email, ADMIN.password);
	await page.goto('/admin/audit');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Nhật ký thao tác');
	expect(await seriousViolations(page)).toEqual([]);
	await page.getByLabel('Người thực hiện').fill('không-có-ai-tên-này');
	await page.getByRole('button', { name: 'Lọc' }).click();
	await expect(page.getByText('Không có mục nào khớp bộ lọc.')).toBeVisible();
	await expect(page.getByText('0 mục')).toBeVisible();
});

test('anyone reads the public statistics, with small groups withheld', async ({ page }) => {
	await page.goto('/');
	await page.getByRole('contentinfo').getByRole('link', { name: 'Thống kê đào tạo' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Thống kê đào tạo');
	const periods = page.getByRole('table', { name: 'Theo kỳ' });
	await expect(periods.getByRole('row')).toHaveCount(5);
	// Long before this run, nobody learned here: fewer than five, so withheld.
	await page.getByLabel('Kỳ báo cáo').selectOption({ index: 7 });
	await page.getByRole('button', { name: 'Xem' }).click();
	await expect(periods.getByRole('cell', { name: 'dưới 5' }).first()).toBeVisible();
	await expect(page.getByText(/“dưới 5”: nhóm có dưới 5 học viên/)).toBeVisible();
	expect(await seriousViolations(page)).toEqual([]);
	await page.setViewportSize({ width: 360, height: 740 });
	expect(await seriousViolations(page)).toEqual([]);
});

test('a manager gets the report of their own organisation only', async ({ browser }) => {
	const managerPage = await (await browser.newContext()).newPage();
	const manager = await signUp(managerPage, newAccount('ql'));
	// Someone outside the organisation learns: the manager must not see it.
	await managerPage.goto('/courses/sxsh-tai-co-so-san-xuat');
	await enrol(managerPage);

	const admin = await (await browser.newContext()).newPage();
	await signIn(admin, ADMIN.email, ADMIN.password);
	await admin.goto('/admin/organisations');
	const school = 'Trường Trung cấp Bến Tre ' + manager.identifier;
	await admin.getByLabel('Tên đơn vị').fill(school);
	await admin.getByLabel('Loại đơn vị').selectOption('school');
	await admin.getByRole('button', { name: 'Thêm đơn vị' }).click();
	await appoint(admin, manager, 'manager', school);

	await managerPage.goto('/manage/report');
	await expect(managerPage.getByRole('heading', { level: 1 })).toHaveText(
		'Báo cáo 6 tháng của đơn vị'
	);
	await expect(managerPage.getByText(`Phạm vi: ${school}`)).toBeVisible();
	const totals = managerPage.getByRole('table', { name: 'Tổng hợp' });
	await expect(totals.getByRole('row').last().getByRole('cell').first()).toHaveText('0');
	expect(await seriousViolations(managerPage)).toEqual([]);
	await managerPage.getByRole('link', { name: 'Bản in báo cáo' }).click();
	await expect(managerPage.getByText('Thủ trưởng đơn vị')).toBeVisible();
	expect((await managerPage.request.get('/manage/report/xlsx')).status()).toBe(200);
});
