import { describe, expect, it } from 'vitest';
import { asksBeforeHandIn, unansweredIn } from './hand-in';

describe('asksBeforeHandIn', () => {
	it('asks while something is unanswered or the last page is not reached', () => {
		expect(asksBeforeHandIn({ unanswered: 3, page: 2, pages: 2 })).toBe(true);
		expect(asksBeforeHandIn({ unanswered: 0, page: 1, pages: 2 })).toBe(true);
		expect(asksBeforeHandIn({ unanswered: 0, page: 2, pages: 2 })).toBe(false);
		expect(asksBeforeHandIn({ unanswered: 0, page: 1, pages: 1 })).toBe(false);
	});
});

describe('unansweredIn', () => {
	it('counts a question answered when any of its fields holds something', () => {
		const form = new FormData();
		form.set('page', '1');
		form.set('q.a', '2');
		form.set('q.b', '   ');
		form.set('q.c.0', '');
		form.set('q.c.1', '3');
		form.set('q.d.0', '');
		expect(unansweredIn(form, ['a', 'b', 'c', 'd', 'e'])).toBe(3);
	});
});
