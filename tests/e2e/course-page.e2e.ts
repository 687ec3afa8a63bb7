import type { Page } from '@playwright/test';
import { completeCourse, lessonSlugs } from './course-helpers';
import { enrol, expect, seriousViolations, signUp, test } from './fixtures';

// The learner's course page and the end of a course (issue 15, "Learners"), on a phone.
test.use({ viewport: { width: 390, height: 844 } });

const SCHOOLS = 'sxsh-truong-nghe';
const MANAGERS = 'sxsh-can-bo-quan-ly';
const FACTORY = 'sxsh-tai-co-so-san-xuat';

/** Nothing on the page scrolls sideways at the viewport's width. */
async function expectFitsWidth(page: Page) {
	const widths = await page.evaluate(() => ({
		document: document.documentElement.scrollWidth,
		viewport: window.innerWidth
	}));
	expect(widths.document, 'the page scrolls sideways').toBeLessThanOrEqual(widths.viewport);
}

test('one enrol button; enrolled, the progress leads and leaving waits at the foot', async ({
	page
}) => {
	await signUp(page);
	await page.goto(`/courses/${SCHOOLS}`);
	await expect(page.getByRole('heading', { name: 'Đăng ký học' })).toHaveCount(0);
	await expect(page.getByText('Đăng ký học', { exact: true })).toHaveCount(1);
	await expectFitsWidth(page);
	expect(await seriousViolations(page)).toEqual([]);

	await enrol(page);
	await expect(page.getByRole('button', { name: 'Đăng ký học' })).toHaveCount(0);
	await expect(page.getByRole('heading', { level: 2, name: 'Tiến độ của bạn' })).toBeVisible();
	await expect(page.getByRole('link', { name: 'Bắt đầu học' })).toBeVisible();
	// Leaving is a secondary action below the lessons and the quizzes, away from the main button.
	const leave = page.getByRole('button', { name: 'Rời khóa học' });
	const quizzes = page.getByRole('heading', { level: 2, name: 'Bài kiểm tra' });
	const leaveBox = (await leave.boundingBox())!;
	expect(leaveBox.y).toBeGreaterThan((await quizzes.boundingBox())!.y);
	await expectFitsWidth(page);
	expect(await seriousViolations(page)).toEqual([]);

	await leave.click();
	await expect(page.getByText('Bạn đã rời khóa học.')).toBeVisible();
	await expect(page.getByRole('button', { name: 'Đăng ký học' })).toHaveCount(1);
});

test('after the last lesson the page names the required quiz left, as a link', async ({ page }) => {
	await signUp(page);
	await page.goto(`/courses/${MANAGERS}`);
	await enrol(page);
	await page.goto(`/courses/${MANAGERS}/${lessonSlugs(MANAGERS).at(-1)}`);
	await expect(page.getByRole('heading', { name: 'Còn lại để hoàn thành khóa học' })).toHaveCount(
		0
	);
	await page.getByRole('button', { name: 'Học xong bài cuối' }).click();
	const left = page.getByRole('region', { name: 'Còn lại để hoàn thành khóa học' });
	await expect(left).toBeVisible();
	// The lessons skipped on the way are named as well.
	await expect(left.getByRole('link', { name: 'Sản xuất sạch hơn là gì?' })).toBeVisible();
	await expectFitsWidth(page);
	expect(await seriousViolations(page)).toEqual([]);
	await left.getByRole('link', { name: 'Kiểm tra cuối khóa', exact: true }).click();
	await expect(page).toHaveURL(new RegExp(`/courses/${MANAGERS}/quiz/kiem-tra-cuoi-khoa$`));
});

test('a completed course says so, links the certificate and offers the lessons again', async ({
	page
}) => {
	test.slow();
	await signUp(page);
	await completeCourse(page, FACTORY);

	await page.goto(`/courses/${FACTORY}`);
	await expect(
		page.getByRole('heading', { level: 2, name: 'Bạn đã hoàn thành khóa học này' })
	).toBeVisible();
	await expect(page.getByText(/^Ngày hoàn thành: \d{2}\/\d{2}\/\d{4}\.$/)).toBeVisible();
	await expect(page.getByRole('link', { name: /^Học tiếp/ })).toHaveCount(0);
	await expect(page.getByRole('link', { name: 'Bắt đầu học' })).toHaveCount(0);
	await expect(page.getByRole('heading', { name: 'Đăng ký học' })).toHaveCount(0);
	await expect(page.getByRole('link', { name: 'Xem lại bài học' })).toHaveAttribute(
		'href',
		`/courses/${FACTORY}/${lessonSlugs(FACTORY)[0]}`
	);
	const pdf = page.getByRole('link', { name: 'Tải PDF' });
	const href = (await pdf.getAttribute('href'))!;
	expect(href).toMatch(/^\/certificates\/\w+\/pdf$/);
	const response = await page.request.get(href);
	expect(response.status()).toBe(200);
	expect(response.headers()['content-type']).toBe('application/pdf');
	const code = href.split('/')[2];
	await expect(page.getByRole('link', { name: new RegExp(`/verify/${code}$`) })).toBeVisible();
	await expectFitsWidth(page);
	expect(await seriousViolations(page)).toEqual([]);

	await page.getByRole('link', { name: 'Xem giấy chứng nhận' }).click();
	await expect(page).toHaveURL(new RegExp(`/verify/${code}$`));

	// The last lesson now points to the course page and its certificate.
	await page.goto(`/courses/${FACTORY}/${lessonSlugs(FACTORY).at(-1)}`);
	await expect(page.getByRole('heading', { name: 'Bạn đã hoàn thành khóa học' })).toBeVisible();
	await page.getByRole('link', { name: 'Xem giấy chứng nhận trên trang khóa học' }).click();
	await expect(page).toHaveURL(new RegExp(`/courses/${FACTORY}$`));
});

test('the lesson outline on a phone is a disclosure that says it opens', async ({ page }) => {
	await signUp(page);
	await page.goto(`/courses/${SCHOOLS}`);
	await enrol(page);
	await page.getByRole('link', { name: 'Bắt đầu học' }).click();
	const toggle = page.locator('summary', { hasText: 'Mục lục khóa học' });
	await expect(toggle).toContainText('Mở');
	await expect(toggle.locator('svg')).toBeVisible();
	await toggle.click();
	await expect(toggle).toContainText('Đóng');
	await expect(page.locator('details[open] li').first()).toBeVisible();
	await expectFitsWidth(page);
});

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false });

	test('enrol with the one button, leave from the foot, and see what is left after the last lesson', async ({
		page
	}) => {
		await signUp(page);
		await page.goto(`/courses/${SCHOOLS}`);
		await expect(page.getByRole('heading', { name: 'Đăng ký học' })).toHaveCount(0);
		await enrol(page);
		await page.getByRole('button', { name: 'Rời khóa học' }).click();
		await expect(page.getByText('Bạn đã rời khóa học.')).toBeVisible();
		await page.getByRole('button', { name: 'Đăng ký học' }).click();
		await expect(page.getByText('Chào mừng bạn quay lại.')).toBeVisible();

		await page.goto(`/courses/${SCHOOLS}/${lessonSlugs(SCHOOLS).at(-1)}`);
		await page.getByRole('button', { name: 'Học xong bài cuối' }).click();
		const left = page.getByRole('region', { name: 'Còn lại để hoàn thành khóa học' });
		await left.getByRole('link', { name: 'Kiểm tra cuối mô-đun', exact: true }).click();
		await expect(page).toHaveURL(new RegExp(`/courses/${SCHOOLS}/quiz/kiem-tra-cuoi-khoa$`));
		await expectFitsWidth(page);
	});
});
