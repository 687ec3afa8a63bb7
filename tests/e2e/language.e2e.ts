import { expect, seriousViolations, test } from './fixtures';

test('the language switch changes to English and back, and the choice persists', async ({
	page
}) => {
	await page.goto('/');
	await expect(page.locator('html')).toHaveAttribute('lang', 'vi');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(
		'Học sản xuất sạch hơn, ngay trên điện thoại'
	);

	await page.getByRole('button', { name: 'English' }).click();
	await expect(page).toHaveURL(/\/en\/?$/);
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(
		'Learn cleaner production, right on your phone'
	);
	expect(await seriousViolations(page)).toEqual([]);

	// A later visit to the plain address stays in English.
	await page.goto('/sign-in');
	await expect(page).toHaveURL(/\/en\/sign-in$/);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sign in');

	await page.getByRole('button', { name: 'Tiếng Việt' }).click();
	await expect(page).toHaveURL(/\/sign-in$/);
	await expect(page.locator('html')).toHaveAttribute('lang', 'vi');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Đăng nhập');
});

test('validation errors come in the reader’s language', async ({ page }) => {
	await page.goto('/');
	await page.getByRole('button', { name: 'English' }).click();
	await page.goto('/en/sign-up');
	await page.getByRole('button', { name: 'Create account' }).click();
	await expect(page.getByText('Please enter your full name.')).toBeVisible();
	await expect(page.getByText('A password needs at least 8 characters.')).toBeVisible();
});
