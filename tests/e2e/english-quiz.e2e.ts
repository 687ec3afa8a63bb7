import { enrol, expect, seriousViolations, signUp, test } from './fixtures';
import { readQuiz } from './quiz-helpers';

// The managers' course is offered in English: an English reader takes its quizzes in English, and
// the answers given on the English page are marked the same as on the Vietnamese one.

const QUIZ = 'courses/sxsh-can-bo-quan-ly/kiem-tra-phan-1.quiz.yaml';

interface EnglishQuestion {
	text: string;
	en?: { text: string };
}

test('an English reader takes the managers’ quiz in English', async ({ page }) => {
	const quiz = readQuiz(QUIZ) as unknown as { questions: EnglishQuestion[] };
	await signUp(page);
	await page.goto('/courses/sxsh-can-bo-quan-ly');
	await enrol(page);
	await page.getByRole('button', { name: 'English' }).click();
	await page.goto('/en/courses/sxsh-can-bo-quan-ly/quiz/kiem-tra-phan-1');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(/Quick check, part 1/);
	await page.getByRole('button', { name: 'Start the quiz' }).click();
	await page.waitForURL(/kiem-tra-phan-1\/[0-9a-f-]{36}$/);
	const shown = await page.locator('fieldset.question').allInnerTexts();
	expect(shown.length).toBeGreaterThan(0);
	for (const text of shown) {
		const question = quiz.questions.find((q) => q.en && text.includes(q.en.text.slice(0, 40)));
		expect(question, `an English question: ${text.slice(0, 80)}`).toBeTruthy();
		expect(text).not.toContain(question!.text.slice(0, 40));
	}
	expect(await seriousViolations(page)).toEqual([]);
});
