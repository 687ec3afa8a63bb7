import { randomBytes } from 'node:crypto';
import type { Browser, Page } from '@playwright/test';
import { completeCourse } from './course-helpers';
import {
	ADMIN,
	expect,
	newAccount,
	pageProblems,
	phone,
	PHONE,
	signIn,
	signUp,
	SignInPage,
	test,
	type Account
} from './fixtures';

// A learner asks for their data to be deleted; the administrator finds the request in the queue
// with its deadline, acknowledges and completes it within the deadline; the learner can no longer
// sign in, and the certificate they earned still verifies (README, "Personal data" › "Data requests").

const COURSE = 'sxsh-tai-co-so-san-xuat';
const DEADLINE = /Trả lời trước hết ngày (\d{2}\/\d{2}\/\d{4})/;

/** The learner files a deletion request and reads its deadline back. */
async function fileDeletion(learner: Page, js: boolean): Promise<string> {
	await learner.goto('/account/privacy/requests');
	await expect(
		learner.getByRole('heading', { level: 1, name: 'Yêu cầu về dữ liệu cá nhân' })
	).toBeVisible();
	if (js) expect(await pageProblems(learner)).toEqual([]);
	await learner.getByRole('radio', { name: /^Xóa dữ liệu/ }).check();
	await learner
		.getByLabel('Nội dung yêu cầu')
		.fill('Tôi không dùng nền tảng nữa, xin xóa dữ liệu.');
	await learner.getByRole('button', { name: 'Gửi yêu cầu' }).click();
	if (js) await expect(learner.getByText('Đã gửi yêu cầu.', { exact: false })).toBeVisible();
	const mine = learner.getByRole('listitem').filter({ hasText: 'Xóa dữ liệu' });
	await expect(mine.getByText('Đang xử lý')).toBeVisible();
	const deadline = (await mine.getByText(DEADLINE).textContent())!.match(DEADLINE)![1];
	if (js) expect(await pageProblems(learner)).toEqual([]);
	return deadline;
}

/** The administrator finds the request by its deadline, acknowledges it and erases the person. */
async function completeDeletion(admin: Page, learner: Account, deadline: string, js: boolean) {
	await admin.goto('/admin/privacy/requests');
	const entry = admin.getByRole('listitem').filter({ hasText: learner.fullName });
	await expect(entry.getByText(`Hạn hết ngày ${deadline}`)).toBeVisible();
	await expect(entry.getByText('Chưa xác nhận đã nhận')).toBeVisible();
	if (js) expect(await pageProblems(admin)).toEqual([]);
	await entry.getByRole('link', { name: `Xóa dữ liệu · ${learner.fullName}` }).click();
	await expect(
		admin.getByRole('heading', { level: 1, name: `Xóa dữ liệu · ${learner.fullName}` })
	).toBeVisible();
	await expect(admin.getByText(`Trả lời trước hết ngày ${deadline}`)).toBeVisible();
	if (js) expect(await pageProblems(admin)).toEqual([]);

	await admin.getByRole('button', { name: 'Xác nhận đã nhận' }).click();
	if (js) await expect(admin.getByText('Đã ghi nhận việc xác nhận.')).toBeVisible();
	await expect(admin.getByRole('button', { name: 'Xác nhận đã nhận' })).toHaveCount(0);

	// Without the tick, nothing is erased.
	await admin
		.getByLabel('Câu trả lời gửi người yêu cầu')
		.fill('Dữ liệu cá nhân của anh/chị đã được xóa. Giấy chứng nhận đã cấp vẫn tra cứu được.');
	await admin.getByRole('button', { name: 'Xóa dữ liệu và hoàn thành' }).click();
	await expect(admin.getByText('Hãy đánh dấu để xác nhận xóa dữ liệu.')).toBeVisible();
	if (!js)
		await admin
			.getByLabel('Câu trả lời gửi người yêu cầu')
			.fill('Dữ liệu cá nhân của anh/chị đã được xóa. Giấy chứng nhận đã cấp vẫn tra cứu được.');
	await admin.getByLabel('Tôi xác nhận xóa dữ liệu cá nhân của người này.').check();
	await admin.getByRole('button', { name: 'Xóa dữ liệu và hoàn thành' }).click();
	if (js) await expect(admin.getByText('Đã hoàn thành yêu cầu.')).toBeVisible();
	await expect(admin.getByText('Đã hoàn thành', { exact: true })).toBeVisible();
	await expect(admin.getByText('đã xóa dữ liệu cá nhân')).toBeVisible();

	// Closed within the deadline: it leaves the open queue for the closed one.
	await admin.goto('/admin/privacy/requests');
	await expect(admin.getByRole('listitem').filter({ hasText: learner.fullName })).toHaveCount(0);
	await admin.getByRole('link', { name: 'Đã kết thúc' }).click();
	await expect(
		admin.getByRole('listitem').filter({ hasText: '(đã xóa dữ liệu)' }).first()
	).toBeVisible();
}

async function cannotSignIn(browser: Browser, learner: Account, js: boolean) {
	const page = await phone(browser, js);
	const form = new SignInPage(page);
	await form.goto();
	await form.submit(learner.identifier, learner.password);
	await expect(page.getByText('E-mail, tên đăng nhập hoặc mật khẩu chưa đúng.')).toBeVisible();
	await page.context().close();
}

test('a learner asks for deletion; the administrator erases them in time; the certificate still verifies', async ({
	browser
}) => {
	// A whole course and its final quiz before the certificate exists.
	test.setTimeout(180_000);
	const run = randomBytes(3).toString('hex');
	// The course is read on a desktop-sized window, as the certificate journeys read it; the
	// request is then made at phone width.
	const learnerPage = await (await browser.newContext()).newPage();
	const learner = await signUp(learnerPage, {
		...newAccount('xoa'),
		fullName: `Đặng Thị Muốn Xóa ${run}`
	});
	await completeCourse(learnerPage, COURSE);
	await learnerPage.setViewportSize(PHONE);
	const record = await (await learnerPage.request.get('/account/data')).json();
	const { code } = record.learning.certificates[0] as { code: string };

	const deadline = await fileDeletion(learnerPage, true);
	const admin = await phone(browser);
	await signIn(admin, ADMIN.email, ADMIN.password);
	await completeDeletion(admin, learner, deadline, true);

	// The learner's session ended with the erasure, and the account no longer signs in.
	await learnerPage.goto('/account/privacy/requests');
	await expect(learnerPage).toHaveURL(/\/sign-in/);
	await cannotSignIn(browser, learner, true);

	// The certificate still verifies, with the name printed on it.
	const visitor = await phone(browser);
	await visitor.goto(`/verify/${code}`);
	await expect(
		visitor.getByRole('heading', { level: 1, name: 'Giấy chứng nhận hợp lệ' })
	).toBeVisible();
	await expect(visitor.getByText(learner.fullName)).toBeVisible();
});

test('the same deletion request, acknowledgement and erasure with JavaScript off', async ({
	browser
}) => {
	const run = randomBytes(3).toString('hex');
	const learnerPage = await phone(browser, false);
	const learner = await signUp(learnerPage, {
		...newAccount('xoa-nojs'),
		fullName: `Đỗ Văn Không Script ${run}`
	});
	const deadline = await fileDeletion(learnerPage, false);
	const admin = await phone(browser, false);
	await signIn(admin, ADMIN.email, ADMIN.password);
	await completeDeletion(admin, learner, deadline, false);
	await cannotSignIn(browser, learner, false);
});
