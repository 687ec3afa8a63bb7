import { readdirSync } from 'node:fs';
import { ADMIN, enrol, expect, seriousViolations, signIn, signUp, test } from './fixtures';
import {
	answerPage,
	confirmHandIn,
	readQuiz,
	scrollsSideways,
	secrets,
	SHORT_QUIZ,
	takeQuiz
} from './quiz-helpers';

const FINAL = 'courses/sxsh-tai-co-so-san-xuat/kiem-tra-cuoi-khoa.quiz.yaml';

test('a learner fails the final quiz, retries, passes, and completes the course', async ({
	page
}) => {
	// Two whole attempts and a certificate: longer than most journeys on a busy machine.
	test.slow();
	const quiz = readQuiz(FINAL);
	await signUp(page);
	await page.goto('/courses/sxsh-tai-co-so-san-xuat');
	await enrol(page);
	// In this course a lesson is done when its end is reached.
	for (const file of readdirSync('courses/sxsh-tai-co-so-san-xuat').filter((f) =>
		/^\d+-.*\.md$/.test(f)
	)) {
		await page.goto(`/courses/sxsh-tai-co-so-san-xuat/${file.replace(/^\d+-|\.md$/g, '')}`);
		await page.locator('.lesson-nav').scrollIntoViewIfNeeded();
		await expect(page.getByText('✓ Bạn đã học xong bài này.')).toBeVisible();
	}
	// Lessons alone do not complete a course with a required quiz.
	await expect(page.getByText('Chúc mừng! Bạn đã hoàn thành khóa học.')).toHaveCount(0);

	await page.goto('/courses/sxsh-tai-co-so-san-xuat/quiz/kiem-tra-cuoi-khoa');
	expect(await seriousViolations(page)).toEqual([]);
	await page.getByRole('button', { name: 'Bắt đầu làm bài' }).click();
	expect(await seriousViolations(page)).toEqual([]);
	await takeQuiz(page, quiz, false);
	await expect(page.getByText('Chưa đạt điểm yêu cầu (70%).')).toBeVisible();
	// The final shows its answers only after a pass or the last of its three attempts: a learner
	// cannot collect them from a failed attempt and pass the next by heart.
	await expect(page.getByRole('heading', { name: 'Xem lại bài làm' })).toBeVisible();
	await expect(page.getByText(/Đáp án sẽ được hiển thị/)).toBeVisible();
	await expect(page.getByText('Giải thích', { exact: true })).toHaveCount(0);
	expect(await seriousViolations(page)).toEqual([]);

	await page.getByRole('link', { name: '← Về bài kiểm tra' }).first().click();
	await page.getByRole('button', { name: 'Làm lại' }).click();
	await takeQuiz(page, quiz, true);
	await expect(page.getByText('Chúc mừng, bạn đã đạt!')).toBeVisible();
	await expect(page.getByText('Bạn đã hoàn thành khóa học!')).toBeVisible();
	// …and where the certificate is: its page, the PDF and the link to share.
	const certificate = page.getByRole('region', { name: 'Giấy chứng nhận của bạn' });
	const code = (
		await certificate.getByRole('link', { name: /\/verify\/[A-Z0-9]{12}$/ }).innerText()
	).match(/[A-Z0-9]{12}$/)![0];
	await expect(certificate.getByRole('link', { name: 'Xem giấy chứng nhận' })).toHaveAttribute(
		'href',
		`/verify/${code}`
	);
	const resultPdf = await page.request.get(
		(await certificate.getByRole('link', { name: 'Tải PDF' }).getAttribute('href'))!
	);
	expect(resultPdf.headers()['content-type']).toBe('application/pdf');
	expect(await seriousViolations(page)).toEqual([]);
	await certificate.getByRole('link', { name: 'Xem giấy chứng nhận' }).click();
	await expect(page.getByText('Sản xuất sạch hơn tại cơ sở sản xuất').first()).toBeVisible();
	await page.goBack();
	// Passed: now the review, with each question's explanation.
	await expect(page.getByText('Giải thích', { exact: true }).first()).toBeVisible();
	await page.goto('/dashboard');
	await expect(page.getByRole('heading', { name: 'Đã hoàn thành' })).toBeVisible();

	// The certificate: a PDF for the holder, and a public page at the address its QR code holds.
	await expect(page.getByRole('heading', { name: 'Giấy chứng nhận của tôi' })).toBeVisible();
	const pdfLink = page.getByRole('link', { name: 'Tải PDF' });
	const pdf = await page.request.get((await pdfLink.getAttribute('href'))!);
	expect(pdf.headers()['content-type']).toBe('application/pdf');
	expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
	// "Download my data" holds the learning record too.
	const mine = await (await page.request.get('/account/data')).json();
	expect(mine.learning.certificates).toHaveLength(1);
	expect(mine.learning.quizAttempts.map((a: { passed: boolean }) => a.passed)).toEqual([
		false,
		true
	]);
	expect(mine.learning.enrolments[0].completedAt).not.toBeNull();
	const verify = await page
		.getByRole('link', { name: /\/verify\/[A-Z0-9]{12}$/ })
		.getAttribute('href');
	const visitor = await (await page.context().browser()!.newContext()).newPage();
	await visitor.goto(verify!);
	await expect(visitor.getByText('Sản xuất sạch hơn tại cơ sở sản xuất').first()).toBeVisible();
	expect(await seriousViolations(visitor)).toEqual([]);
});

test('nothing the learner can fetch during an attempt carries answers, feedback or explanations', async ({
	page
}) => {
	const quiz = readQuiz(FINAL);
	const hidden = secrets(quiz);
	expect(hidden.length).toBeGreaterThan(5);
	await signUp(page);
	await page.goto('/courses/sxsh-tai-co-so-san-xuat');
	await enrol(page);
	await page.goto('/courses/sxsh-tai-co-so-san-xuat/quiz/kiem-tra-cuoi-khoa');
	await page.getByRole('button', { name: 'Bắt đầu làm bài' }).click();
	await page.waitForURL(/kiem-tra-cuoi-khoa\/[0-9a-f-]{36}$/);
	const attempt = new URL(page.url()).pathname;
	const pages = Number((await page.getByText(/Trang 1\/\d+/).innerText()).match(/\/(\d+)/)![1]);
	const urls = [
		'/courses/sxsh-tai-co-so-san-xuat',
		'/courses/sxsh-tai-co-so-san-xuat/quiz/kiem-tra-cuoi-khoa',
		'/courses/sxsh-tai-co-so-san-xuat/quiz/kiem-tra-cuoi-khoa/__data.json',
		'/dashboard',
		...Array.from({ length: pages }, (_, i) => `${attempt}?p=${i + 1}`),
		...Array.from({ length: pages }, (_, i) => `${attempt}/__data.json?p=${i + 1}`)
	];
	for (const url of urls) {
		const response = await page.request.get(url);
		expect(response.status(), url).toBe(200);
		const body = await response.text();
		for (const secret of hidden)
			expect(body, `${url} leaks "${secret.slice(0, 30)}…"`).not.toContain(secret);
		expect(body, url).not.toMatch(/"correct"\s*:|"accepted"|"explanation"|"feedback/);
	}
});

test('trainers see attempts and how each question performed, and can export them', async ({
	browser
}) => {
	const quiz = readQuiz('courses/sxsh-truong-nghe/kiem-tra-phan-1.quiz.yaml');
	const learnerPage = await (await browser.newContext()).newPage();
	const learner = await signUp(learnerPage);
	await learnerPage.goto('/courses/sxsh-truong-nghe');
	await enrol(learnerPage);
	await learnerPage.goto('/courses/sxsh-truong-nghe/quiz/kiem-tra-phan-1');
	await learnerPage.getByRole('button', { name: 'Bắt đầu làm bài' }).click();
	await takeQuiz(learnerPage, quiz, true);

	const page = await (await browser.newContext()).newPage();
	await signIn(page, ADMIN.email, ADMIN.password);
	await page.goto('/courses/sxsh-truong-nghe/quiz/kiem-tra-phan-1');
	await page.getByRole('link', { name: 'Thống kê bài kiểm tra' }).click();
	await expect(page.getByRole('cell', { name: new RegExp(learner.identifier) })).toBeVisible();
	await expect(page.getByText(/Độ dễ: \d/).first()).toBeVisible();
	expect(await seriousViolations(page)).toEqual([]);
	const csv = await page.request.get(
		'/courses/sxsh-truong-nghe/quiz/kiem-tra-phan-1/statistics.csv'
	);
	expect(csv.headers()['content-type']).toContain('text/csv');
	expect(await csv.text()).toContain(quiz.questions[0].text.slice(0, 30));

	// A learner cannot see them.
	const denied = await learnerPage.request.get(
		'/courses/sxsh-truong-nghe/quiz/kiem-tra-phan-1/statistics'
	);
	expect(denied.status()).toBe(404);
});

test('handing in with questions unanswered, or before the last page, asks first and says how many', async ({
	page
}) => {
	const quiz = readQuiz(SHORT_QUIZ);
	await page.setViewportSize({ width: 390, height: 844 });
	await signUp(page);
	await page.goto('/courses/sxsh-tai-co-so-san-xuat');
	await enrol(page);
	await page.goto('/courses/sxsh-tai-co-so-san-xuat/quiz/kiem-tra-phan-1');
	await page.getByRole('button', { name: 'Bắt đầu làm bài' }).click();
	await page.locator('fieldset.question').first().waitFor();
	const handIn = page.getByRole('button', { name: 'Nộp bài', exact: true });
	const dialog = page.getByRole('dialog', { name: 'Nộp bài ngay?' });

	// Nothing answered yet: all nine are counted, in place, and the safe choice has the focus.
	await handIn.click();
	await expect(dialog).toBeVisible();
	await expect(dialog.getByText('Còn 9 câu chưa trả lời. Nộp bài ngay?')).toBeVisible();
	await expect(dialog.getByRole('button', { name: 'Quay lại làm tiếp' })).toBeFocused();
	expect(await seriousViolations(page)).toEqual([]);
	expect(await scrollsSideways(page)).toBe(false);
	await page.screenshot({ path: test.info().outputPath('confirmation-390.png') });
	await dialog.getByRole('button', { name: 'Quay lại làm tiếp' }).click();
	await expect(dialog).toBeHidden();
	await expect(handIn).toBeFocused();

	// The answers on this page count at once, before they are saved.
	await answerPage(page, quiz, true);
	await handIn.click();
	await expect(dialog.getByText('Còn 4 câu chưa trả lời. Nộp bài ngay?')).toBeVisible();
	await page.keyboard.press('Escape');
	await expect(dialog).toBeHidden();

	// Everything answered, on the last page: handed in without a question.
	await page.getByRole('button', { name: 'Lưu, sang trang sau →' }).click();
	await page.waitForURL(/\?p=2$/);
	await answerPage(page, quiz, true);
	await page.getByRole('button', { name: '← Trang trước' }).click();
	await page.waitForURL(/\?p=1$/);
	await expect(page.getByText('Đã trả lời 9/9')).toBeVisible();
	// From the first page it still asks, though nothing is unanswered.
	await handIn.click();
	await expect(dialog.getByText(/Bạn mới ở trang 1\/2/)).toBeVisible();
	await confirmHandIn(page);
	await expect(page.getByRole('heading', { name: 'Kết quả lần 1' })).toBeVisible();
	await expect(page.getByText(/Bạn đạt .* \(100%\)\./)).toBeVisible();
});
