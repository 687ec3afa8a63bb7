import type { Page } from '@playwright/test';
import { enrol, expect, signUp, test } from './fixtures';
import { confirmHandIn } from './quiz-helpers';

// A number that reads two ways ("1.200" on a Vietnamese page: 1200 or 1,2) is asked for again
// beside the answer, keeping what was typed, and the attempt is not handed in until it is clear.

const QUIZ = '/courses/sxsh-tai-co-so-san-xuat/quiz/kiem-tra-phan-1';
const LEAK = 'Chỗ rò này mất bao nhiêu';
const ASKED = 'Chưa rõ “1.200” là 1200 hay 1,2.';

/** Starts the quick quiz and goes to the page with the leak question (120 litres an hour). */
async function leakQuestion(page: Page) {
	await signUp(page);
	await page.goto('/courses/sxsh-tai-co-so-san-xuat');
	await enrol(page);
	await page.goto(QUIZ);
	await page.getByRole('button', { name: 'Bắt đầu làm bài' }).click();
	await page.waitForURL(/kiem-tra-phan-1\/[0-9a-f-]{36}$/);
	// Nine questions, five a page, shuffled: the question is on page 1 or 2.
	const question = page.locator('fieldset.question', { hasText: LEAK });
	if ((await question.count()) === 0) {
		await page.getByRole('button', { name: 'Lưu, sang trang sau →' }).click();
		await page.waitForURL(/\?p=2$/);
	}
	await expect(question).toBeVisible();
	return question;
}

test('with JavaScript: said beside the answer once saved, and the hand-in waits for it', async ({
	page
}) => {
	const question = await leakQuestion(page);
	const answer = question.getByRole('textbox');
	await answer.fill('1.200');
	await answer.blur();
	// The autosave tells at once.
	await expect(question.getByText(ASKED)).toBeVisible();
	await page.getByRole('button', { name: 'Nộp bài' }).click();
	// The other questions are unanswered: the learner confirms, then the number is asked for again.
	await confirmHandIn(page);
	await expect(page.getByText('Bài chưa được nộp')).toBeVisible();
	await expect(answer).toHaveValue('1.200');
	await expect(answer).toHaveAttribute('aria-invalid', 'true');
	await answer.fill('120');
	await page.getByRole('button', { name: 'Nộp bài' }).click();
	await confirmHandIn(page);
	await expect(page.getByRole('heading', { name: 'Kết quả lần 1' })).toBeVisible();
});

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false });

	test('the hand-in comes back to the page with the question and what was typed', async ({
		page
	}) => {
		const question = await leakQuestion(page);
		await question.getByRole('textbox').fill('1.200');
		await page.getByRole('button', { name: 'Nộp bài' }).click();
		await confirmHandIn(page);
		await expect(page.getByText('Bài chưa được nộp')).toBeVisible();
		const again = page.locator('fieldset.question', { hasText: LEAK });
		await expect(again.getByText(ASKED)).toBeVisible();
		await expect(again.getByRole('textbox')).toHaveValue('1.200');
		await again.getByRole('textbox').fill('120');
		await page.getByRole('button', { name: 'Nộp bài' }).click();
		await confirmHandIn(page);
		await expect(page.getByRole('heading', { name: 'Kết quả lần 1' })).toBeVisible();
	});
});
