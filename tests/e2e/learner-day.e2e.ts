import { randomBytes } from 'node:crypto';
import type { Browser, Page } from '@playwright/test';
import { addDays, formatDay, vietnamDay } from '../../src/lib/vietnam-time';
import {
	ADMIN,
	agreeToNotice,
	expect,
	newAccount,
	pageProblems,
	signIn,
	SignUpPage,
	test
} from './fixtures';

// A learner's day on a phone (issue 15, "Learners"): deadlines on the dashboard and the course page,
// the first sign-in with a one-time password, and the courses suggested after sign-up.
test.use({ viewport: { width: 390, height: 844 } });
// Each journey sets up a class through the pages and scans every page it visits.
test.describe.configure({ timeout: 120_000 });

const FACTORY = 'sxsh-tai-co-so-san-xuat';
const FACTORY_TITLE = 'Sản xuất sạch hơn tại cơ sở sản xuất';
const MANAGERS_TITLE = 'Sản xuất sạch hơn cho cán bộ quản lý';
const COMMUNES_TITLE = 'Sản xuất sạch hơn cho cán bộ cấp xã';

type Check = (page: Page) => Promise<void>;

/** Each page visited: no sideways scroll at 390 px, no heading said twice, nothing serious for axe. */
const goodPage: Check = async (page) => {
	expect(await pageProblems(page)).toEqual([]);
};

/**
 * The same without JavaScript: axe cannot run in such a page, so it checks a copy of the page's
 * markup (scripts left out) in a scripted page of the same size, after the width of the real one.
 */
function goodPlainPage(browser: Browser): Check {
	return async (page) => {
		const wide = await page.evaluate(() => document.documentElement.scrollWidth > innerWidth);
		expect(wide, `${page.url()} scrolls sideways`).toBe(false);
		const markup = (await page.content()).replace(/<script[\s\S]*?<\/script>/g, '');
		const context = await browser.newContext({
			viewport: { width: 390, height: 844 },
			javaScriptEnabled: true
		});
		const checker = await context.newPage();
		await checker.goto('/');
		await checker.setContent(markup);
		expect(await pageProblems(checker)).toEqual([]);
		await context.close();
	};
}

/**
 * A class the administrator imports (accounts with one-time passwords) and assigns two courses:
 * the factory course due in 5 days, the managers' course due 2 days ago.
 */
async function assignedClass(browser: Browser, size: number) {
	const run = randomBytes(3).toString('hex');
	const page = await (await browser.newContext()).newPage();
	await signIn(page, ADMIN.email, ADMIN.password);
	const school = `Trường Hạn Chót ${run}`;
	await page.goto('/admin/organisations');
	await page.getByLabel('Tên đơn vị').fill(school);
	await page.getByLabel('Loại đơn vị').selectOption('school');
	await page.getByRole('button', { name: 'Thêm đơn vị' }).click();
	await expect(page.getByRole('cell', { name: school })).toBeVisible();
	await page.goto('/manage');
	await page.getByLabel('Đơn vị').selectOption({ label: school });
	await page.getByLabel('Tên lớp').fill(`Lớp ${run}`);
	await page.getByRole('button', { name: 'Tạo lớp' }).click();
	await page.getByRole('link', { name: `Lớp ${run}` }).click();
	await page.waitForURL(/\/manage\/cohorts\/[0-9a-f-]{36}$/);
	const cohortUrl = page.url();

	const identifiers = Array.from({ length: size }, (_, i) => `han-${run}-${i + 1}`);
	await page.getByLabel('Tệp danh sách').setInputFiles({
		name: 'lop.csv',
		mimeType: 'text/csv',
		buffer: Buffer.from(
			'Họ và tên,Tên đăng nhập hoặc email,Ngày sinh,Nhóm đối tượng\n' +
				identifiers.map((id) => `Học Viên ${id},${id},05/09/2008,Học sinh\n`).join(''),
			'utf8'
		)
	});
	await page.getByRole('button', { name: 'Nhập danh sách' }).click();
	await expect(page.getByText(`Đã nhập ${size} học viên vào lớp.`)).toBeVisible();
	const learners = [];
	for (const identifier of identifiers) {
		const row = page.getByRole('row', { name: new RegExp(identifier) });
		learners.push({ identifier, password: (await row.locator('code').textContent())!.trim() });
	}

	const today = vietnamDay(new Date());
	const due = { soon: addDays(today, 5), late: addDays(today, -2) };
	for (const [title, dueOn] of [
		[FACTORY_TITLE, due.soon],
		[MANAGERS_TITLE, due.late]
	]) {
		await page.goto(cohortUrl);
		await page.getByLabel('Khóa học', { exact: true }).selectOption({ label: title });
		await page.getByLabel('Hạn hoàn thành', { exact: true }).fill(dueOn);
		await page.getByRole('button', { name: 'Giao cho cả lớp' }).click();
		await expect(page.getByText('Đã giao khóa học;')).toBeVisible();
	}
	await page.context().close();
	return { learners, due };
}

/** Signs in with the one-time password and chooses a new one: the dashboard follows. */
async function firstSignIn(
	page: Page,
	learner: { identifier: string; password: string },
	check: Check
) {
	await page.goto('/sign-in');
	await page.getByLabel('E-mail hoặc tên đăng nhập').fill(learner.identifier);
	await page.getByLabel('Mật khẩu', { exact: true }).fill(learner.password);
	await page.getByRole('main').getByRole('button', { name: 'Đăng nhập' }).click();
	await expect(page).toHaveURL(/\/account\/new-password$/);
	await check(page);
	await page.getByLabel('Mật khẩu mới').fill('cây dừa sáp cầu kè');
	await page.getByRole('button', { name: 'Lưu mật khẩu mới' }).click();
	// An account made by the manager's import: the privacy notice comes next.
	await agreeToNotice(page);
	await expect(page).toHaveURL(/\/dashboard\?notice=password-set$/);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Việc học của tôi');
	await expect(page.getByRole('status').filter({ hasText: 'Đã lưu mật khẩu mới' })).toBeVisible();
}

/** Signs up in a group and arrives at the catalogue, their group's courses first. */
async function signUpAs(page: Page, audience: string, check: Check) {
	const form = new SignUpPage(page);
	await form.goto();
	await check(page);
	await form.submit(newAccount('goi-y'), audience);
	await expect(page).toHaveURL(/\/courses$/);
	const forYou = page.getByRole('region', { name: 'Khóa học dành cho bạn' });
	await expect(forYou).toBeVisible();
	await expect(forYou.getByText('nhóm “Cán bộ quản lý”')).toBeVisible();
	await expect(forYou.getByRole('listitem').locator('.title')).toHaveText([
		COMMUNES_TITLE,
		MANAGERS_TITLE
	]);
	await check(page);
	return forYou;
}

test.describe('with JavaScript', () => {
	test('an assigned learner signs in for the first time and sees what is due, most urgent first', async ({
		browser,
		page
	}) => {
		const { learners, due } = await assignedClass(browser, 1);
		await firstSignIn(page, learners[0], goodPage);

		const courses = page.getByRole('region', { name: 'Đang học' }).getByRole('listitem');
		await expect(courses).toHaveCount(2);
		await expect(courses.nth(0).getByRole('heading', { level: 3 })).toHaveText(MANAGERS_TITLE);
		await expect(courses.nth(0)).toContainText(`Quá hạn 2 ngày (hạn ${formatDay(due.late)})`);
		await expect(courses.nth(1).getByRole('heading', { level: 3 })).toHaveText(FACTORY_TITLE);
		await expect(courses.nth(1)).toContainText(
			`Hạn hoàn thành ${formatDay(due.soon)} — còn 5 ngày`
		);
		await goodPage(page);

		await courses.nth(1).getByRole('link', { name: FACTORY_TITLE }).click();
		await expect(page).toHaveURL(new RegExp(`/courses/${FACTORY}$`));
		await expect(page.locator('.standing')).toContainText(
			`Hạn hoàn thành ${formatDay(due.soon)} — còn 5 ngày`
		);
		// Clear space between the lesson list and the quizzes.
		const outlineEnd = await page.locator('[aria-labelledby="syllabus"]').boundingBox();
		const quizzes = await page
			.getByRole('heading', { level: 2, name: 'Bài kiểm tra' })
			.boundingBox();
		expect(quizzes!.y - (outlineEnd!.y + outlineEnd!.height)).toBeGreaterThanOrEqual(24);
		await goodPage(page);

		// In English the words and plurals are English.
		await page.goto('/en/dashboard');
		await expect(page.getByText(`Overdue by 2 days (due ${formatDay(due.late)})`)).toBeVisible();
		await expect(page.getByText(`Due ${formatDay(due.soon)} — 5 days left`)).toBeVisible();
		await goodPage(page);
	});

	test('after sign-up the courses of the group chosen come first, and one press enrols', async ({
		page
	}) => {
		const forYou = await signUpAs(page, 'manager', goodPage);
		await forYou
			.getByRole('listitem')
			.filter({ hasText: MANAGERS_TITLE })
			.getByRole('button', { name: 'Đăng ký học' })
			.click();
		await expect(page).toHaveURL(/\/courses\/sxsh-can-bo-quan-ly\?enrolled$/);
		await expect(page.getByText('Bạn đã đăng ký khóa học. Chúc bạn học tốt!')).toBeVisible();
		await expect(page.getByRole('link', { name: 'Bắt đầu học' })).toBeVisible();
		await goodPage(page);
		// With a course under way, the catalogue is a catalogue again.
		await page.goto('/courses');
		await expect(page.getByRole('region', { name: 'Khóa học dành cho bạn' })).toHaveCount(0);
	});
});

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false });

	test('the first sign-in ends on the dashboard with the assigned courses and their deadlines', async ({
		browser,
		page
	}) => {
		const { learners, due } = await assignedClass(browser, 1);
		await firstSignIn(page, learners[0], goodPlainPage(browser));
		await expect(page.getByText(`Quá hạn 2 ngày (hạn ${formatDay(due.late)})`)).toBeVisible();
		await expect(
			page.getByText(`Hạn hoàn thành ${formatDay(due.soon)} — còn 5 ngày`)
		).toBeVisible();
		await goodPlainPage(browser)(page);
	});

	test('a suggested course is enrolled in by its button', async ({ browser, page }) => {
		const forYou = await signUpAs(page, 'manager', goodPlainPage(browser));
		await forYou
			.getByRole('listitem')
			.filter({ hasText: COMMUNES_TITLE })
			.getByRole('button', { name: 'Đăng ký học' })
			.click();
		await expect(page).toHaveURL(/\/courses\/sxsh-cho-can-bo-cap-xa\?enrolled$/);
		await expect(page.getByText('Bạn đã đăng ký khóa học. Chúc bạn học tốt!')).toBeVisible();
		await goodPlainPage(browser)(page);
	});
});
