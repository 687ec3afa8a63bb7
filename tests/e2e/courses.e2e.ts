import type { Page } from '@playwright/test';
import {
	ADMIN,
	enrol,
	expect,
	newAccount,
	openCourse,
	seriousViolations,
	signIn,
	signUp,
	test
} from './fixtures';

const MANAGERS = 'Sản xuất sạch hơn cho cán bộ quản lý';
const FACTORY = 'Sản xuất sạch hơn tại cơ sở sản xuất';
const CONSULTANTS = 'Đánh giá sản xuất sạch hơn dành cho tư vấn viên';
const SCHOOLS = 'Sản xuất sạch hơn trong trường nghề';

const SHIPPED = [MANAGERS, FACTORY, CONSULTANTS, SCHOOLS];

/**
 * The catalogue lists these shipped courses and none of the other shipped ones. Courses that other
 * tests publish (tests/e2e/authoring.e2e.ts) may be listed as well, so every card listed must show
 * the fact filtered on, and the count must be the cards'.
 */
async function expectListed(page: Page, listed: string[], fact?: RegExp) {
	for (const title of SHIPPED) {
		const heading = page.getByRole('heading', { level: 2, name: title, exact: true });
		await expect(heading, title).toHaveCount(listed.includes(title) ? 1 : 0);
	}
	const cards = page.locator('ul.courses > li');
	await expect(page.getByRole('status')).toHaveText(`${await cards.count()} khóa học`);
	if (fact) {
		for (const card of await cards.all()) await expect(card.locator('.facts')).toContainText(fact);
	}
}

test('the catalogue filters by audience, language and item, and searches without diacritics', async ({
	page
}) => {
	await page.goto('/courses');
	await expectListed(page, SHIPPED);
	expect(await seriousViolations(page)).toEqual([]);

	await page.getByLabel('Đối tượng').selectOption('student');
	await page.getByRole('button', { name: 'Lọc' }).click();
	await expectListed(page, [SCHOOLS], /Học sinh, sinh viên/);

	await page.getByRole('link', { name: 'Bỏ lọc' }).click();
	await expect(page).toHaveURL(/\/courses$/);
	await expectListed(page, SHIPPED);
	await page.getByLabel('Ngôn ngữ').selectOption('en');
	await page.getByRole('button', { name: 'Lọc' }).click();
	await expectListed(page, [MANAGERS], /Tiếng Anh/);

	await page.goto('/courses?item=1c');
	await expectListed(page, [CONSULTANTS], /Phục vụ Chỉ thị: (.+, )?1c(,|$)/);

	await page.goto('/courses');
	await page.getByLabel('Tìm khóa học').fill('tu van vien danh gia');
	await page.getByRole('button', { name: 'Lọc' }).click();
	await expectListed(page, [CONSULTANTS]);
	await page.getByLabel('Tìm khóa học').fill('khong co khoa nao nhu the');
	await page.getByRole('button', { name: 'Lọc' }).click();
	await expect(page.getByText('Không có khóa học nào khớp với điều kiện lọc.')).toBeVisible();
});

test('a learner enrols, reads every lesson to the end and sees the course completed', async ({
	page
}) => {
	// Seven full lessons and three accessibility scans: longer than most journeys.
	test.slow();
	await signUp(page);
	await openCourse(page, MANAGERS);
	expect(await seriousViolations(page)).toEqual([]);
	await page.getByRole('button', { name: 'Đăng ký học' }).click();
	await expect(page.getByText('Bạn đã đăng ký khóa học. Chúc bạn học tốt!')).toBeVisible();
	await page.getByRole('link', { name: 'Bắt đầu học' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sản xuất sạch hơn là gì?');
	expect(await seriousViolations(page)).toEqual([]);
	// Figures come from the course folder.
	const figure = page.locator('.lesson-figure img').first();
	await figure.scrollIntoViewIfNeeded();
	await expect
		.poll(() => figure.evaluate((img: HTMLImageElement) => img.naturalWidth))
		.toBeGreaterThan(0);

	// A term opens its definition inside the sentence.
	await page.locator('.lesson-term-word').first().click();
	await expect(page.locator('.lesson-term-definition:popover-open')).toBeVisible();
	await page.keyboard.press('Escape');

	for (let lesson = 1; lesson < 7; lesson++) {
		await page.getByRole('button', { name: 'Học xong, sang bài tiếp' }).click();
		await expect(page.getByText(`Bài ${lesson + 1}/7`)).toBeVisible();
	}
	// The payback calculator of lesson 5 is live: it was passed on the way; check it now.
	await page
		.getByRole('link', { name: 'Nguồn kinh phí và chính sách hỗ trợ SXSH' })
		.first()
		.click();
	const calculator = page.locator('section.calculator').first();
	await calculator.getByLabel('Vốn đầu tư (đồng)').fill('65000000');
	await calculator.getByLabel('Tiết kiệm mỗi năm (đồng)').fill('13000000');
	await expect(calculator.getByText('Thời gian hoàn vốn: 5 năm (khoảng 60 tháng).')).toBeVisible();

	await page
		.getByRole('link', { name: 'Khởi động và duy trì SXSH trong đơn vị, trên địa bàn' })
		.first()
		.click();
	await page.getByRole('button', { name: 'Học xong bài cuối' }).click();
	await expect(page.getByText('✓ Bạn đã học xong bài này.')).toBeVisible();
	// Every lesson is done; the required final quiz remains (see quiz.e2e.ts), and the page says so.
	await expect(page.getByText('Chúc mừng! Bạn đã hoàn thành khóa học.')).toHaveCount(0);
	await expect(
		page
			.getByRole('region', { name: 'Còn lại để hoàn thành khóa học' })
			.getByRole('link', { name: 'Kiểm tra cuối khóa', exact: true })
	).toBeVisible();
	await page.goto('/courses/sxsh-can-bo-quan-ly');
	await expect(page.getByRole('link', { name: /^Học tiếp/ })).toHaveCount(0);
	await expect(
		page.getByRole('link', { name: 'Làm bài kiểm tra: Kiểm tra cuối khóa' })
	).toBeVisible();

	await page.goto('/dashboard');
	await expect(page.getByText('Đã học 100% (xong 7/7 bài bắt buộc)')).toBeVisible();
	await expect(page.getByRole('link', { name: MANAGERS })).toBeVisible();
	expect(await seriousViolations(page)).toEqual([]);
});

test('the dashboard continues where the learner left off, and leaving keeps progress', async ({
	page
}) => {
	await signUp(page);
	await openCourse(page, FACTORY);
	await enrol(page);
	await page.getByRole('link', { name: 'Bắt đầu học' }).click();
	// Reaching the end of a lesson completes it in this course (JavaScript on).
	await page.locator('.lesson-nav').scrollIntoViewIfNeeded();
	await expect(page.getByText('✓ Bạn đã học xong bài này.')).toBeVisible();
	await page.getByRole('link', { name: 'Bài tiếp theo →' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(
		'Quản lý nội vi: việc nhỏ, lợi lớn'
	);

	await page.goto('/dashboard');
	await expect(page.getByText('Đã học 14% (xong 1/7 bài bắt buộc)')).toBeVisible();
	await page.getByRole('link', { name: 'Học tiếp: Quản lý nội vi: việc nhỏ, lợi lớn' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(
		'Quản lý nội vi: việc nhỏ, lợi lớn'
	);

	await page.goto('/courses/sxsh-tai-co-so-san-xuat');
	await page.getByRole('button', { name: 'Rời khóa học' }).click();
	await expect(page.getByText('Bạn đã rời khóa học.')).toBeVisible();
	await page.goto('/dashboard');
	await expect(page.getByText('Bạn chưa đăng ký khóa học nào.')).toBeVisible();
	await page.goto('/courses/sxsh-tai-co-so-san-xuat');
	await page.getByRole('button', { name: 'Đăng ký học' }).click();
	await expect(page.getByText('Chào mừng bạn quay lại.')).toBeVisible();
	await expect(page.getByText('Đã học 14% (xong 1/7 bài bắt buộc)')).toBeVisible();
});

test('a course with a key asks for it', async ({ page }) => {
	await signUp(page);
	await page.goto('/courses/danh-gia-sxsh-tu-van-vien');
	await page.getByLabel('Mã ghi danh').fill('SAI-MA');
	await page.getByRole('button', { name: 'Đăng ký học' }).click();
	await expect(page.getByText('Mã ghi danh chưa đúng.')).toBeVisible();
	await page.getByLabel('Mã ghi danh').fill('tuvan-sxsh-2026');
	await page.getByRole('button', { name: 'Đăng ký học' }).click();
	await expect(page.getByText('Bạn đã đăng ký khóa học. Chúc bạn học tốt!')).toBeVisible();
});

test('a visitor must enrol before reading; English readers get the English lesson', async ({
	page
}) => {
	await page.goto('/courses/sxsh-can-bo-quan-ly/san-xuat-sach-hon-la-gi');
	await expect(page).toHaveURL(/\/courses\/sxsh-can-bo-quan-ly$/);
	await signUp(page);
	await page.goto('/courses/sxsh-can-bo-quan-ly');
	await enrol(page);
	await page.getByRole('button', { name: 'English' }).click();
	await page.getByRole('link', { name: 'Start learning' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('What is cleaner production?');
	await expect(page.locator('article')).toHaveAttribute('lang', 'en');
	await page.goto('/en/courses/sxsh-tai-co-so-san-xuat');
	await page.getByRole('button', { name: 'Enrol' }).click();
	await page.getByRole('link', { name: 'Start learning' }).click();
	await expect(page.getByText('This lesson has no English version yet')).toBeVisible();
	await expect(page.locator('article')).toHaveAttribute('lang', 'vi');
});

test('an administrator previews without enrolling and enrols a learner by username', async ({
	browser
}) => {
	const learnerPage = await (await browser.newContext()).newPage();
	const learner = newAccount('ghi-danh');
	await signUp(learnerPage, learner);

	const page = await (await browser.newContext()).newPage();
	await signIn(page, ADMIN.email, ADMIN.password);
	await page.goto('/courses/sxsh-truong-nghe/tai-nguyen-va-moi-truong');
	await expect(page.getByText('Bạn đang xem trước với vai trò giảng viên/quản trị')).toBeVisible();
	await page.goto('/courses/sxsh-truong-nghe/learners');
	await page.getByLabel('E-mail hoặc tên đăng nhập của học viên').fill(learner.identifier);
	await page.getByRole('button', { name: 'Ghi danh' }).click();
	await expect(page.getByText(`Đã ghi danh ${learner.fullName}.`)).toBeVisible();
	await expect(page.getByRole('cell', { name: new RegExp(learner.identifier) })).toBeVisible();
	expect(await seriousViolations(page)).toEqual([]);

	await learnerPage.goto('/dashboard');
	await expect(learnerPage.getByRole('link', { name: SCHOOLS })).toBeVisible();
});
