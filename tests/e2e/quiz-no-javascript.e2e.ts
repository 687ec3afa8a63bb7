import { enrol, expect, newAccount, SignUpPage, test } from './fixtures';
import { readQuiz, takeQuiz } from './quiz-helpers';

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
