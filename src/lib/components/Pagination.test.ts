import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import Pagination from './Pagination.svelte';

const html = (page: number, pages: number) =>
	render(Pagination, { props: { page, pages, href: (n: number) => `?page=${n}` } }).body;

describe('Pagination', () => {
	it('links to the pages before and after, as plain links', () => {
		const middle = html(2, 3);
		expect(middle).toContain('href="?page=1"');
		expect(middle).toContain('rel="prev"');
		expect(middle).toContain('href="?page=3"');
		expect(middle).toContain('rel="next"');
		expect(middle).toMatch(/<nav class="pagination[^"]*" aria-label="[^"]+"/);
	});

	it('has no previous link on the first page and no next link on the last', () => {
		expect(html(1, 3)).not.toContain('rel="prev"');
		expect(html(1, 3)).toContain('href="?page=2"');
		expect(html(3, 3)).not.toContain('rel="next"');
		expect(html(3, 3)).toContain('href="?page=2"');
	});

	it('shows nothing when everything fits on one page', () => {
		expect(html(1, 1)).not.toContain('<nav');
	});
});
