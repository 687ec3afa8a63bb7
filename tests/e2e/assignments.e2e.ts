import { readFileSync } from 'node:fs';
import type { Browser, Page } from '@playwright/test';
import { parse } from 'yaml';
import {
	ADMIN,
	addOrganisation,
	appoint,
	enrol,
	expect,
	newAccount,
	pageProblems,
	phone,
	signIn,
	signUp,
	test,
	type Account
} from './fixtures';
import { readQuiz, takeQuiz } from './quiz-helpers';

const COURSE = 'danh-gia-sxsh-tu-van-vien';
const KEY = 'TUVAN-SXSH-2026';
const PRACTICUM = `/courses/${COURSE}/assignment/thuc-hanh-danh-gia-co-so`;
const definition = parse(
	readFileSync(`courses/${COURSE}/thuc-hanh-danh-gia-co-so.assignment.yaml`, 'utf8')
) as { rubric: { criteria: { title: { vi: string } }[] } };
const CRITERIA = definition.rubric.criteria.map((c) => c.title.vi);

/** A small real PDF: the report handed in. */
const pdf = (title: string) => ({
	name: `${title}.pdf`,
	mimeType: 'application/pdf',
	buffer: Buffer.from(`%PDF-1.4\n% ${title}\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n`)
});

/** A learner with a name of their own: the grading queue lists work by name. */
function namedLearner(): Account {
	const account = newAccount();
	const letters = account.identifier
		.slice(-6)
		.replace(/[0-9a-f]/g, (c) => 'abcdefghiklmnopq'[parseInt(c, 16)]);
	return { ...account, fullName: `Lê Văn ${letters[0].toUpperCase()}${letters.slice(1)}` };
}

/** The consultants' course's first lesson (the modules' lessons are done with one button each). */
const FIRST_LESSON = `/courses/${COURSE}/sau-buoc-muoi-tam-nhiem-vu`;

/** A trainer of an organisation, appointed by the administrator to grade the consultants' course. */
async function appointedGrader(
	browser: Browser,
	admin: Page
): Promise<{ page: Page; account: Account }> {
	const page = await (await browser.newContext()).newPage();
	const account = await signUp(page, newAccount('gv'));
	const organisation = `Trung tâm chấm ${account.identifier}`;
	await addOrganisation(admin, organisation);
	await appoint(admin, account, 'trainer', organisation);
	await admin.goto(`/author/${COURSE}/graders`);
	await admin.getByLabel('E-mail hoặc tên đăng nhập').fill(account.identifier);
	await admin.getByRole('button', { name: 'Giao chấm bài' }).click();
	await expect(admin.getByText(`Đã giao ${account.fullName} chấm bài của khóa.`)).toBeVisible();
	return { page, account };
}

/** The grader opens the learner's newest submission from the queue and marks every criterion. */
async function mark(grader: Page, learner: Account, level: number, comment: string) {
	await grader.goto('/grading');
	await grader.getByRole('link', { name: learner.fullName, exact: true }).first().click();
	for (const criterion of CRITERIA)
		await grader.getByRole('group', { name: criterion }).getByRole('radio').nth(level).check();
	await grader.getByRole('group', { name: CRITERIA[2] }).getByRole('textbox').fill(comment);
	await grader
		.getByRole('textbox', { name: 'Nhận xét chung', exact: true })
		.fill(`${comment} (chung)`);
}

test('a consultant trainee hands in the practicum, is returned with comments, resubmits, passes, and the certificate verifies', async ({
	browser
}) => {
	test.setTimeout(240_000);
	const admin = await (await browser.newContext()).newPage();
	await signIn(admin, ADMIN.email, ADMIN.password);
	const grader = await appointedGrader(browser, admin);

	const page = await phone(browser);
	const learner = await signUp(page, namedLearner());
	await page.goto(`/courses/${COURSE}`);
	await page.getByLabel('Mã ghi danh').fill(KEY);
	await enrol(page);
	// Every lesson, then the final quiz: the practicum is what is left.
	await page.goto(FIRST_LESSON);
	for (;;) {
		const next = page.getByRole('button', { name: 'Học xong, sang bài tiếp' });
		if ((await next.count()) === 0) break;
		const heading = await page.getByRole('heading', { level: 1 }).textContent();
		await next.click();
		await expect(page.getByRole('heading', { level: 1 })).not.toHaveText(heading ?? '');
	}
	await page.getByRole('button', { name: 'Học xong bài cuối' }).click();
	await expect(page.getByText('✓ Bạn đã học xong bài này.')).toBeVisible();
	await page.goto(`/courses/${COURSE}/quiz/kiem-tra-cuoi-khoa`);
	await page.getByRole('button', { name: 'Bắt đầu làm bài' }).click();
	await takeQuiz(page, readQuiz(`courses/${COURSE}/kiem-tra-cuoi-khoa.quiz.yaml`), true);
	await page.goto(`/courses/${COURSE}`);
	await expect(page.getByText('Bạn đã hoàn thành khóa học này')).toHaveCount(0);

	// The worksheet downloads; the report is handed in.
	await page.goto(PRACTICUM);
	expect(await pageProblems(page)).toEqual([]);
	const worksheet = page.locator('a[href$=".xlsx"]').first();
	const response = await page.request.get((await worksheet.getAttribute('href'))!);
	expect(response.status()).toBe(200);
	expect(response.headers()['content-type']).toContain('spreadsheetml');
	await page.getByLabel('Chọn tệp để nộp').setInputFiles(pdf('bao-cao-lan-1'));
	await page.getByRole('button', { name: 'Nộp bài' }).click();
	await expect(page.getByText('Đã nộp, đang chờ chấm')).toBeVisible();

	// The grader returns it with comments (the queue and the grading page checked as they are used).
	await grader.page.goto('/grading');
	expect(await pageProblems(grader.page)).toEqual([]);
	await mark(grader.page, learner, 1, 'Cân bằng nước chưa nêu phần chưa xác định.');
	expect(await pageProblems(grader.page)).toEqual([]);
	await grader.page.getByRole('button', { name: 'Trả lại để sửa' }).click();
	await expect(grader.page.getByText('Đã trả lại để sửa').first()).toBeVisible();

	// The learner reads the comments and hands in again.
	await page.goto(PRACTICUM);
	await expect(page.getByText('Trả về để sửa').first()).toBeVisible();
	await expect(page.getByText('Cân bằng nước chưa nêu phần chưa xác định.').first()).toBeVisible();
	await page.getByLabel('Chọn tệp để nộp').setInputFiles(pdf('bao-cao-lan-2'));
	await page.getByRole('button', { name: 'Nộp bài' }).click();
	await expect(page.getByText('Đã nộp, đang chờ chấm')).toBeVisible();

	// The grader grades it passed: the course completes.
	await mark(grader.page, learner, 3, 'Báo cáo đầy đủ.');
	await grader.page.getByRole('button', { name: 'Chấm xong' }).click();
	await expect(grader.page.getByText(/Đã chấm: 21\/21 điểm, đạt/).first()).toBeVisible();

	await page.goto(PRACTICUM);
	await expect(page.getByText('21/21 điểm').first()).toBeVisible();
	await page.goto(`/courses/${COURSE}`);
	await expect(page.getByText('Bạn đã hoàn thành khóa học này')).toBeVisible();
	await page.getByRole('link', { name: 'Xem giấy chứng nhận' }).click();
	await expect(page).toHaveURL(/\/verify\/[^/?#]+$/);
	const code = page.url().split('/').pop()!;
	const visitor = await (await browser.newContext()).newPage();
	await visitor.goto(`/verify/${code}`);
	await expect(visitor.getByText(learner.fullName)).toBeVisible();
	await expect(visitor.getByText(/21\/21/)).toBeVisible();
});

test('the practicum is handed in, returned and handed in again with JavaScript off', async ({
	browser
}) => {
	const admin = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
	await signIn(admin, ADMIN.email, ADMIN.password);
	const page = await phone(browser, false);
	const learner = await signUp(page, namedLearner());
	await page.goto(`/courses/${COURSE}`);
	await page.getByLabel('Mã ghi danh').fill(KEY);
	await enrol(page);

	await page.goto(PRACTICUM);
	await page.getByLabel(/Bài viết/).fill('Cơ sở chế biến thạch dừa, 12 lao động.');
	await page.getByLabel('Chọn tệp để nộp').setInputFiles(pdf('ban-nhap'));
	await page.getByRole('button', { name: 'Lưu nháp' }).click();
	await expect(page.getByText('Đã lưu bản nháp.')).toBeVisible();
	// A file whose bytes are not a PDF is refused by name, whatever it is called.
	await page.getByLabel('Chọn tệp để nộp').setInputFiles({
		name: 'gia-mao.pdf',
		mimeType: 'application/pdf',
		buffer: Buffer.from('<html><script>alert(1)</script></html>')
	});
	await page.getByRole('button', { name: 'Nộp bài' }).click();
	await expect(page.getByText(/Tệp «gia-mao\.pdf» không phải là tệp/)).toBeVisible();
	await page.getByRole('button', { name: 'Nộp bài' }).click();
	await expect(page.getByText('Đã nộp, đang chờ chấm')).toBeVisible();

	// The administrator grades every course: returns it, without JavaScript too.
	await mark(admin, learner, 0, 'Chưa có sơ đồ dòng.');
	await admin.getByRole('button', { name: 'Trả lại để sửa' }).click();
	await expect(admin.getByText('Đã trả lại để sửa').first()).toBeVisible();

	await page.goto(PRACTICUM);
	await expect(page.getByText('Chưa có sơ đồ dòng.').first()).toBeVisible();
	await page.getByLabel('Chọn tệp để nộp').setInputFiles(pdf('ban-sua'));
	await page.getByRole('button', { name: 'Nộp bài' }).click();
	await expect(page.getByText('Đã nộp, đang chờ chấm')).toBeVisible();
});
