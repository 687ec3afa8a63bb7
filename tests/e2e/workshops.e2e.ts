import { randomBytes } from 'node:crypto';
import {
	addOrganisation,
	ADMIN,
	AGREE,
	appoint,
	checkInLink,
	expect,
	newAccount,
	newPhone,
	pageProblems,
	phone,
	signIn,
	signUp,
	test
} from './fixtures';

test('a trainer plans a workshop, learners register on its public page and check in with the rotating code, with JavaScript and without', async ({
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
		...newAccount('ws-gv'),
		fullName: `Hoàng Văn Giảng ${run}`
	});
	await appoint(admin, trainerAccount, 'trainer', org);

	// The trainer plans it from the staff menu's page, adds a session of today and opens it.
	await trainer.goto('/workshops');
	expect(await pageProblems(trainer)).toEqual([]);
	const title = `Tập huấn sản xuất sạch hơn ${run}`;
	await trainer.getByLabel('Tên buổi tập huấn').fill(title);
	await trainer.getByLabel('Địa điểm').fill('Hội trường Sở Công Thương');
	await trainer.getByLabel('Số chỗ').fill('30');
	await trainer.getByRole('button', { name: 'Tạo buổi tập huấn' }).click();
	await trainer.waitForURL(/\/workshops\/[0-9a-f-]{36}\?created$/);
	const id = trainer.url().match(/\/workshops\/([0-9a-f-]{36})/)![1];
	await trainer.getByLabel('Giờ bắt đầu').fill('00:00');
	await trainer.getByLabel('Giờ kết thúc').fill('23:59');
	await trainer.getByRole('button', { name: 'Thêm buổi học' }).click();
	await expect(trainer.getByText('Đã thêm buổi học.')).toBeVisible();
	await trainer.getByRole('button', { name: 'Mở đăng ký' }).click();
	await expect(trainer.getByText('Đang nhận đăng ký', { exact: true })).toBeVisible();
	await expect(trainer.getByRole('img', { name: 'Mã QR của đường link đăng ký' })).toBeVisible();
	expect(await pageProblems(trainer)).toEqual([]);

	// A visitor opens the public page and registers with an account made there in two fields.
	const learner = await phone(browser);
	await learner.goto(`/w/${id}`);
	await expect(learner.getByRole('heading', { level: 1, name: title })).toBeVisible();
	await expect(learner.getByText('Còn 30 chỗ trống')).toBeVisible();
	expect(await pageProblems(learner)).toEqual([]);
	const first = { fullName: `Trần Văn Điểm Danh ${run}`, phone: newPhone() };
	await learner.getByLabel('Họ và tên').fill(first.fullName);
	await learner.getByLabel('Số điện thoại (hoặc tên đăng nhập)').fill(first.phone);
	// The privacy notice's box, beside the two fields (unticked until the person ticks it).
	await learner.getByLabel(AGREE).check();
	await learner.getByRole('button', { name: 'Tạo tài khoản và đăng ký tham dự' }).click();
	await expect(learner.getByTestId('quick-identifier')).toHaveText(first.phone);
	await expect(learner.getByTestId('quick-password')).toHaveText(/^\w{4}-\w{4}-\w{4}$/);
	await expect(learner.getByText('Bạn đã đăng ký tham dự.')).toBeVisible();
	await expect(learner.getByText('Còn 29 chỗ trống')).toBeVisible();
	// Signed in on this phone: the page offers cancelling, not another account.
	await expect(learner.getByRole('button', { name: 'Hủy đăng ký' })).toBeVisible();
	await expect(learner.getByLabel('Họ và tên')).toHaveCount(0);
	await learner.goto('/dashboard');
	await expect(learner.getByRole('heading', { name: 'Buổi tập huấn của tôi' })).toBeVisible();
	await expect(learner.getByRole('link', { name: title })).toBeVisible();

	// The trainer's screen shows the code; the learner opens its link and taps once.
	await trainer.goto(`/workshops/${id}`);
	await trainer.getByRole('link', { name: /^Mở màn hình điểm danh buổi/ }).click();
	await expect(trainer.getByRole('img', { name: 'Mã QR điểm danh' })).toBeVisible();
	expect(await pageProblems(trainer)).toEqual([]);
	const codeScreen = new URL(trainer.url()).pathname;
	await learner.goto(await checkInLink(trainer, codeScreen));
	expect(await pageProblems(learner)).toEqual([]);
	await learner.getByRole('button', { name: 'Điểm danh' }).click();
	await expect(learner.getByText('Đã điểm danh. Cảm ơn bạn!')).toBeVisible();
	await trainer.goto(codeScreen);
	await expect(trainer.getByRole('heading', { name: 'Có mặt: 1/1' })).toBeVisible();
	await expect(trainer.getByRole('listitem').filter({ hasText: first.fullName })).toBeVisible();

	// Without JavaScript: register, then check in with a fresh code, one press each.
	const plain = await phone(browser, false);
	const second = await signUp(plain, {
		...newAccount('ws-nojs'),
		fullName: `Lê Thị Không Script ${run}`
	});
	await plain.goto(`/w/${id}`);
	await plain.getByRole('button', { name: 'Đăng ký tham dự' }).click();
	await expect(plain.getByText('Bạn đã đăng ký tham dự.')).toBeVisible();
	await plain.goto(await checkInLink(trainer, codeScreen));
	await plain.getByRole('button', { name: 'Điểm danh' }).click();
	await expect(plain.getByText('Đã điểm danh. Cảm ơn bạn!')).toBeVisible();
	await trainer.goto(codeScreen);
	await expect(trainer.getByRole('heading', { name: 'Có mặt: 2/2' })).toBeVisible();
	await expect(trainer.getByRole('listitem').filter({ hasText: second.fullName })).toBeVisible();

	// An old code is refused plainly; the registration list names both.
	await plain.goto(`/checkin/${id.replace(/.$/, '0')}.AAAAAAAAAAAAAAAA`);
	await expect(plain.getByText('Mã đã hết hạn, hãy quét lại mã trên màn hình.')).toBeVisible();
	await trainer.goto(`/workshops/${id}`);
	await expect(trainer.getByText('2 người đã đăng ký, 0 người trong danh sách chờ.')).toBeVisible();
});
