import { ADMIN, expect, newAccount, seriousViolations, signIn, signUp, test } from './fixtures';

for (const javaScriptEnabled of [true, false]) {
	test(`granting administrator asks first, and the role form chooses nothing by itself (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, async ({
		browser
	}) => {
		const learner = newAccount('qt');
		learner.fullName = `Đỗ Thị Quản Trị ${javaScriptEnabled ? 'A' : 'B'}`;
		await signUp(await (await browser.newContext()).newPage(), learner);

		const page = await (await browser.newContext({ javaScriptEnabled })).newPage();
		await signIn(page, ADMIN.email, ADMIN.password);
		await page.goto(`/admin/users?q=${encodeURIComponent(learner.identifier)}`);
		await page.getByRole('link', { name: learner.fullName }).click();
		const role = page.getByRole('combobox', { name: 'Vai trò' });
		await expect(role).toHaveValue('');

		// Submitting with no role chosen grants nothing.
		await page.getByRole('button', { name: 'Giao vai trò' }).click();
		await expect(page.getByText('Hãy chọn một vai trò.')).toBeVisible();

		await role.selectOption('admin');
		await page.getByRole('button', { name: 'Giao vai trò' }).click();
		await expect(page.getByText('Giao quyền quản trị viên?')).toBeVisible();
		await expect(page.getByText('Chưa có vai trò nào ngoài học viên.')).toBeVisible();
		// axe runs in the page, so only where scripts do.
		if (javaScriptEnabled) expect(await seriousViolations(page)).toEqual([]);

		// Cancelling leaves things as they were; confirming grants it.
		await page.getByRole('link', { name: 'Không giao' }).click();
		await expect(page.getByText('Giao quyền quản trị viên?')).toBeHidden();
		await role.selectOption('admin');
		await page.getByRole('button', { name: 'Giao vai trò' }).click();
		await page.getByRole('button', { name: 'Xác nhận giao quyền quản trị viên' }).click();
		await expect(page.getByText('Đã giao vai trò.')).toBeVisible();
		const roles = page.getByRole('region', { name: 'Vai trò' }).getByRole('listitem');
		await expect(roles.filter({ hasText: 'Quản trị viên' })).toHaveCount(1);
		await expect(page.getByText('Giao quyền quản trị viên?')).toBeHidden();
	});
}
