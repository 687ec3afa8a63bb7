import type { Browser, BrowserContext, Page } from '@playwright/test';
import {
	ADMIN,
	addOrganisation,
	appoint,
	enrol,
	expect,
	newAccount,
	pageProblems,
	signIn,
	signUp,
	test,
	openUser
} from './fixtures';
import { openReview } from './review-helpers';

const TITLE = 'Giảm hơi nước thất thoát ở lò hơi';
const SLUG = 'giam-hoi-nuoc-that-thoat-o-lo-hoi';
const PHONE = { width: 390, height: 844 };

/** A second browser of the same person, with JavaScript off. */
async function withoutScript(browser: Browser, context: BrowserContext): Promise<Page> {
	const plain = await browser.newContext({ javaScriptEnabled: false, viewport: PHONE });
	await plain.addCookies(await context.cookies());
	return plain.newPage();
}

async function writeLesson(page: Page, body: string, previewText: string) {
	await page.goto(`/author/${SLUG}`);
	await page.getByRole('link', { name: 'Kiểm tra bẫy hơi', exact: true }).click();
	await page.getByLabel('Nội dung bài học').fill(body);
	await expect(page.locator('.preview article')).toContainText(previewText);
	await page.getByRole('button', { name: 'Lưu bản nháp' }).click();
	await expect(page.getByText('Đã lưu bản nháp.')).toBeVisible();
}

test('a trainer sends a course for review, the administrator sends it back, then approves it, and only then learners see it', async ({
	browser
}) => {
	test.setTimeout(240_000);
	const school = `Trường nghề duyệt ${Date.now()}`;

	// A trainer of a school, and a learner of no organisation; the administrator on a phone.
	const trainerContext = await browser.newContext({ viewport: PHONE });
	const trainer = await trainerContext.newPage();
	const trainerAccount = newAccount('gvd');
	trainerAccount.fullName = 'Võ Thị Giảng Dạy';
	await signUp(trainer, trainerAccount);
	const adminContext = await browser.newContext({ viewport: PHONE });
	const admin = await adminContext.newPage();
	await signIn(admin, ADMIN.email, ADMIN.password);
	await addOrganisation(admin, school);
	await appoint(admin, trainerAccount, 'trainer', school);
	const learner = await (await browser.newContext({ viewport: PHONE })).newPage();
	await signUp(learner);

	// A plain learner has no review queue.
	const refused = await learner.goto('/review');
	expect(refused?.status()).toBe(403);

	await trainer.goto('/author');
	await trainer.getByLabel('Tên khóa học').fill(TITLE);
	await trainer.getByLabel('Giới thiệu ngắn').fill('Tìm và sửa bẫy hơi hỏng trong xưởng.');
	await trainer.getByLabel('Cán bộ tác nghiệp, người lao động').check();
	await trainer.getByRole('checkbox', { name: /^1b: / }).check();
	await trainer.getByRole('button', { name: 'Tạo khóa học' }).click();
	await trainer.waitForURL(`**/author/${SLUG}`);
	await trainer.getByLabel('Tên bài học').fill('Kiểm tra bẫy hơi');
	await trainer.getByRole('button', { name: 'Thêm bài', exact: true }).click();
	await expect(trainer.getByText('Đã thêm bài “Kiểm tra bẫy hơi”.')).toBeVisible();
	await writeLesson(trainer, '## Bẫy hơi\n\nBẫy hơi hỏng xả hơi liên tục.\n', 'xả hơi liên tục');

	// The trainer chooses the whole province, which is reviewed.
	await trainer.goto(`/author/${SLUG}`);
	const scope = trainer.getByRole('group', { name: 'Ai sẽ học khóa này?' });
	await expect(scope.getByLabel('Cả tỉnh (cần duyệt)')).toBeChecked();
	await expect(scope.getByLabel(`Chỉ thành viên của ${school}`)).not.toBeChecked();
	expect(await pageProblems(trainer)).toEqual([]);
	await trainer.getByRole('button', { name: 'Gửi duyệt' }).click();
	await expect(trainer.getByText('Đã gửi duyệt.')).toBeVisible();
	await trainer.reload();
	await expect(trainer.getByTestId('review-status')).toContainText('Chờ duyệt');

	// Not approved: no learner sees it.
	expect((await learner.goto(`/courses/${SLUG}`))?.status()).toBe(404);
	await learner.goto('/courses');
	await expect(learner.getByRole('link', { name: TITLE })).toHaveCount(0);

	// The administrator finds it in the queue and reads the diff.
	await admin.goto('/review');
	expect(await pageProblems(admin)).toEqual([]);
	await openReview(admin, TITLE);
	await expect(admin.getByText('Bẫy hơi hỏng xả hơi liên tục.')).toBeVisible();
	expect(await pageProblems(admin)).toEqual([]);

	// Sending back needs comments.
	await admin.getByRole('button', { name: 'Trả lại để sửa' }).click();
	await expect(admin.getByText('Hãy ghi ý kiến để người soạn biết cần sửa gì.')).toBeVisible();
	const comment = 'Hãy thêm cách nghe tiếng bẫy hơi bằng ống nghe.';
	await admin.getByLabel('Ý kiến của người duyệt').fill(comment);
	await admin.getByRole('button', { name: 'Trả lại để sửa' }).click();
	await expect(
		admin.getByText('Đã trả lại để sửa. Người soạn sẽ thấy ý kiến của bạn.')
	).toBeVisible();
	expect((await learner.goto(`/courses/${SLUG}`))?.status()).toBe(404);

	// The trainer sees the comments in the editor, fixes the lesson and sends it again, without
	// JavaScript.
	await trainer.goto(`/author/${SLUG}`);
	await expect(trainer.getByTestId('review-status')).toContainText(comment);
	expect(await pageProblems(trainer)).toEqual([]);
	await writeLesson(
		trainer,
		'## Bẫy hơi\n\nBẫy hơi hỏng xả hơi liên tục.\n\nNghe bằng ống nghe khi xưởng nghỉ.\n',
		'Nghe bằng ống nghe'
	);
	const plainTrainer = await withoutScript(browser, trainerContext);
	await plainTrainer.goto(`/author/${SLUG}`);
	await plainTrainer.getByRole('button', { name: 'Gửi duyệt' }).click();
	await expect(plainTrainer.getByText('Đã gửi duyệt.')).toBeVisible();
	expect((await learner.goto(`/courses/${SLUG}`))?.status()).toBe(404);

	// The administrator approves, without JavaScript too.
	const plainAdmin = await withoutScript(browser, adminContext);
	await openReview(plainAdmin, TITLE);
	await expect(plainAdmin.getByText('Nghe bằng ống nghe khi xưởng nghỉ.')).toBeVisible();
	await plainAdmin.getByRole('button', { name: 'Duyệt và xuất bản' }).click();
	await expect(
		plainAdmin.getByText('Đã duyệt. Phiên bản 1 đã được xuất bản cho cả tỉnh.')
	).toBeVisible();

	// Now the learner finds it, opens it and reads the approved lesson.
	await learner.goto('/courses');
	await learner.getByRole('link', { name: TITLE }).click();
	await expect(learner.getByRole('heading', { level: 1, name: TITLE })).toBeVisible();
	await enrol(learner);
	await learner.goto(`/courses/${SLUG}/kiem-tra-bay-hoi`);
	await expect(learner.getByText('Nghe bằng ống nghe khi xưởng nghỉ.')).toBeVisible();

	// The editor says it was approved; the queue no longer lists it.
	await trainer.goto(`/author/${SLUG}`);
	await expect(trainer.getByTestId('review-status')).toContainText('đã được duyệt');
	await admin.goto('/review');
	await expect(admin.getByRole('link', { name: TITLE })).toHaveCount(0);
});

test('a reviewer appointed by the administrator finds the review queue in the menu', async ({
	browser
}) => {
	test.setTimeout(120_000);
	const centre = `Sở duyệt ${Date.now()}`;
	const reviewerContext = await browser.newContext({ viewport: PHONE });
	const reviewer = await reviewerContext.newPage();
	const account = newAccount('nd');
	account.fullName = 'Phạm Thị Người Duyệt';
	await signUp(reviewer, account);
	const admin = await (await browser.newContext()).newPage();
	await signIn(admin, ADMIN.email, ADMIN.password);
	await addOrganisation(admin, centre);
	await openUser(admin, account.identifier, account.fullName);
	await admin.getByRole('combobox', { name: 'Vai trò' }).selectOption('reviewer');
	await admin.getByLabel('Tại đơn vị').selectOption({ label: centre });
	await admin.getByRole('button', { name: 'Giao vai trò' }).click();
	await expect(admin.getByText(`Người duyệt khóa học tại ${centre}`)).toBeVisible();

	await reviewer.goto('/courses');
	await reviewer.getByRole('button', { name: 'Menu' }).click();
	await reviewer.getByRole('link', { name: 'Duyệt khóa học' }).click();
	await expect(reviewer.getByRole('heading', { level: 1, name: 'Duyệt khóa học' })).toBeVisible();
	expect(await pageProblems(reviewer)).toEqual([]);
});
