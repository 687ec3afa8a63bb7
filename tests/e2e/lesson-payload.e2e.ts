import { expect, openCourse, enrol, signUp, test } from './fixtures';

const COURSE = '/courses/sxsh-can-bo-quan-ly';
const LESSON_5 = `${COURSE}/nguon-kinh-phi-ho-tro`;
/** A sentence of lesson 5's body, and one of lesson 6's. */
const FIFTH = 'Người quản lý thường phải trả lời hai câu hỏi';
const SIXTH = 'Bối cảnh: ngành dừa và những bước đi đầu tiên';

/** How many times `text` occurs in `page`. */
const occurrences = (page: string, text: string) => page.split(text).length - 1;

test('a lesson’s HTML is sent once, and moving within the page brings the next one', async ({
	page
}) => {
	await signUp(page);
	await openCourse(page, 'Sản xuất sạch hơn cho cán bộ quản lý');
	await enrol(page);

	// The first page: the body in the markup, not again in the data serialised for hydration.
	const first = await (await page.request.get(LESSON_5)).text();
	expect(occurrences(first, FIFTH)).toBe(1);
	// A move within the page asks for the data alone: the body comes with it, once.
	const data = await (await page.request.get(`${LESSON_5}/__data.json`)).text();
	expect(occurrences(data, FIFTH)).toBe(1);

	await page.goto(LESSON_5);
	await expect(page.getByText(FIFTH)).toBeVisible();
	// The calculator of the first page comes alive once the page has run its JavaScript (the print
	// button shows it has).
	await expect(page.getByRole('button', { name: 'In bài học' })).toBeVisible();
	const calculator = page.locator('section.calculator').first();
	await calculator.getByLabel('Vốn đầu tư (đồng)').fill('65000000');
	await calculator.getByLabel('Tiết kiệm mỗi năm (đồng)').fill('13000000');
	await expect(calculator.getByText('Thời gian hoàn vốn: 5 năm (khoảng 60 tháng).')).toBeVisible();

	// Next lesson, within the page: its body replaces this one.
	await page
		.getByRole('link', { name: /Bài sau|Bài tiếp/ })
		.first()
		.click();
	await expect(page.getByRole('heading', { name: SIXTH })).toBeVisible();
	await expect(page.getByText(FIFTH)).toHaveCount(0);
	// And back: the fifth again, with a calculator alive afresh (20 million saved a year).
	await page.goBack();
	await expect(page.getByText(FIFTH)).toBeVisible();
	const again = page.locator('section.calculator').first();
	await again.getByLabel('Vốn đầu tư (đồng)').fill('26000000');
	await expect(again.getByText('Thời gian hoàn vốn: 1,3 năm (khoảng 16 tháng).')).toBeVisible();
});

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false });
	test('the lesson reads in full', async ({ page }) => {
		await signUp(page);
		await openCourse(page, 'Sản xuất sạch hơn cho cán bộ quản lý');
		await enrol(page);
		await page.goto(LESSON_5);
		await expect(page.getByText(FIFTH)).toBeVisible();
		// The calculator's worked example stands in for it.
		await expect(page.locator('article [data-island]').first()).toBeAttached();
	});
});
