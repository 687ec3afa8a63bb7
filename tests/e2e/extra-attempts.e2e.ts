import type { Locator, Page } from '@playwright/test';
import { ADMIN, enrol, expect, seriousViolations, signIn, signUp, test } from './fixtures';
import { readQuiz, takeQuiz } from './quiz-helpers';

const QUIZ = '/courses/sxsh-tai-co-so-san-xuat/quiz/kiem-tra-cuoi-khoa';
const ANSWERS = readQuiz('courses/sxsh-tai-co-so-san-xuat/kiem-tra-cuoi-khoa.quiz.yaml');

/** Page object: the learner's quiz page. */
class QuizPage {
	constructor(private page: Page) {}
	async goto() {
		await this.page.goto(QUIZ);
	}
	/** Starts (or retries) an attempt and hands it in with every answer wrong. */
	async failAttempt(number: number) {
		await this.page
			.getByRole('button', { name: number === 1 ? 'Bắt đầu làm bài' : 'Làm lại' })
			.click();
		await takeQuiz(this.page, ANSWERS, false);
		await expect(this.page.getByRole('heading', { name: `Kết quả lần ${number}` })).toBeVisible();
		await this.goto();
	}
}

/** Page object: the quiz statistics, where a trainer gives a learner more attempts. */
class StatisticsPage {
	constructor(private page: Page) {}
	async goto() {
		await this.page.goto(`${QUIZ}/statistics`);
	}
	/** The card of a learner out of attempts, with its form. */
	card(identifier: string): Locator {
		return this.page.getByRole('listitem').filter({ hasText: identifier });
	}
	async grant(identifier: string, extra: string, reason = '') {
		const card = this.card(identifier);
		await card.getByLabel('Số lượt cho thêm').fill(extra);
		await card.getByLabel(/^Lý do/).fill(reason);
		await card.getByRole('button', { name: 'Cho thêm lượt làm bài' }).click();
	}
}

test('a trainer gives a learner out of attempts one more, with and without JavaScript', async ({
	browser
}) => {
	// Five attempts and two visits by the administrator.
	test.setTimeout(180_000);
	const learnerPage = await (await browser.newContext()).newPage();
	const learner = await signUp(learnerPage);
	await learnerPage.goto('/courses/sxsh-tai-co-so-san-xuat');
	await enrol(learnerPage);
	const quiz = new QuizPage(learnerPage);
	await quiz.goto();
	for (const number of [1, 2, 3]) await quiz.failAttempt(number);
	await expect(learnerPage.getByText('Bạn đã dùng hết số lần làm bài.')).toBeVisible();
	await expect(learnerPage.getByText(/hãy liên hệ giảng viên/)).toBeVisible();

	// Without JavaScript: a wrong number is refused beside the field and kept; then one is given.
	const plain = await browser.newContext({ javaScriptEnabled: false });
	const adminPage = await plain.newPage();
	await signIn(adminPage, ADMIN.email, ADMIN.password);
	const statistics = new StatisticsPage(adminPage);
	await statistics.goto();
	await expect(
		adminPage.getByRole('row', { name: new RegExp(learner.identifier) }).getByText('Đã hết lượt')
	).toBeVisible();
	await statistics.grant(learner.identifier, '11', 'Mất điện giữa giờ');
	const card = statistics.card(learner.identifier);
	await expect(card.getByText('Số lượt cho thêm phải là số nguyên từ 1 đến 10.')).toBeVisible();
	await expect(card.getByLabel('Số lượt cho thêm')).toHaveValue('11');
	await expect(card.getByLabel(/^Lý do/)).toHaveValue('Mất điện giữa giờ');
	await statistics.grant(learner.identifier, '1', 'Mất điện giữa giờ');
	await expect(
		adminPage.getByText(`Đã cho thêm 1 lượt làm bài cho ${learner.fullName}.`)
	).toBeVisible();
	await expect(statistics.card(learner.identifier)).toHaveCount(0);

	// The learner sees the extra attempt, makes it, and is out again.
	await quiz.goto();
	await expect(learnerPage.getByText('Được cho thêm 1 lượt làm bài')).toBeVisible();
	await expect(learnerPage.getByText('Còn 1 lần làm bài.')).toBeVisible();
	await quiz.failAttempt(4);
	await expect(learnerPage.getByText('Bạn đã dùng hết số lần làm bài.')).toBeVisible();

	// With JavaScript: the form is sent in place and the page says what was done.
	const scriptedPage = await (await browser.newContext()).newPage();
	await signIn(scriptedPage, ADMIN.email, ADMIN.password);
	const scripted = new StatisticsPage(scriptedPage);
	await scripted.goto();
	expect(await seriousViolations(scriptedPage)).toEqual([]);
	await scripted.grant(learner.identifier, '2');
	await expect(
		scriptedPage.getByText(`Đã cho thêm 2 lượt làm bài cho ${learner.fullName}.`)
	).toBeVisible();
	await expect(scripted.card(learner.identifier)).toHaveCount(0);
	await expect(
		scriptedPage.getByRole('row', { name: new RegExp(learner.identifier) })
	).toContainText('4/6');

	await quiz.goto();
	await expect(learnerPage.getByText('Được cho thêm 3 lượt làm bài')).toBeVisible();
	await expect(learnerPage.getByText('Còn 2 lần làm bài.')).toBeVisible();

	// A learner may not open the page, let alone give themselves attempts.
	expect((await learnerPage.request.get(`${QUIZ}/statistics`)).status()).toBe(404);
});
