import { describe, expect, it } from 'vitest';
import { quizzesLeft } from './overview';

describe('quizzesLeft', () => {
	it('keeps the required quizzes not passed, in order, and nothing else', () => {
		const quizzes = [
			{ slug: 'phan-1', required: false, passed: false },
			{ slug: 'cuoi-khoa', required: true, passed: false },
			{ slug: 'giua-khoa', required: true, passed: true }
		];
		expect(quizzesLeft(quizzes).map((q) => q.slug)).toEqual(['cuoi-khoa']);
		expect(quizzesLeft([])).toEqual([]);
	});
});
