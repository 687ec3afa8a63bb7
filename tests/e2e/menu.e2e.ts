import { expect, seriousViolations, test } from './fixtures';

test.describe('the menu on a phone', () => {
	test.use({ viewport: { width: 360, height: 740 } });

	test('folds behind a button that opens it, and closes after a choice', async ({ page }) => {
		await page.goto('/');
		const menu = page.getByRole('button', { name: 'Menu' });
		const courses = page
			.getByRole('navigation')
			.getByRole('link', { name: 'Khóa học', exact: true });
		await expect(courses).toBeHidden();
		await menu.click();
		await expect(menu).toHaveAttribute('aria-expanded', 'true');
		expect(await seriousViolations(page)).toEqual([]);
		await courses.click();
		await expect(page).toHaveURL(/\/courses$/);
		await expect(courses).toBeHidden();
	});
});

test.describe('the menu on a phone without JavaScript', () => {
	test.use({ viewport: { width: 360, height: 740 }, javaScriptEnabled: false });

	test('shows every link, since nothing could unfold it', async ({ page }) => {
		await page.goto('/');
		await expect(page.getByRole('button', { name: 'Menu' })).toHaveCount(0);
		await expect(
			page.getByRole('navigation').getByRole('link', { name: 'Khóa học', exact: true })
		).toBeVisible();
	});
});
