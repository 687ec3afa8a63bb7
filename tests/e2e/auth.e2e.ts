import {
	expect,
	newAccount,
	seriousViolations,
	signIn,
	signOut,
	signUp,
	SignUpPage,
	test
} from './fixtures';

test.describe('a learner’s account', () => {
	test('signs up, signs out, signs in, changes password', async ({ page }) => {
		const account = await signUp(page);
		await page.goto('/account');
		await expect(page.getByRole('heading', { name: 'Tài khoản của tôi' })).toBeVisible();
		await expect(page.getByLabel('Họ và tên')).toHaveValue('Nguyễn Thị Ánh Tuyết');

		await signOut(page);
		await expect(page.getByRole('status')).toHaveText('Bạn đã đăng xuất.');
		await signIn(page, account.identifier, account.password);
		await page.goto('/account');

		await page.getByLabel('Mật khẩu hiện tại').fill(account.password);
		await page.getByLabel('Mật khẩu mới').fill('nước dừa tươi mát lạnh');
		await page.getByRole('button', { name: 'Đổi mật khẩu' }).click();
		await expect(
			page.getByText('Đã đổi mật khẩu. Các thiết bị khác đã được đăng xuất.')
		).toBeVisible();

		await signOut(page);
		await signIn(page, account.identifier, 'nước dừa tươi mát lạnh');
	});

	test('shows field errors in Vietnamese and keeps what was typed', async ({ page }) => {
		const form = new SignUpPage(page);
		await form.goto();
		await form.submit({ identifier: 'Có Dấu Cách', password: 'ngắn', fullName: 'Lê Văn Tám' });
		await expect(page.getByText('Tên đăng nhập gồm 3–32 ký tự', { exact: false })).toBeVisible();
		await expect(page.getByText('Mật khẩu cần ít nhất 8 ký tự.')).toBeVisible();
		await expect(page.getByLabel('Họ và tên')).toHaveValue('Lê Văn Tám');
		await expect(page.getByLabel('E-mail hoặc tên đăng nhập')).toHaveAttribute(
			'aria-invalid',
			'true'
		);

		await form.submit({
			identifier: 'le-van-tam-' + Date.now(),
			password: 'password1',
			fullName: 'Lê Văn Tám'
		});
		await expect(page.getByText('Mật khẩu này quá phổ biến')).toBeVisible();
	});

	test('refuses a taken identifier and a wrong password', async ({ page }) => {
		const account = await signUp(page);
		await signOut(page);
		const form = new SignUpPage(page);
		await form.goto();
		await form.submit({ ...account, identifier: account.identifier.toUpperCase() });
		await expect(page.getByText('E-mail hoặc tên đăng nhập này đã có người dùng')).toBeVisible();

		await page.goto('/sign-in');
		await page.getByLabel('E-mail hoặc tên đăng nhập').fill(account.identifier);
		await page.getByLabel('Mật khẩu', { exact: true }).fill('không phải mật khẩu');
		await page.getByRole('main').getByRole('button', { name: 'Đăng nhập' }).click();
		await expect(page.getByRole('alert')).toHaveText(
			'E-mail, tên đăng nhập hoặc mật khẩu chưa đúng.'
		);
	});

	test('a protected page sends a visitor to sign in and back', async ({ page }) => {
		const account = newAccount();
		await signUp(page, account);
		await signOut(page);
		await page.goto('/account');
		await expect(page).toHaveURL(/\/sign-in\?redirectTo=%2Faccount$/);
		await page.getByLabel('E-mail hoặc tên đăng nhập').fill(account.identifier);
		await page.getByLabel('Mật khẩu', { exact: true }).fill(account.password);
		await page.getByRole('main').getByRole('button', { name: 'Đăng nhập' }).click();
		await expect(page).toHaveURL(/\/account$/);
	});

	test('downloads own data and deletes the account', async ({ page }) => {
		const account = await signUp(page);
		await page.goto('/account');
		const downloading = page.waitForEvent('download');
		await page.getByRole('link', { name: 'Tải về dữ liệu của tôi' }).click();
		const download = await downloading;
		const stream = await download.createReadStream();
		const chunks: Buffer[] = [];
		for await (const chunk of stream) chunks.push(chunk as Buffer);
		const data = JSON.parse(Buffer.concat(chunks).toString('utf8'));
		expect(data.account.username).toBe(account.identifier);
		expect(data.account.fullName).toBe(account.fullName);

		await page.getByRole('button', { name: 'Xóa tài khoản' }).click();
		await expect(page.getByText('Hãy đánh dấu ô xác nhận')).toBeVisible();
		await page.locator('#delete-password').fill(account.password);
		await page.getByLabel('Tôi hiểu rằng tài khoản sẽ bị xóa vĩnh viễn.').check();
		await page.getByRole('button', { name: 'Xóa tài khoản' }).click();
		await expect(page.getByText('Tài khoản của bạn đã được xóa.')).toBeVisible();
		await page.getByLabel('E-mail hoặc tên đăng nhập').fill(account.identifier);
		await page.getByLabel('Mật khẩu', { exact: true }).fill(account.password);
		await page.getByRole('main').getByRole('button', { name: 'Đăng nhập' }).click();
		await expect(page.getByRole('alert')).toBeVisible();
	});

	test('sign up, sign in and account pages have no serious accessibility violation', async ({
		page
	}) => {
		await page.goto('/');
		expect(await seriousViolations(page)).toEqual([]);
		await page.goto('/sign-up');
		expect(await seriousViolations(page)).toEqual([]);
		await page.goto('/sign-in');
		expect(await seriousViolations(page)).toEqual([]);
		await signUp(page);
		await page.goto('/account');
		expect(await seriousViolations(page)).toEqual([]);
	});
});
