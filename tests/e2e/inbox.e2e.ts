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
import { awaitMail, mailTo, MAIL_APP } from './mail';

// Against the server with e-mail configured, so the delivery log has e-mails to show and resend.
test.use({ baseURL: MAIL_APP });

test('a learner opens a message from the inbox (read, then taken to the course); the administrator finds its e-mail in the delivery log and sends it again', async ({
	browser
}) => {
	test.setTimeout(120_000);
	const run = randomBytes(3).toString('hex');
	const address = `hop-thu-${run}@example.vn`;
	const learner = { ...newAccount(), identifier: address, fullName: 'Phạm Thị Hộp Thư' };
	const page = await (await browser.newContext({ baseURL: MAIL_APP, viewport: PHONE })).newPage();
	await signUp(page, learner);

	const admin = await (await browser.newContext({ baseURL: MAIL_APP })).newPage();
	await signIn(admin, ADMIN.email, ADMIN.password);
	const school = `Trường Trung cấp Mỏ Cày ${run}`;
	await addOrganisation(admin, school);
	await admin.goto('/manage');
	await admin.getByLabel('Đơn vị').selectOption({ label: school });
	await admin.getByLabel('Tên lớp').fill(`Lớp 12A ${run}`);
	await admin.getByRole('button', { name: 'Tạo lớp' }).click();
	await admin.getByRole('link', { name: `Lớp 12A ${run}` }).click();
	await admin.getByLabel('Tên đăng nhập hoặc email').fill(address);
	await admin.getByRole('button', { name: 'Thêm vào lớp' }).click();
	await expect(admin.getByRole('cell', { name: learner.fullName })).toBeVisible();
	const course = admin.getByLabel('Khóa học', { exact: true });
	const title = (await course.locator('option').nth(1).textContent())!.trim();
	await course.selectOption({ label: title });
	await admin.getByRole('button', { name: 'Giao cho cả lớp' }).click();
	await expect(admin.getByText('Đã giao khóa học;')).toBeVisible();

	// Opening the message marks it read and leads to the course; the bell has nothing left.
	await page.goto('/inbox');
	await expect(page.getByRole('link', { name: 'Hộp thư, 1 tin chưa đọc' })).toBeVisible();
	const message = page.getByRole('listitem').filter({ hasText: title });
	await expect(message).toContainText('Khóa học không có hạn');
	await message.getByRole('button', { name: 'Bắt đầu học' }).click();
	await expect(page).toHaveURL(/\/courses\/[^/]+$/);
	await expect(page.getByRole('link', { name: 'Hộp thư', exact: true })).toBeVisible();
	await page.goto('/inbox');
	await expect(page.getByText('Bạn đã đọc hết thông báo.')).toBeVisible();
	await expect(message.getByRole('button', { name: 'Đánh dấu đã đọc' })).toHaveCount(0);

	// The administrator's delivery log: the e-mail, sent, and sent again on request.
	await awaitMail(address, /Bạn được giao khóa học/);
	await admin.goto('/admin');
	await admin.getByRole('link', { name: 'Tin đã gửi' }).click();
	await expect(admin.getByRole('heading', { name: 'Nhật ký gửi thông báo' })).toBeVisible();
	await admin.getByLabel('Trạng thái', { exact: true }).selectOption('sent');
	await admin.getByLabel('Kênh', { exact: true }).selectOption('email');
	await admin.getByRole('button', { name: 'Lọc' }).click();
	await expect(admin).toHaveURL(/status=sent/);
	const row = admin.getByRole('row').filter({ hasText: learner.fullName });
	await expect(row).toContainText('Được giao khóa học');
	await expect(row).toContainText('Đã gửi');
	expect(await pageProblems(admin)).toEqual([]);
	await row
		.getByRole('button', { name: `Gửi lại tin Được giao khóa học cho ${learner.fullName}` })
		.click();
	await expect(admin.getByText('Đã đưa tin vào hàng đợi để gửi lại.')).toBeVisible();
	await expect.poll(async () => (await mailTo(address)).length, { timeout: 20_000 }).toBe(2);
	await admin.goto('/admin/audit');
	await expect(
		admin.getByText(`đã gửi lại tin «Được giao khóa học» qua thư điện tử cho ${learner.fullName}`)
	).toBeVisible();
});
