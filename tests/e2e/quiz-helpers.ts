import { readFileSync } from 'node:fs';
import { expect, type Page } from '@playwright/test';
import { parse } from 'yaml';

interface QuizQuestion {
	id: string;
	type: string;
	text: string;
	explanation?: string;
	options?: { text: string; correct?: boolean; feedback?: string }[];
	answer?: boolean | number;
	accepted?: string[];
	items?: string[];
	pairs?: { left: string; right: string }[];
	feedbackTrue?: string;
	feedbackFalse?: string;
}

/** A shipped quiz file, read as the test's answer sheet. */
export function readQuiz(path: string): { questions: QuizQuestion[] } {
	return parse(readFileSync(path, 'utf8'));
}

/** Every text that must never reach the browser before an attempt is submitted. */
export function secrets(quiz: { questions: QuizQuestion[] }): string[] {
	return quiz.questions.flatMap((q) =>
		[
			q.explanation,
			q.feedbackTrue,
			q.feedbackFalse,
			...(q.options ?? []).map((o) => o.feedback)
		].filter((s): s is string => Boolean(s))
	);
}

/** Answers every question on the current page, rightly or wrongly. */
export async function answerPage(
	page: Page,
	quiz: { questions: QuizQuestion[] },
	rightly: boolean
) {
	const fieldsets = page.locator('fieldset.question');
	for (let i = 0; i < (await fieldsets.count()); i++) {
		const fieldset = fieldsets.nth(i);
		const text = (await fieldset.locator('p.text').innerText()).trim();
		const q = quiz.questions.find((x) => x.text.trim() === text);
		if (!q) throw new Error(`question not in the quiz file: ${text}`);
		switch (q.type) {
			case 'single':
			case 'multiple':
				for (const option of q.options ?? []) {
					if (Boolean(option.correct) === rightly) {
						await fieldset.getByLabel(option.text, { exact: true }).check();
						if (q.type === 'single') break;
					}
				}
				break;
			case 'true_false':
				await fieldset.getByLabel(q.answer === rightly ? 'Đúng' : 'Sai', { exact: true }).check();
				break;
			case 'numeric':
				await fieldset
					.getByRole('textbox')
					.fill(rightly ? String(q.answer).replace('.', ',') : '99999');
				break;
			case 'short':
				await fieldset.getByRole('textbox').fill(rightly ? q.accepted![0] : 'không biết');
				break;
			case 'ordering': {
				const selects = fieldset.locator('select');
				for (let r = 0; r < (await selects.count()); r++) {
					const label = (await fieldset.locator('.rows label').nth(r).innerText()).trim();
					const place = q.items!.indexOf(label) + 1;
					await selects
						.nth(r)
						.selectOption(String(rightly ? place : (place % q.items!.length) + 1));
				}
				break;
			}
			case 'matching': {
				const selects = fieldset.locator('select');
				for (let r = 0; r < (await selects.count()); r++) {
					const left = (await fieldset.locator('.rows label').nth(r).innerText()).trim();
					const pair = q.pairs!.find((p) => p.left === left)!;
					const wrong = q.pairs!.find((p) => p.left !== left)!;
					await selects.nth(r).selectOption({ label: rightly ? pair.right : wrong.right });
				}
				break;
			}
		}
	}
}

/**
 * The confirmation before a hand-in: the dialog with JavaScript, the server's page without. The
 * two are worded alike.
 */
export function handInConfirmation(page: Page) {
	return page
		.getByRole('dialog', { name: 'Nộp bài ngay?' })
		.or(page.getByRole('region', { name: 'Nộp bài ngay?' }));
}

/** Hands in from the confirmation, saying yes. */
export async function confirmHandIn(page: Page) {
	await handInConfirmation(page).getByRole('button', { name: 'Nộp bài', exact: true }).click();
}

/** Answers every page and submits. */
export async function takeQuiz(page: Page, quiz: { questions: QuizQuestion[] }, rightly: boolean) {
	await page.waitForURL(/\/quiz\/[a-z0-9-]+\/[0-9a-f-]{36}/);
	for (;;) {
		await page.locator('fieldset.question').first().waitFor();
		await answerPage(page, quiz, rightly);
		const next = page.getByRole('button', { name: 'Lưu, sang trang sau →' });
		if ((await next.count()) === 0) break;
		const before = page.url();
		await next.click();
		await page.waitForURL((url) => url.toString() !== before);
	}
	await page.getByRole('button', { name: 'Nộp bài' }).click();
	// A question a wrong answer leaves blank (every option of a choice question right) is asked about.
	const result = page.getByRole('heading', { name: /Kết quả lần/ });
	await expect(result.or(handInConfirmation(page))).toBeVisible();
	if (await handInConfirmation(page).isVisible()) await confirmHandIn(page);
	await result.waitFor();
}

/** Whether the page is wider than the window, so that it scrolls sideways. */
export async function scrollsSideways(page: Page): Promise<boolean> {
	return page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
}

/** Signs-up learners start the short quiz of the factory course (nine questions, five a page). */
export const SHORT_QUIZ = 'courses/sxsh-tai-co-so-san-xuat/kiem-tra-phan-1.quiz.yaml';
