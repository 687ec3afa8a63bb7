import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import {
	addOrganisation,
	ADMIN,
	appoint,
	expect,
	newAccount,
	pageProblems,
	signIn,
	signUp,
	test,
	phone
} from './fixtures';

test('a trainer closes a workshop with two attendees: a certificate of attendance verifies, the class record downloads', async ({
	browser
}) => {
	test.setTimeout(180_000);
	const run = randomBytes(3).toString('hex');
	const admin = await (await browser.newContext()).newPage();
	await signIn(admin, ADMIN.email, ADMIN.password);
	const org = `Trung tâm Khuyến công ${run}`;
	await addOrganisation(admin, org);
	const trainer = await phone(browser);
	const trainerAccount = await signUp(trainer, {
		...newAccount('wc-gv'),
		fullName: `Võ Văn Kết Thúc ${run}`
	});
	await appoint(admin, trainerAccount, 'trainer', org);

	// A one-session workshop of today, open.
	await trainer.goto('/workshops');
	const title = `Tập huấn kết thúc lớp ${run}`;
	await trainer.getByLabel('Tên buổi tập huấn').fill(title);
	await trainer.getByLabel('Địa điểm').fill('Hội trường UBND xã Lương Quới');
	await trainer.getByRole('button', { name: 'Tạo buổi tập huấn' }).click();
	await trainer.waitForURL(/\/workshops\/[0-9a-f-]{36}\?created$/);
	const id = trainer.url().match(/\/workshops\/([0-9a-f-]{36})/)![1];
	await trainer.getByLabel('Giờ bắt đầu').fill('00:00');
	await trainer.getByLabel('Giờ kết thúc').fill('23:59');
	await trainer.getByRole('button', { name: 'Thêm buổi học' }).click();
	await expect(trainer.getByText('Đã thêm buổi học.')).toBeVisible();
	await trainer.getByRole('button', { name: 'Mở đăng ký' }).click();
	await expect(trainer.getByText('Đang nhận đăng ký', { exact: true })).toBeVisible();

	// Two learners register on the public page; the trainer taps them present on the list.
	const names = [`Nguyễn Thị Một ${run}`, `Trần Văn Hai ${run}`];
	for (const [i, fullName] of names.entries()) {
		const learner = await phone(browser);
		await signUp(learner, { ...newAccount(`wc-hv${i}`), fullName });
		await learner.goto(`/w/${id}`);
		await learner.getByRole('button', { name: 'Đăng ký tham dự' }).click();
		await expect(learner.getByText('Bạn đã đăng ký tham dự.')).toBeVisible();
	}
	await trainer.goto(`/workshops/${id}`);
	await trainer.getByRole('link', { name: /^Gọi tên buổi/ }).click();
	const count = trainer.getByTestId('roster-count');
	await expect(count).toContainText('Có mặt 0 / đã đăng ký 2');
	for (const fullName of names) {
		await trainer.getByRole('button', { name: `Ghi ${fullName} có mặt` }).click();
		await expect(trainer.getByText(`Đã ghi ${fullName} có mặt.`)).toBeVisible();
	}
	await expect(count).toContainText('Có mặt 2 / đã đăng ký 2');

	// The trainer asks for certificates of attendance, then presses 'Kết thúc lớp' and confirms.
	await trainer.goto(`/workshops/${id}`);
	await trainer.getByRole('link', { name: 'Kết thúc lớp' }).click();
	await trainer.waitForURL(new RegExp(`/workshops/${id}/close$`));
	await trainer.getByLabel('Cấp giấy chứng nhận tham dự khi kết thúc lớp').check();
	await trainer.getByLabel('Người có mặt ở tất cả các buổi').check();
	await trainer.getByRole('button', { name: 'Lưu' }).click();
	await expect(trainer.getByText('Đã lưu.')).toBeVisible();
	await expect(trainer.getByText('Số người đủ điều kiện: 2.', { exact: false })).toBeVisible();
	expect(await pageProblems(trainer)).toEqual([]);
	await trainer.getByRole('button', { name: 'Xác nhận kết thúc lớp' }).click();
	await expect(
		trainer.getByText('Đã kết thúc lớp. Số giấy chứng nhận tham dự đã cấp: 2.')
	).toBeVisible();
	await expect(trainer.getByText('Đã kết thúc', { exact: true })).toBeVisible();
	expect(await pageProblems(trainer)).toEqual([]);

	// One of the certificates verifies publicly as a certificate of attendance.
	const certificate = trainer.getByRole('listitem').filter({ hasText: names[1] });
	const verify = await certificate.getByRole('link').getAttribute('href');
	expect(verify).toMatch(/\/verify\/[A-Z0-9]{12}$/);
	const visitor = await phone(browser);
	await visitor.goto(verify!);
	await expect(visitor.getByRole('heading', { name: 'Giấy chứng nhận hợp lệ' })).toBeVisible();
	await expect(visitor.getByText('Giấy chứng nhận tham dự', { exact: true })).toBeVisible();
	await expect(visitor.getByText(names[1])).toBeVisible();
	await expect(visitor.getByText(title)).toBeVisible();
	expect(await pageProblems(visitor)).toEqual([]);

	// The class record downloads as a zip.
	const [download] = await Promise.all([
		trainer.waitForEvent('download'),
		trainer.getByRole('link', { name: 'Tải hồ sơ lớp (.zip)' }).click()
	]);
	expect(download.suggestedFilename()).toMatch(/^Ho-so-lop.*\.zip$|^Hồ sơ lớp.*\.zip$/);
	const bytes = readFileSync((await download.path())!);
	expect(bytes.subarray(0, 2).toString()).toBe('PK');
});
