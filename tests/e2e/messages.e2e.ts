import { randomBytes } from 'node:crypto';
import {
	ADMIN,
	addOrganisation,
	expect,
	newAccount,
	pageProblems,
	PHONE,
	signIn,
	signUp,
	test
} from './fixtures';
import { awaitMail, linkIn, MAIL_APP } from './mail';

// Against the server with e-mail configured (playwright.config.ts), which sends to a real SMTP server.
test.use({ baseURL: MAIL_APP });

const COURSE_TITLE = 'Sản xuất sạch hơn tại cơ sở sản xuất';
const ASSIGNED = 'Được giao khóa học';
const ISSUED = 'Được cấp giấy chứng nhận';

test('an assignment with a due date reaches the inbox (the bell counts without JavaScript) and the e-mail, whose one click unsubscribes', async ({
	browser
}) => {
	test.setTimeout(120_000);
	const run = randomBytes(3).toString('hex');
	const address = `hv-${run}@example.vn`;
	const learner = { ...newAccount(), identifier: address, fullName: 'Trần Thị Bé Hai' };
	const learnerContext = await browser.newContext({
		baseURL: MAIL_APP,
		viewport: PHONE,
		javaScriptEnabled: false
	});
	const learnerPage = await learnerContext.newPage();
	await signUp(learnerPage, learner);
	// Nothing yet: the bell says so.
	await expect(learnerPage.getByRole('link', { name: 'Hộp thư', exact: true })).toBeVisible();

	const admin = await (await browser.newContext({ baseURL: MAIL_APP })).newPage();
	await signIn(admin, ADMIN.email, ADMIN.password);
	const school = `Trường Trung cấp Chợ Lách ${run}`;
	await addOrganisation(admin, school);
	await admin.goto('/manage');
	await admin.getByLabel('Đơn vị').selectOption({ label: school });
	await admin.getByLabel('Tên lớp').fill(`Lớp 11B ${run}`);
	await admin.getByRole('button', { name: 'Tạo lớp' }).click();
	await admin.getByRole('link', { name: `Lớp 11B ${run}` }).click();
	await admin.getByLabel('Tên đăng nhập hoặc email').fill(address);
	await admin.getByRole('button', { name: 'Thêm vào lớp' }).click();
	await expect(admin.getByRole('cell', { name: learner.fullName })).toBeVisible();
	await admin.getByLabel('Khóa học', { exact: true }).selectOption({ label: COURSE_TITLE });
	await admin.getByLabel('Hạn hoàn thành', { exact: true }).fill('2030-12-31');
	await admin.getByRole('button', { name: 'Giao cho cả lớp' }).click();
	await expect(admin.getByText('Đã giao khóa học;')).toBeVisible();

	// The learner's bell, rendered by the server: one unread; the inbox names the course and the date.
	await learnerPage.goto('/dashboard');
	await learnerPage.getByRole('link', { name: 'Hộp thư, 1 tin chưa đọc' }).click();
	await expect(learnerPage).toHaveURL(/\/inbox/);
	const message = learnerPage.getByRole('listitem').filter({ hasText: COURSE_TITLE });
	await expect(message).toContainText('31/12/2030');
	await learnerPage.getByRole('button', { name: 'Đánh dấu tất cả là đã đọc' }).click();
	await expect(learnerPage.getByRole('link', { name: 'Hộp thư', exact: true })).toBeVisible();

	// The e-mail: in Vietnamese, from the configured sender, with the course link and RFC 8058 headers.
	const mail = await awaitMail(address, /Sản xuất sạch hơn tại cơ sở sản xuất/);
	expect(mail.subject).toBe(`Bạn được giao khóa học «${COURSE_TITLE}»`);
	expect(mail.headers.from).toContain('no-reply@sachhon.test');
	expect(mail.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
	expect(mail.text).toContain('31/12/2030');
	expect(mail.text).toContain(`${MAIL_APP}/courses/`);
	expect(mail.html).toContain('lang="vi"');
	const unsubscribe = mail.headers['list-unsubscribe'].replace(/^<|>$/g, '');
	expect(unsubscribe).toMatch(new RegExp(`^${MAIL_APP}/unsubscribe/`));

	// A mail provider's one-click POST, from its own server: no cookie, no Origin of ours.
	const oneClick = await fetch(unsubscribe, {
		method: 'POST',
		headers: { 'content-type': 'application/x-www-form-urlencoded' },
		body: 'List-Unsubscribe=One-Click'
	});
	expect(oneClick.status).toBeLessThan(400);
	await learnerPage.goto('/account/messages');
	await expect(
		learnerPage.getByRole('checkbox', { name: `${ASSIGNED}: Thư điện tử` })
	).not.toBeChecked();
	await expect(learnerPage.getByRole('checkbox', { name: `${ISSUED}: Thư điện tử` })).toBeChecked();
	await learnerContext.close();

	// The same pages with JavaScript, at phone width: readable and accessible.
	const withScript = await (
		await browser.newContext({ baseURL: MAIL_APP, viewport: PHONE })
	).newPage();
	await signIn(withScript, address, learner.password);
	for (const path of ['/inbox', '/account/messages']) {
		await withScript.goto(path);
		expect(await pageProblems(withScript), path).toEqual([]);
	}
});

test('a forgotten password is reset by e-mail, through to signing in with the new one', async ({
	browser
}) => {
	test.setTimeout(90_000);
	const run = randomBytes(3).toString('hex');
	const address = `quen-${run}@example.vn`;
	const page = await (await browser.newContext({ baseURL: MAIL_APP, viewport: PHONE })).newPage();
	await signUp(page, { ...newAccount(), identifier: address });
	await page.context().clearCookies();

	await page.goto('/sign-in');
	await page.getByRole('link', { name: 'Đặt lại mật khẩu qua e-mail' }).click();
	await page.getByLabel('Địa chỉ e-mail').fill(address);
	await page.getByRole('button', { name: 'Gửi đường dẫn' }).click();
	await expect(page.getByText('Hãy xem hộp thư của bạn')).toBeVisible();
	expect(await pageProblems(page)).toEqual([]);

	const mail = await awaitMail(address, /Đặt lại mật khẩu/);
	expect(mail.headers['list-unsubscribe']).toBeUndefined();
	const link = linkIn(mail.text, `${MAIL_APP}/reset/`);
	await page.goto(link);
	const newPassword = 'nước dừa Mỏ Cày mát lành';
	await page.getByLabel('Mật khẩu mới').fill(newPassword);
	await page.getByRole('button', { name: 'Lưu mật khẩu mới' }).click();
	await page.context().clearCookies();
	await signIn(page, address, newPassword);
	await expect(page).toHaveURL(/\/dashboard/);
	// The link works once.
	await page.goto(link);
	await expect(page.getByLabel('Mật khẩu mới')).toHaveCount(0);
});
