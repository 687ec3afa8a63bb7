import type { Browser, Page } from '@playwright/test';
import {
	ADMIN,
	enrol,
	expect,
	newAccount,
	seriousViolations,
	signIn,
	signUp,
	test,
	openUser
} from './fixtures';
import { takeQuiz } from './quiz-helpers';
import { approveCourse } from './review-helpers';

const TITLE = 'Tiết kiệm khí nén trong xưởng';
const SLUG = 'tiet-kiem-khi-nen-trong-xuong';

/** The administrator makes an account a trainer in a new organisation. */
async function appointTrainer(page: Page, organisation: string, identifier: string, name: string) {
	await page.goto('/admin/organisations');
	await page.getByLabel('Tên đơn vị').fill(organisation);
	await page.getByLabel('Loại đơn vị').selectOption('school');
	await page.getByRole('button', { name: 'Thêm đơn vị' }).click();
	await expect(page.getByRole('cell', { name: organisation })).toBeVisible();
	await openUser(page, identifier, name);
	await page.getByRole('combobox', { name: 'Vai trò' }).selectOption('trainer');
	await page.getByLabel('Tại đơn vị').selectOption({ label: organisation });
	await page.getByRole('button', { name: 'Giao vai trò' }).click();
	await expect(page.getByText(`Giảng viên tại ${organisation}`)).toBeVisible();
}

async function newTrainer(browser: Browser) {
	const context = await browser.newContext();
	const page = await context.newPage();
	const account = newAccount('gv');
	account.fullName = 'Lê Thị Giảng Viên';
	await signUp(page, account);
	const admin = await (await browser.newContext()).newPage();
	await signIn(admin, ADMIN.email, ADMIN.password);
	await appointTrainer(
		admin,
		`Trường nghề ${account.identifier}`,
		account.identifier,
		account.fullName
	);
	await admin.context().close();
	return { page, account };
}

/** Writes a lesson's text in the editor, waits for the live preview, and saves the draft. */
async function writeLesson(page: Page, lessonTitle: string, body: string, previewText: string) {
	await page.goto(`/author/${SLUG}`);
	await page.getByRole('link', { name: lessonTitle, exact: true }).click();
	await page.getByLabel('Nội dung bài học').fill(body);
	await expect(page.locator('.preview article')).toContainText(previewText);
	await page.getByRole('button', { name: 'Lưu bản nháp' }).click();
	await expect(page.getByText('Đã lưu bản nháp.')).toBeVisible();
}

test('a trainer writes a course in the browser, it is approved, a learner takes it, and a second approved version keeps the earlier attempt', async ({
	browser
}) => {
	test.setTimeout(180_000);
	const quiz = {
		questions: [
			{ id: 'ro-ri', type: 'true_false', text: 'Rò rỉ khí nén làm tốn tiền điện.', answer: true },
			{ id: 'loc', type: 'true_false', text: 'Lọc gió không cần vệ sinh.', answer: false }
		]
	};
	const { page } = await newTrainer(browser);

	await page.goto('/author');
	expect(await seriousViolations(page)).toEqual([]);
	await page.getByLabel('Tên khóa học').fill(TITLE);
	await page
		.getByLabel('Giới thiệu ngắn')
		.fill('Khóa học ngắn cho tổ trưởng xưởng về rò rỉ khí nén.');
	await page.getByLabel('Cán bộ tác nghiệp, người lao động').check();
	await page.getByRole('checkbox', { name: /^1b: / }).check();
	await page.getByRole('button', { name: 'Tạo khóa học' }).click();
	await page.waitForURL(`**/author/${SLUG}`);
	expect(await seriousViolations(page)).toEqual([]);

	for (const lesson of ['Rò rỉ khí nén', 'Bảo trì máy nén']) {
		await page.getByLabel('Tên bài học').fill(lesson);
		await page.getByRole('button', { name: 'Thêm bài', exact: true }).click();
		await expect(page.getByText(`Đã thêm bài “${lesson}”.`)).toBeVisible();
	}
	await writeLesson(
		page,
		'Rò rỉ khí nén',
		'## Vì sao rò rỉ tốn tiền\n\nMột lỗ rò 3 mm làm mất **hàng chục triệu đồng** mỗi năm.\n\n<Callout type="tip" title="Mẹo">\nNghe tiếng xì khi xưởng nghỉ.\n</Callout>\n',
		'Nghe tiếng xì khi xưởng nghỉ.'
	);
	expect(await seriousViolations(page)).toEqual([]);
	await writeLesson(
		page,
		'Bảo trì máy nén',
		'## Lịch bảo trì\n\nVệ sinh lọc gió mỗi tuần.\n\n<PaybackCalculator investment={12000000} saving={6000000} />\n',
		'Tính thời gian hoàn vốn'
	);

	// A script in a lesson is refused with its line, and nothing runs in the preview.
	await page.getByLabel('Nội dung bài học').fill('Chữ <img src=x onerror="window.__xss=1">\n');
	await expect(page.getByText('Không được dùng thuộc tính sự kiện onerror.')).toBeVisible();
	expect(await page.evaluate(() => (window as { __xss?: number }).__xss)).toBeUndefined();
	page.once('dialog', (d) => d.accept());
	await page.goto(`/author/${SLUG}`);

	// A quiz of two true/false questions, written through the quiz editor's forms.
	await page.getByLabel('Tên bài kiểm tra mới').fill('Kiểm tra cuối khóa');
	await page.getByRole('button', { name: 'Thêm bài kiểm tra' }).click();
	await expect(page.getByText('Đã thêm bài kiểm tra “Kiểm tra cuối khóa”.')).toBeVisible();
	await page.getByRole('link', { name: 'Kiểm tra cuối khóa' }).click();
	await page.waitForURL(`**/author/${SLUG}/quizzes/kiem-tra-cuoi-khoa`);
	const quizEditor = page.url();
	expect(await seriousViolations(page)).toEqual([]);
	for (const q of quiz.questions) {
		await page.goto(quizEditor);
		await page.getByLabel('Loại câu hỏi').selectOption('true_false');
		await page.getByRole('button', { name: 'Thêm câu hỏi' }).click();
		await page.getByLabel('Nội dung câu hỏi').fill(q.text);
		await page
			.getByRole('group', { name: 'Đáp án đúng' })
			.getByLabel(q.answer ? 'Đúng' : 'Sai', { exact: true })
			.check();
		expect(await seriousViolations(page)).toEqual([]);
		await page.getByRole('button', { name: 'Lưu câu hỏi' }).click();
		await expect(page.getByText('Đã lưu câu hỏi.')).toBeVisible();
	}
	await page.goto(`/author/${SLUG}`);

	// Province-wide, the course goes to review first; the administrator approves it.
	await page.getByRole('button', { name: 'Gửi duyệt' }).click();
	await expect(page.getByText('Đã gửi duyệt.')).toBeVisible();
	const admin = await (await browser.newContext()).newPage();
	await signIn(admin, ADMIN.email, ADMIN.password);
	await approveCourse(admin, TITLE, 1);

	// A learner enrols, reads, and passes the quiz.
	const learner = await (await browser.newContext()).newPage();
	await signUp(learner);
	await learner.goto(`/courses/${SLUG}`);
	await expect(learner.getByRole('heading', { level: 1, name: TITLE })).toBeVisible();
	await enrol(learner);
	await learner.goto(`/courses/${SLUG}/ro-ri-khi-nen`);
	await expect(learner.getByText('Nghe tiếng xì khi xưởng nghỉ.')).toBeVisible();
	await learner.goto(`/courses/${SLUG}/quiz/kiem-tra-cuoi-khoa`);
	await learner.getByRole('button', { name: 'Bắt đầu làm bài' }).click();
	await takeQuiz(learner, quiz, true);
	await expect(learner.getByText('Chúc mừng, bạn đã đạt!')).toBeVisible();
	const attempt = learner.url();

	// The trainer rewrites the first question and publishes again.
	await page.goto(quizEditor);
	await page.getByRole('link', { name: 'Sửa câu 1' }).click();
	await page
		.getByLabel('Nội dung câu hỏi')
		.fill('Câu hỏi đã được viết lại sau khi học viên làm bài.');
	await page.getByRole('button', { name: 'Lưu câu hỏi' }).click();
	await expect(page.getByText('Đã lưu câu hỏi.')).toBeVisible();
	await page.goto(`/author/${SLUG}`);
	await page.getByRole('button', { name: 'Gửi duyệt' }).click();
	await expect(page.getByText('Đã gửi duyệt.')).toBeVisible();
	await approveCourse(admin, TITLE, 2);
	await page.goto(`/author/${SLUG}/history`);
	await expect(page.getByRole('cell', { name: 'Lê Thị Giảng Viên' }).first()).toBeVisible();
	expect(await seriousViolations(page)).toEqual([]);

	// The earlier attempt still reviews with the questions it was taken on.
	await learner.goto(attempt);
	await expect(learner.getByText(quiz.questions[0].text)).toBeVisible();
	await expect(learner.getByText('Câu hỏi đã được viết lại')).toHaveCount(0);
});

test('without JavaScript a trainer previews and saves a lesson, and a second save from an older copy shows both versions', async ({
	browser
}) => {
	test.setTimeout(120_000);
	const { page: scripted } = await newTrainer(browser);
	await scripted.goto('/author');
	await scripted.getByLabel('Tên khóa học').fill('Nước trong chế biến thủy sản');
	await scripted.getByLabel('Giới thiệu ngắn').fill('Đo và giảm nước dùng ở xưởng.');
	await scripted.getByLabel('Cán bộ tác nghiệp, người lao động').check();
	await scripted.getByRole('checkbox', { name: /^1b: / }).check();
	await scripted.getByRole('button', { name: 'Tạo khóa học' }).click();
	await scripted.waitForURL('**/author/nuoc-trong-che-bien-thuy-san');
	await scripted.getByLabel('Tên bài học').fill('Đo nước');
	await scripted.getByRole('button', { name: 'Thêm bài', exact: true }).click();
	await expect(scripted.getByText('Đã thêm bài “Đo nước”.')).toBeVisible();
	const cookies = await scripted.context().cookies();

	const open = async () => {
		const context = await browser.newContext({ javaScriptEnabled: false });
		await context.addCookies(cookies);
		const page = await context.newPage();
		await page.goto('/author/nuoc-trong-che-bien-thuy-san/lessons/do-nuoc');
		return page;
	};
	const first = await open();
	const second = await open();

	await first
		.getByLabel('Nội dung bài học')
		.fill('## Đồng hồ nước\n\nLắp đồng hồ cho từng công đoạn.\n');
	await first.getByRole('button', { name: 'Xem trước' }).click();
	await expect(first.locator('.preview article')).toContainText('Lắp đồng hồ cho từng công đoạn.');
	await first.getByRole('button', { name: 'Lưu bản nháp' }).click();
	await expect(first.getByText('Đã lưu bản nháp.')).toBeVisible();

	// The second page was opened before the first saved: its save is refused and both are shown.
	await second.getByLabel('Nội dung bài học').fill('## Nước rửa\n\nDùng vòi phun áp lực cao.\n');
	await second.getByRole('button', { name: 'Lưu bản nháp' }).click();
	await expect(
		second.getByRole('heading', { name: 'Bài học vừa được người khác lưu' })
	).toBeVisible();
	await expect(second.locator('#theirs')).toHaveValue(/Lắp đồng hồ cho từng công đoạn/);
	await expect(second.getByLabel('Nội dung bài học')).toHaveValue(/Dùng vòi phun áp lực cao/);
	await second.getByRole('button', { name: 'Lưu bản của tôi, thay bản kia' }).click();
	await expect(second.getByText('Đã lưu bản nháp.')).toBeVisible();
	await first.goto('/author/nuoc-trong-che-bien-thuy-san/lessons/do-nuoc');
	await expect(first.getByLabel('Nội dung bài học')).toHaveValue(/Dùng vòi phun áp lực cao/);
});
