import { enrol, expect, newAccount, seriousViolations, SignUpPage, test } from './fixtures';
import {
	answerPage,
	confirmHandIn,
	readQuiz,
	scrollsSideways,
	SHORT_QUIZ,
	takeQuiz
} from './quiz-helpers';

test.use({ javaScriptEnabled: false });

test('a quiz can be taken and passed with JavaScript disabled', async ({ page }) => {
	const quiz = readQuiz('courses/sxsh-tai-co-so-san-xuat/kiem-tra-phan-1.quiz.yaml');
	const signUp = new SignUpPage(page);
	await signUp.goto();
	await signUp.submit(newAccount('nojs-quiz'));
	await page.goto('/courses/sxsh-tai-co-so-san-xuat');
	await enrol(page);
	await page.goto('/courses/sxsh-tai-co-so-san-xuat/quiz/kiem-tra-phan-1');
	await page.getByRole('button', { name: 'Bắt đầu làm bài' }).click();
	await takeQuiz(page, quiz, true);
	await expect(page.getByText('Chúc mừng, bạn đã đạt!')).toBeVisible();
	await expect(page.getByText(/Bạn đạt .* \(100%\)\./)).toBeVisible();
});

test('without JavaScript, a hand-in with questions unanswered is asked about on its own page', async ({
	page,
	browser
}) => {
	const quiz = readQuiz(SHORT_QUIZ);
	await page.setViewportSize({ width: 390, height: 844 });
	const signUp = new SignUpPage(page);
	await signUp.goto();
	await signUp.submit(newAccount('nojs-confirm'));
	await page.goto('/courses/sxsh-tai-co-so-san-xuat');
	await enrol(page);
	await page.goto('/courses/sxsh-tai-co-so-san-xuat/quiz/kiem-tra-phan-1');
	await page.getByRole('button', { name: 'Bắt đầu làm bài' }).click();
	await page.locator('fieldset.question').first().waitFor();
	await answerPage(page, quiz, true);
	await page.getByRole('button', { name: 'Nộp bài', exact: true }).click();

	// Not handed in: the answers are saved and the page asks, with the count.
	const asking = page.getByRole('region', { name: 'Nộp bài ngay?' });
	await expect(asking.getByText('Còn 4 câu chưa trả lời. Nộp bài ngay?')).toBeVisible();
	await expect(page.getByRole('heading', { name: /Kết quả lần/ })).toHaveCount(0);
	expect(await scrollsSideways(page)).toBe(false);
	await page.screenshot({ path: test.info().outputPath('confirmation-390.png') });
	// axe runs in the page: it checks this page's markup, copied without scripts, where it can.
	const markup = (await page.content()).replace(/<script[\s\S]*?<\/script>/g, '');
	const checker = await (
		await browser.newContext({ viewport: { width: 390, height: 844 }, javaScriptEnabled: true })
	).newPage();
	await checker.goto('/');
	await checker.setContent(markup);
	await expect(checker.getByText('Còn 4 câu chưa trả lời. Nộp bài ngay?')).toBeVisible();
	expect(await seriousViolations(checker)).toEqual([]);
	await checker.context().close();

	// Going back finds the answers kept.
	await asking.getByRole('link', { name: 'Quay lại làm tiếp' }).click();
	await expect(page.getByText('Đã trả lời 5/9')).toBeVisible();
	await page.getByRole('button', { name: 'Nộp bài', exact: true }).click();
	await confirmHandIn(page);
	await expect(page.getByRole('heading', { name: 'Kết quả lần 1' })).toBeVisible();
});
