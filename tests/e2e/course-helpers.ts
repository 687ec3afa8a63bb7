import { readdirSync } from 'node:fs';
import { expect, type Page } from '@playwright/test';
import { readQuiz, takeQuiz } from './quiz-helpers';

/** A shipped course's lessons, in order, by slug (the Vietnamese files; English twins left out). */
export function lessonSlugs(course: string): string[] {
	return readdirSync(`courses/${course}`)
		.filter((file) => /^\d+-.*\.md$/.test(file) && !file.endsWith('.en.md'))
		.sort()
		.map((file) => file.replace(/^\d+-|\.md$/g, ''));
}

/**
 * The signed-in learner enrols, reads every lesson to its end and passes the final quiz, so the
 * course is completed and its certificate issued. For a course whose lessons are done on reaching
 * their end (sxsh-tai-co-so-san-xuat, sxsh-truong-nghe).
 */
export async function completeCourse(page: Page, course: string) {
	await page.goto(`/courses/${course}`);
	await page.getByRole('button', { name: 'Đăng ký học' }).click();
	await expect(page.getByText('Bạn đã đăng ký khóa học. Chúc bạn học tốt!')).toBeVisible();
	for (const lesson of lessonSlugs(course)) {
		await page.goto(`/courses/${course}/${lesson}`);
		await page.locator('.lesson-nav').scrollIntoViewIfNeeded();
		await expect(page.getByText('✓ Bạn đã học xong bài này.')).toBeVisible();
	}
	await page.goto(`/courses/${course}/quiz/kiem-tra-cuoi-khoa`);
	await page.getByRole('button', { name: 'Bắt đầu làm bài' }).click();
	await takeQuiz(page, readQuiz(`courses/${course}/kiem-tra-cuoi-khoa.quiz.yaml`), true);
	await expect(page.getByText('Bạn đã hoàn thành khóa học!')).toBeVisible();
}
