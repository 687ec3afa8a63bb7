import {
	ADMIN,
	expect,
	newAccount,
	openUser,
	seriousViolations,
	signIn,
	signUp,
	test
} from './fixtures';

test('an administrator finds a learner, appoints a trainer and hands out a reset link', async ({
	browser
}) => {
	// Three browsers, four password hashes and two accessibility scans: longer than most journeys
	// (it took 26 s of the default 30 on a quiet machine and ran out in CI).
	test.slow();
	const learnerPage = await (await browser.newContext()).newPage();
	const learner = newAccount('gv');
	learner.fullName = 'Trần Văn Đức';
	await signUp(learnerPage, learner);

	const page = await (await browser.newContext()).newPage();
	await signIn(page, ADMIN.email, ADMIN.password);
	await page.goto('/admin/organisations');
	const school = 'Trường Cao đẳng Đồng Khởi ' + learner.identifier;
	await page.getByLabel('Tên đơn vị').fill(school);
	await page.getByLabel('Loại đơn vị').selectOption('school');
	await page.getByLabel('Địa bàn').selectOption('Châu Thành');
	await page.getByRole('button', { name: 'Thêm đơn vị' }).click();
	await expect(page.getByRole('cell', { name: school })).toBeVisible();
	expect(await seriousViolations(page)).toEqual([]);

	await openUser(page, learner.identifier, 'Trần Văn Đức');
	expect(await seriousViolations(page)).toEqual([]);

	await page.getByRole('combobox', { name: 'Vai trò' }).selectOption('trainer');
	await page.getByLabel('Tại đơn vị').selectOption({ label: school });
	await page.getByRole('button', { name: 'Giao vai trò' }).click();
	await expect(page.getByText(`Giảng viên tại ${school}`)).toBeVisible();

	await page.getByRole('button', { name: 'Tạo đường dẫn đặt lại mật khẩu' }).click();
	const link = (await page.getByTestId('reset-link').textContent())?.trim() ?? '';
	expect(link).toMatch(/^http:\/\/localhost:4173\/reset\/[a-z2-7]{32}$/);

	// The learner, signed in elsewhere, uses the link: every session ends, the new password works.
	const resetPage = await (await browser.newContext()).newPage();
	await resetPage.goto(link);
	await expect(resetPage.getByText('Đặt mật khẩu mới cho tài khoản Trần Văn Đức.')).toBeVisible();
	await resetPage.getByLabel('Mật khẩu mới').fill('bến tre quê hương tôi');
	await resetPage.getByRole('button', { name: 'Lưu mật khẩu mới' }).click();
	await expect(resetPage.getByText('Đã đặt mật khẩu mới. Mời bạn đăng nhập.')).toBeVisible();
	await resetPage.goto(link);
	await expect(
		resetPage.getByRole('heading', { name: 'Đường dẫn không còn dùng được' })
	).toBeVisible();

	await learnerPage.goto('/account');
	await expect(learnerPage).toHaveURL(/\/sign-in/);
	await signIn(learnerPage, learner.identifier, 'bến tre quê hương tôi');
	await learnerPage.goto('/account');
	await expect(learnerPage.getByText(`Giảng viên tại ${school}`)).toBeVisible();
});

test('a learner cannot open the administration', async ({ page }) => {
	await signUp(page);
	const response = await page.goto('/admin/users');
	expect(response?.status()).toBe(403);
	await expect(page.getByText('Bạn không có quyền xem trang này.')).toBeVisible();
});
