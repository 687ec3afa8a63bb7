import { expect, newAccount, SignInPage, SignUpPage, test } from './fixtures';

test.use({ javaScriptEnabled: false });

test('signs up, signs in and out with JavaScript disabled', async ({ page }) => {
	const account = newAccount('nojs');
	const signUp = new SignUpPage(page);
	await signUp.goto();
	await signUp.submit({ ...account, password: 'short' });
	await expect(page.getByText('Mật khẩu cần ít nhất 8 ký tự.')).toBeVisible();
	await expect(page.getByLabel('Họ và tên')).toHaveValue(account.fullName);
	await signUp.submit(account);
	await expect(page).toHaveURL(/\/courses$/);

	await page.getByRole('button', { name: 'Đăng xuất' }).first().click();
	await expect(page).toHaveURL(/\/sign-in\?notice=signed-out$/);

	const signIn = new SignInPage(page);
	await signIn.submit(account.identifier, 'sai mật khẩu rồi');
	await expect(page.getByRole('alert')).toHaveText(
		'E-mail, tên đăng nhập hoặc mật khẩu chưa đúng.'
	);
	await expect(page.getByLabel('E-mail hoặc tên đăng nhập')).toHaveValue(account.identifier);
	await signIn.submit(account.identifier, account.password);
	await expect(page).toHaveURL(/\/dashboard$/);
	await page.goto('/account');

	await page.getByLabel('Họ và tên').fill('Nguyễn Thị Ánh Tuyết (đã sửa)');
	await page.getByRole('button', { name: 'Lưu thông tin' }).click();
	await expect(page.getByText('Đã lưu thông tin cá nhân.')).toBeVisible();
	await expect(page.getByLabel('Họ và tên')).toHaveValue('Nguyễn Thị Ánh Tuyết (đã sửa)');

	await page.getByRole('button', { name: 'English' }).click();
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('My account');
});
