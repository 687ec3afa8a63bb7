import { randomBytes } from 'node:crypto';
import type { Page } from '@playwright/test';
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
import { readQuiz, scrollsSideways, SHORT_QUIZ, takeQuiz } from './quiz-helpers';

const COURSE = 'Sản xuất sạch hơn tại cơ sở sản xuất';
const PRE_TEST = 'Kiểm tra nhanh: lãng phí là tiền và quản lý nội vi';

/** Answers the platform's default survey: every rating, and a comment. */
async function answerSurvey(page: Page, rating: string, comment: string) {
	const scales = page.locator('fieldset.rating');
	for (let i = 0; i < (await scales.count()); i++)
		await scales.nth(i).getByLabel(rating, { exact: false }).check();
	await page.getByLabel(/Góp ý để các lớp sau tốt hơn/).fill(comment);
	await page.getByRole('button', { name: 'Gửi phiếu' }).click();
}

test('the day of a workshop: a learner takes the pre-test and answers the survey on the phone, the trainer types a paper score and sees the summary; the survey without JavaScript', async ({
	browser
}) => {
	test.setTimeout(240_000);
	const run = randomBytes(3).toString('hex');
	const admin = await (await browser.newContext()).newPage();
	await signIn(admin, ADMIN.email, ADMIN.password);
	const org = `Trung tâm Khuyến công ngày học ${run}`;
	await addOrganisation(admin, org);
	const trainer = await (await browser.newContext()).newPage();
	const trainerAccount = await signUp(trainer, {
		...newAccount('wd-gv'),
		fullName: `Phạm Văn Giảng ${run}`
	});
	await appoint(admin, trainerAccount, 'trainer', org);

	// The plan: the course's quick test before, the platform's survey after.
	await trainer.goto('/workshops');
	const title = `Tập huấn SXSH tại cơ sở ${run}`;
	await trainer.getByLabel('Tên buổi tập huấn').fill(title);
	// Once the page runs its script, the test picker offers the chosen course's quizzes by name (a
	// course chosen before that is chosen again).
	await expect(async () => {
		await trainer.getByLabel('Thuộc khóa học').selectOption({ label: COURSE });
		await trainer
			.getByLabel('Bài kiểm tra đầu vào')
			.selectOption({ label: PRE_TEST }, { timeout: 1_000 });
	}).toPass();
	await trainer.getByLabel('Phiếu đánh giá').selectOption({ label: 'Phiếu đánh giá sau tập huấn' });
	await trainer.getByRole('button', { name: 'Tạo buổi tập huấn' }).click();
	await trainer.waitForURL(/\/workshops\/[0-9a-f-]{36}\?created$/);
	const id = trainer.url().match(/\/workshops\/([0-9a-f-]{36})/)![1];
	await trainer.getByRole('button', { name: 'Mở đăng ký' }).click();
	await expect(trainer.getByText('Đang nhận đăng ký', { exact: true })).toBeVisible();

	// A learner registers on the phone and takes the pre-test there.
	const learner = await phone(browser);
	const first = await signUp(learner, {
		...newAccount('wd-hv'),
		fullName: `Võ Thị Đầu Vào ${run}`
	});
	await learner.goto(`/w/${id}`);
	await learner.getByRole('button', { name: 'Đăng ký tham dự' }).click();
	await expect(learner.getByText(/Bạn đã đăng ký tham dự/)).toBeVisible();
	const tasks = learner.getByRole('region', { name: 'Việc của anh/chị trong buổi tập huấn' });
	await expect(tasks.getByText('Bài kiểm tra đầu vào')).toBeVisible();
	await expect(tasks.getByText('Chưa làm')).toBeVisible();
	await expect(tasks.getByText('Chưa trả lời')).toBeVisible();
	expect(await scrollsSideways(learner)).toBe(false);
	expect(await pageProblems(learner)).toEqual([]);
	await tasks.getByRole('button', { name: 'Làm bài' }).click();
	await takeQuiz(learner, readQuiz(SHORT_QUIZ), true);
	await expect(
		learner.getByText(`Điểm này được ghi làm bài kiểm tra đầu vào của buổi tập huấn «${title}».`)
	).toBeVisible();
	await learner.getByRole('link', { name: 'Về trang buổi tập huấn' }).click();
	await expect(tasks.getByText('Đã làm · 100%')).toBeVisible();
	await expect(tasks.getByRole('button', { name: 'Làm bài' })).toHaveCount(0);

	// The survey, once.
	await tasks.getByRole('link', { name: 'Trả lời phiếu' }).click();
	await expect(learner.getByRole('heading', { name: 'Phiếu đánh giá sau tập huấn' })).toBeVisible();
	expect(await scrollsSideways(learner)).toBe(false);
	await answerSurvey(learner, '5 Rất hài lòng', 'Ví dụ ở xưởng chế biến rất sát thực tế');
	await expect(learner.getByText('Cảm ơn anh/chị đã gửi phiếu đánh giá.')).toBeVisible();
	await learner.goto(`/w/${id}/survey`);
	await expect(
		learner.getByText('Anh/chị đã gửi phiếu đánh giá cho buổi tập huấn này.')
	).toBeVisible();
	await expect(learner.getByRole('button', { name: 'Gửi phiếu' })).toHaveCount(0);

	// Without JavaScript: a second learner registers and answers; a missing rating is asked for.
	const plain = await phone(browser, false);
	const second = await signUp(plain, {
		...newAccount('wd-nojs'),
		fullName: `Đặng Văn Giấy ${run}`
	});
	await plain.goto(`/w/${id}/survey`);
	await expect(
		plain.getByText('Bài kiểm tra và phiếu đánh giá dành cho người đã có chỗ')
	).toBeVisible();
	await plain.goto(`/w/${id}`);
	await plain.getByRole('button', { name: 'Đăng ký tham dự' }).click();
	await expect(plain.getByText(/Bạn đã đăng ký tham dự/)).toBeVisible();
	await plain.getByRole('link', { name: 'Trả lời phiếu' }).click();
	await answerSurvey(plain, '3 Bình thường', 'Phòng hơi nóng');
	await expect(plain.getByText('Cảm ơn anh/chị đã gửi phiếu đánh giá.')).toBeVisible();

	// The trainer types the second learner's paper test: a bad value first, kept and named.
	await trainer.goto(`/workshops/${id}`);
	await trainer.getByRole('link', { name: 'Điểm kiểm tra và phiếu đánh giá' }).click();
	await expect(
		trainer.getByRole('heading', { level: 1, name: 'Điểm kiểm tra và phiếu đánh giá' })
	).toBeVisible();
	const row = trainer.getByRole('row').filter({ hasText: second.fullName });
	await row.getByLabel(/^Đầu vào \(%\)/).fill('450');
	await trainer.getByRole('button', { name: 'Lưu điểm' }).click();
	await expect(trainer.getByText(/Có 1 ô chưa đúng/)).toBeVisible();
	await expect(row.getByLabel(/^Đầu vào \(%\)/)).toHaveValue('450');
	await expect(row.getByText('Nhập điểm từ 0 đến 100')).toBeVisible();
	await row.getByLabel(/^Đầu vào \(%\)/).fill('45');
	await trainer.getByRole('button', { name: 'Lưu điểm' }).click();
	await expect(trainer.getByText('Đã lưu 1 điểm, xóa 0 điểm.')).toBeVisible();
	const firstRow = trainer.getByRole('row').filter({ hasText: first.fullName });
	await expect(firstRow.getByText('Trên điện thoại: 100%')).toBeVisible();

	// The summary: the pre-test over both (100 and 45), the survey over both forms.
	const summary = trainer.getByRole('region', { name: 'Tổng hợp' });
	await expect(summary.getByText('72,5%')).toBeVisible();
	await expect(summary.getByText('trung bình của 2 người')).toBeVisible();
	await expect(trainer.getByText('2 phiếu đã nhận')).toBeVisible();
	await expect(trainer.getByText('4/5 · 2 người trả lời').first()).toBeVisible();
	await expect(trainer.getByText('Ví dụ ở xưởng chế biến rất sát thực tế')).toBeVisible();
	expect(await pageProblems(trainer)).toEqual([]);
});
