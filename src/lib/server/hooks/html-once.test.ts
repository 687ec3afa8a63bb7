import { describe, expect, it } from 'vitest';
import { fillHtmlOnce } from './html-once';

describe('fillHtmlOnce', () => {
	const page = (article: string) => `<main><p>Bài 2/5</p>${article}<div class="end"></div></main>`;

	it('puts the HTML into the empty marked element, and nowhere else', () => {
		const body = '<h2>Nước thải</h2><p>Đo trước, giảm sau.</p>';
		expect(
			fillHtmlOnce(page('<article class="prose" lang="vi" data-html-once=""></article>'), body)
		).toBe(page(`<article class="prose" lang="vi" data-html-once="">${body}</article>`));
	});

	it('keeps replacement patterns in the HTML as written', () => {
		const body = '<p>Giá: 5$ ($&amp; $1 $$)</p>';
		expect(fillHtmlOnce(page('<div data-html-once=""></div>'), body)).toContain(
			`<div data-html-once="">${body}</div>`
		);
	});

	it('leaves a page without the element as it is', () => {
		const markup = page('<article class="prose"></article>');
		expect(fillHtmlOnce(markup, '<p>x</p>')).toBe(markup);
	});
});
