import type { Locator, Page } from '@playwright/test';
import { expect, signUp, test } from './fixtures';

// Hovering a link runs the page's `load` on the server (data-sveltekit-preload-data="hover"), and so
// does any GET a prefetcher or link checker makes. Reading is recorded by the real view only.

// Its lessons are completed by a button, not by scrolling to their end: hovering a link at the foot
// of a lesson must not look like reading it through.
const COURSE = '/courses/sxsh-can-bo-quan-ly';
const LESSONS = [
	'san-xuat-sach-hon-la-gi',
	'sxsh-va-cac-khai-niem-lien-quan',
	'chien-luoc-quoc-gia',
	'chi-thi-cua-tinh-va-phan-cong',
	'nguon-kinh-phi-ho-tro',
	'kinh-nghiem-ben-tre',
	'khoi-dong-va-duy-tri-sxsh'
];

/**
 * What the platform holds of the learner's reading: every lesson's progress row (first view, reading
 * time, completion) from "download my data", and the lesson the dashboard continues with.
 */
async function readingRecord(page: Page) {
	const data = await (await page.request.get('/account/data')).json();
	await page.goto('/dashboard');
	const href = await page
		.getByRole('link', { name: /^(Học tiếp|Bắt đầu học):/ })
		.getAttribute('href');
	return { lessons: data.learning.lessonProgress, continueWith: href?.split('/').pop() };
}

/** Hovers a link and waits until its page's data has been preloaded (its `load` has run). */
async function preload(page: Page, link: Locator) {
	const href = await link.getAttribute('href');
	const loaded = page.waitForResponse(
		(r) => r.url().includes(`${href}/__data.json`) && r.status() === 200
	);
	await page.mouse.move(0, 0);
	await link.hover();
	await loaded;
}

async function enrol(page: Page) {
	await page.goto(COURSE);
	await page.getByRole('button', { name: 'Đăng ký học' }).click();
	await expect(page.getByText('Bạn đã đăng ký khóa học. Chúc bạn học tốt!')).toBeVisible();
}

test('hovering lesson links preloads them without recording any reading', async ({ page }) => {
	await signUp(page);
	await enrol(page);
	await page.getByRole('link', { name: 'Bắt đầu học' }).click();
	await expect(page.getByText('Bài 1/7')).toBeVisible();
	await page.getByRole('button', { name: 'Học xong, sang bài tiếp' }).click();
	await expect(page.getByText('Bài 2/7')).toBeVisible();
	const before = await readingRecord(page);
	expect(before.continueWith).toBe(LESSONS[1]);

	// The lesson page: the previous and next links, and the other lessons in the outline (each
	// address once: a preloaded page is not fetched again at once).
	await page.goto(`${COURSE}/${LESSONS[1]}`);
	await preload(page, page.getByRole('link', { name: 'Bài tiếp theo →' }));
	await preload(page, page.getByRole('link', { name: '← Bài trước' }));
	for (const slug of LESSONS.slice(3))
		await preload(page, page.locator(`.outline-wide a[href$="/${slug}"]`));

	// The course page's outline and the dashboard's "continue" link.
	await page.goto(COURSE);
	await preload(page, page.locator(`main a[href$="/${LESSONS[4]}"]`).first());
	await page.goto('/dashboard');
	await preload(page, page.getByRole('link', { name: /^Học tiếp:/ }));

	expect(await readingRecord(page)).toEqual(before);

	// Opening a lesson for real records it: it becomes the one to continue with.
	await page.goto(`${COURSE}/${LESSONS[1]}`);
	const viewed = page.waitForResponse(
		(r) => r.url().includes(`/${LESSONS[3]}/progress?event=view`) && r.ok()
	);
	await page.locator('.outline-wide').locator(`a[href$="/${LESSONS[3]}"]`).click();
	await expect(page.getByText('Bài 4/7')).toBeVisible();
	await viewed;
	const after = await readingRecord(page);
	expect(after.continueWith).toBe(LESSONS[3]);
	expect(after.lessons.map((l: { lesson: string }) => l.lesson)).toContain(LESSONS[3]);
});

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false });

	test('a GET of a lesson records nothing; the lesson buttons record the move', async ({
		page
	}) => {
		await signUp(page);
		await enrol(page);
		await page.getByRole('link', { name: 'Bắt đầu học' }).click();
		await expect(page.getByText('Bài 1/7')).toBeVisible();
		const before = await readingRecord(page);
		expect(before.continueWith).toBe(LESSONS[0]);

		// What a prefetcher or a link checker does: the page and its data, by GET.
		for (const path of [`${COURSE}/${LESSONS[3]}`, `${COURSE}/${LESSONS[4]}/__data.json`])
			expect((await page.request.get(path)).ok()).toBe(true);
		expect(await readingRecord(page)).toEqual(before);

		// "Next" is a button: pressing it is a real move, recorded, then the next lesson shows.
		await page.goto(`${COURSE}/${LESSONS[0]}`);
		await page.getByRole('button', { name: 'Bài tiếp theo →' }).click();
		await expect(page.getByText('Bài 2/7')).toBeVisible();
		const moved = await readingRecord(page);
		expect(moved.continueWith).toBe(LESSONS[1]);
		expect(moved.lessons.map((l: { lesson: string }) => l.lesson)).toEqual([
			LESSONS[0],
			LESSONS[1]
		]);

		await page.goto(`${COURSE}/${LESSONS[1]}`);
		await page.getByRole('button', { name: '← Bài trước' }).click();
		await expect(page.getByText('Bài 1/7')).toBeVisible();
		expect((await readingRecord(page)).continueWith).toBe(LESSONS[0]);
	});
});
