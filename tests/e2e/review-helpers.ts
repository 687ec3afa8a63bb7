import type { Page } from '@playwright/test';
import { expect } from './fixtures';

/** A reviewer (or administrator) opens a course waiting for review from the queue. */
export async function openReview(reviewer: Page, courseTitle: string) {
	await reviewer.goto('/review');
	await reviewer.getByRole('link', { name: courseTitle, exact: true }).click();
	await expect(reviewer.getByRole('heading', { level: 1, name: courseTitle })).toBeVisible();
}

/** Approves the course's waiting version and waits for the version it became. */
export async function approveCourse(reviewer: Page, courseTitle: string, version: number) {
	await openReview(reviewer, courseTitle);
	await reviewer.getByRole('button', { name: 'Duyệt và xuất bản' }).click();
	await expect(
		reviewer.getByText(`Đã duyệt. Phiên bản ${version} đã được xuất bản cho cả tỉnh.`)
	).toBeVisible();
}
