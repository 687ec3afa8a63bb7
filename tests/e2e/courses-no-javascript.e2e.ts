import { expect, newAccount, SignUpPage, test } from './fixtures';

test.use({ javaScriptEnabled: false });

test('browse, search, enrol, read and complete lessons with JavaScript disabled', async ({
	page
}) => {
	const signUp = new SignUpPage(page);
	await signUp.goto();
	await signUp.submit(newAccount('nojs-hv'));
	await expect(page).toHaveURL(/\/courses$/);

	await page.getByLabel('Tìm khóa học').fill('truong nghe');
	await page.getByRole('button', { name: 'Lọc' }).click();
	// The course searched for, and none of the other shipped ones (other tests may publish more).
	await expect(
		page.getByRole('heading', {
			level: 2,
			name: 'Sản xuất sạch hơn trong trường nghề',
			exact: true
		})
	).toBeVisible();
	for (const other of [
		'Sản xuất sạch hơn cho cán bộ quản lý',
		'Sản xuất sạch hơn tại cơ sở sản xuất',
		'Đánh giá sản xuất sạch hơn dành cho tư vấn viên'
	])
		await expect(page.getByRole('heading', { level: 2, name: other, exact: true })).toHaveCount(0);
	await page.getByRole('link', { name: 'Sản xuất sạch hơn trong trường nghề' }).click();
	await page.getByRole('button', { name: 'Đăng ký học' }).click();
	await expect(page.getByText('Bạn đã đăng ký khóa học. Chúc bạn học tốt!')).toBeVisible();
	await page.getByRole('link', { name: 'Bắt đầu học' }).click();
	await expect(page.getByText('Bài 1/6')).toBeVisible();
	// Without JavaScript a calculator shows its worked example; the outline is a disclosure.
	await page.getByRole('button', { name: 'Học xong, sang bài tiếp' }).click();
	await expect(page.getByText('Bài 2/6')).toBeVisible();

	await page.goto('/dashboard');
	await expect(page.getByText('Đã học 16% (xong 1/6 bài bắt buộc)')).toBeVisible();
	await page.getByRole('link', { name: /^Học tiếp:/ }).click();
	await expect(page.getByText('Bài 2/6')).toBeVisible();

	await page.goto('/courses/sxsh-truong-nghe/tinh-tien-tiet-kiem-va-hoan-von');
	await expect(page.locator('section.calculator').first()).toContainText('Thời gian hoàn vốn:');
});
