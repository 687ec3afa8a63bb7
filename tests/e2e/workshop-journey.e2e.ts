import { randomBytes } from 'node:crypto';
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
	phone,
	checkInLink,
	newPhone
} from './fixtures';
import { readQuiz, SHORT_QUIZ, takeQuiz } from './quiz-helpers';

// Issue 16's journey from end to end, across the parts each have their own tests for: planning
// with a course, its tests and survey; registering; attendance three ways into one record;
// closing with certificates of attendance; and the six-monthly report counting the room.

const COURSE = 'Sản xuất sạch hơn tại cơ sở sản xuất';
const TEST = 'Kiểm tra nhanh: lãng phí là tiền và quản lý nội vi';

test('a workshop from plan to report: two register, one checks in by the code, the trainer taps the other and adds a walk-in, tests and survey on the day, closing certifies all three, the report counts three', async ({
	browser
}) => {
	test.setTimeout(300_000);
	const run = randomBytes(3).toString('hex');
	const admin = await (await browser.newContext()).newPage();
	await signIn(admin, ADMIN.email, ADMIN.password);
	const org = `Trung tâm Khuyến công hành trình ${run}`;
	await addOrganisation(admin, org);
	const trainer = await phone(browser);
	const trainerAccount = await signUp(trainer, {
		...newAccount('wj-gv'),
		fullName: `Lâm Văn Hành Trình ${run}`
	});
	await appoint(admin, trainerAccount, 'trainer', org);

	// The plan: part of the factory course, its quick test before and after, the platform's survey.
	await trainer.goto('/workshops');
	const title = `Tập huấn SXSH ngành dừa ${run}`;
	await trainer.getByLabel('Tên buổi tập huấn').fill(title);
	await trainer.getByLabel('Địa điểm').fill('Hội trường Sở Công Thương Vĩnh Long');
	await expect(async () => {
		await trainer.getByLabel('Thuộc khóa học').selectOption({ label: COURSE });
		await trainer
			.getByLabel('Bài kiểm tra đầu vào')
			.selectOption({ label: TEST }, { timeout: 1_000 });
	}).toPass();
	await trainer.getByLabel('Bài kiểm tra cuối khóa').selectOption({ label: TEST });
	await trainer.getByLabel('Phiếu đánh giá').selectOption({ label: 'Phiếu đánh giá sau tập huấn' });
	await trainer.getByRole('button', { name: 'Tạo buổi tập huấn' }).click();
	await trainer.waitForURL(/\/workshops\/[0-9a-f-]{36}\?created$/);
	const id = trainer.url().match(/\/workshops\/([0-9a-f-]{36})/)![1];
	await trainer.getByLabel('Giờ bắt đầu').fill('00:00');
	await trainer.getByLabel('Giờ kết thúc').fill('23:59');
	await trainer.getByRole('button', { name: 'Thêm buổi học' }).click();
	await expect(trainer.getByText('Đã thêm buổi học.')).toBeVisible();
	await trainer.getByRole('button', { name: 'Mở đăng ký' }).click();
	await expect(trainer.getByText('Đang nhận đăng ký', { exact: true })).toBeVisible();

	// Two register on the public page: one with JavaScript, one without.
	const first = await phone(browser);
	const firstName = `Nguyễn Thị Quét Mã ${run}`;
	await signUp(first, { ...newAccount('wj-a'), fullName: firstName });
	const second = await phone(browser, false);
	const secondName = `Trần Văn Được Gọi ${run}`;
	await signUp(second, { ...newAccount('wj-b'), fullName: secondName });
	for (const learner of [first, second]) {
		await learner.goto(`/w/${id}`);
		await learner.getByRole('button', { name: 'Đăng ký tham dự' }).click();
		await expect(learner.getByText(/Bạn đã đăng ký tham dự/)).toBeVisible();
	}

	// The first takes the pre-test on the phone, checks in with the code on the screen, then takes
	// the post-test and answers the survey.
	const tasks = first.getByRole('region', { name: 'Việc của anh/chị trong buổi tập huấn' });
	await tasks.getByRole('button', { name: 'Làm bài: Bài kiểm tra đầu vào' }).click();
	await takeQuiz(first, readQuiz(SHORT_QUIZ), false);
	await expect(first.getByText(/bài kiểm tra đầu vào của buổi tập huấn/)).toBeVisible();

	await trainer.goto(`/workshops/${id}`);
	await trainer.getByRole('link', { name: /^Mở màn hình điểm danh buổi/ }).click();
	await trainer.waitForURL(/\/sessions\/[0-9a-f-]{36}\/code$/);
	const codeScreen = new URL(trainer.url()).pathname;
	await first.goto(await checkInLink(trainer, codeScreen));
	await first.getByRole('button', { name: 'Điểm danh' }).click();
	await expect(first.getByText('Đã điểm danh. Cảm ơn bạn!')).toBeVisible();

	await first.goto(`/w/${id}`);
	await tasks.getByRole('button', { name: 'Làm bài: Bài kiểm tra cuối khóa' }).click();
	await takeQuiz(first, readQuiz(SHORT_QUIZ), true);
	await expect(first.getByText(/bài kiểm tra cuối khóa của buổi tập huấn/)).toBeVisible();
	await first.goto(`/w/${id}/survey`);
	const scales = first.locator('fieldset.rating');
	for (let i = 0; i < (await scales.count()); i++)
		await scales.nth(i).getByLabel('5 Rất hài lòng', { exact: false }).check();
	await first.getByRole('button', { name: 'Gửi phiếu' }).click();
	await expect(first.getByText('Cảm ơn anh/chị đã gửi phiếu đánh giá.')).toBeVisible();

	// The trainer taps the second on the list and adds someone who came without registering.
	await trainer.goto(`/workshops/${id}`);
	await trainer.getByRole('link', { name: /^Gọi tên buổi/ }).click();
	await trainer.getByRole('button', { name: `Ghi ${secondName} có mặt` }).click();
	await expect(trainer.getByText(`Đã ghi ${secondName} có mặt.`)).toBeVisible();
	const walkIn = `Phan Văn Đến Thẳng ${run}`;
	await trainer.getByLabel('Họ và tên').fill(walkIn);
	await trainer.getByLabel('Số điện thoại hoặc tên đăng nhập').fill(newPhone());
	await trainer.getByRole('button', { name: 'Thêm và ghi có mặt' }).click();
	await expect(trainer.getByText(`Đã tạo tài khoản cho ${walkIn} và ghi có mặt.`)).toBeVisible();
	await expect(trainer.getByTestId('roster-count')).toContainText('Có mặt 3 / đã đăng ký 3');
	expect(await pageProblems(trainer)).toEqual([]);

	// The results page has the tests (two by one person, so a gain) and the survey.
	await trainer.goto(`/workshops/${id}/results`);
	await expect(trainer.getByText('1 phiếu đã nhận')).toBeVisible();
	await expect(
		trainer
			.getByRole('row')
			.filter({ hasText: firstName })
			.getByText(/Trên điện thoại/)
	).toHaveCount(2);

	// Closing certifies the three, each verifiable.
	await trainer.goto(`/workshops/${id}`);
	await trainer.getByRole('link', { name: 'Kết thúc lớp' }).click();
	await trainer.getByLabel('Cấp giấy chứng nhận tham dự khi kết thúc lớp').check();
	await trainer.getByLabel('Người có mặt ở tất cả các buổi').check();
	await trainer.getByRole('button', { name: 'Lưu' }).click();
	await expect(trainer.getByText('Số người đủ điều kiện: 3.', { exact: false })).toBeVisible();
	await trainer.getByRole('button', { name: 'Xác nhận kết thúc lớp' }).click();
	await expect(
		trainer.getByText('Đã kết thúc lớp. Số giấy chứng nhận tham dự đã cấp: 3.')
	).toBeVisible();
	const verify = await trainer
		.getByRole('listitem')
		.filter({ hasText: walkIn })
		.getByRole('link')
		.getAttribute('href');
	await second.goto(verify!);
	await expect(second.getByRole('heading', { name: 'Giấy chứng nhận hợp lệ' })).toBeVisible();
	await expect(second.getByText('Giấy chứng nhận tham dự', { exact: true })).toBeVisible();
	await expect(second.getByText(walkIn)).toBeVisible();

	// The six-monthly report for the centre counts the three people present, and the people trained.
	await admin.goto('/admin/reports');
	await admin.getByRole('combobox', { name: 'Phạm vi' }).selectOption({ label: org });
	await admin.getByRole('button', { name: 'Xem báo cáo' }).click();
	await expect(admin.getByText(`Phạm vi: ${org}`)).toBeVisible();
	const together = admin.getByRole('table', { name: 'Trực tuyến và trực tiếp' });
	const figure = (label: string) =>
		together
			.getByRole('row')
			.filter({ has: admin.getByRole('rowheader', { name: label, exact: true }) })
			.getByRole('cell')
			.first();
	await expect(figure('Buổi tập huấn đã tổ chức')).toHaveText('1');
	await expect(figure('Người tham dự')).toHaveText('3');
	expect(await pageProblems(admin)).toEqual([]);
});
