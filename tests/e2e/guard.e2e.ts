import { randomBytes, randomUUID } from 'node:crypto';
import type { Browser, Page } from '@playwright/test';
import { ADMIN, agreeToNotice, expect, signIn, test } from './fixtures';

/** One page of every signed-in area, and a deeper page where the area has one. */
const AREAS = [
	'/account',
	'/account/new-password',
	'/dashboard',
	'/manage',
	'/manage/report',
	'/author',
	'/admin',
	'/admin/users',
	`/courses/sxsh-tai-co-so-san-xuat/quiz/kiem-tra-cuoi-khoa/${randomUUID()}`
];

const LANGUAGES = [
	{
		prefix: '',
		signIn: 'Đăng nhập',
		identifier: 'E-mail hoặc tên đăng nhập',
		password: 'Mật khẩu',
		newPassword: 'Đặt mật khẩu mới',
		newPasswordField: 'Mật khẩu mới',
		save: 'Lưu mật khẩu mới',
		account: 'Tài khoản của tôi',
		dashboard: 'Việc học của tôi'
	},
	{
		prefix: '/en',
		signIn: 'Sign in',
		identifier: 'E-mail or username',
		password: 'Password',
		newPassword: 'Choose a new password',
		newPasswordField: 'New password',
		save: 'Save new password',
		account: 'My account',
		dashboard: 'My learning'
	}
];

const at = (page: Page) => {
	const url = new URL(page.url());
	return url.pathname + url.search;
};

/** Two learners with one-time passwords, from a class list the administrator imports. */
async function oneTimeLearners(
	browser: Browser
): Promise<{ identifier: string; password: string }[]> {
	const run = randomBytes(3).toString('hex');
	const page = await (await browser.newContext()).newPage();
	await signIn(page, ADMIN.email, ADMIN.password);
	const school = `Trường Kiểm Thử ${run}`;
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
	const identifiers = [`mk-${run}-vi`, `mk-${run}-en`];
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
	await expect(page.getByText('Đã nhập 2 học viên vào lớp.')).toBeVisible();
	const learners = [];
	for (const identifier of identifiers) {
		const row = page.getByRole('row', { name: new RegExp(identifier) });
		learners.push({ identifier, password: (await row.locator('code').textContent())!.trim() });
	}
	await page.context().close();
	return learners;
}

for (const language of LANGUAGES) {
	const { prefix } = language;

	test(`signed out, every protected area at "${prefix}/" asks to sign in and comes back`, async ({
		page
	}) => {
		for (const area of AREAS) {
			await page.goto(prefix + area);
			expect(at(page), area).toBe(
				`${prefix}/sign-in?redirectTo=${encodeURIComponent(prefix + area)}`
			);
			await expect(page.getByRole('heading', { level: 1 })).toHaveText(language.signIn);
		}
	});
}

test('with a one-time password, every protected area asks for a new one first, in either language', async ({
	browser
}) => {
	test.setTimeout(90_000);
	const learners = await oneTimeLearners(browser);
	for (const [i, language] of LANGUAGES.entries()) {
		const { prefix } = language;
		const page = await (await browser.newContext()).newPage();
		// Sent to sign in from the classes page, as a reader following a link would be.
		await page.goto(`${prefix}/manage`);
		await page.getByLabel(language.identifier).fill(learners[i].identifier);
		await page.getByLabel(language.password, { exact: true }).fill(learners[i].password);
		await page.getByRole('main').getByRole('button', { name: language.signIn }).click();
		await expect(page).toHaveURL((url) => url.pathname === `${prefix}/account/new-password`);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(language.newPassword);

		for (const area of AREAS) {
			await page.goto(prefix + area);
			expect(at(page), area).toBe(`${prefix}/account/new-password`);
		}
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(language.newPassword);

		// The page works: a new password, and the areas open.
		await page.getByLabel(language.newPasswordField).fill('cây dừa sáp cầu kè');
		await page.getByRole('button', { name: language.save }).click();
		// Then the privacy notice, which an imported learner has not agreed to yet.
		await agreeToNotice(page);
		await expect(page).toHaveURL((url) => url.pathname === `${prefix}/dashboard`);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(language.dashboard);
		await page.goto(`${prefix}/account`);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(language.account);
		await page.context().close();
	}
});
