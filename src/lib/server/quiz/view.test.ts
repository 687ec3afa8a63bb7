import { describe, expect, it } from 'vitest';
import { m } from '$lib/paraglide/messages';
import { questionReview } from './view';
import type { SnapshotQuestion } from './snapshot';

const numeric: SnapshotQuestion = {
	id: 'hoan-von',
	type: 'numeric',
	kind: 'calculation',
	points: 1.5,
	text: 'Vốn 50.000.000 đồng, tiết kiệm 20.000.000 đồng mỗi năm. Hoàn vốn sau mấy năm?',
	answer: 2.5,
	tolerance: 0,
	toleranceType: 'absolute',
	unit: 'năm',
	en: { text: 'Payback in years?', unit: 'years' }
};
const words = { yes: 'Đúng', no: 'Sai' };

describe('numbers in a quiz review', () => {
	it('write the right answer as the reader writes numbers', () => {
		const vi = questionReview(numeric, { type: 'numeric', value: '2,5' }, 1.5, words, 'vi');
		expect(vi.correctAnswer).toEqual(['2,5 năm']);
		const en = questionReview(numeric, { type: 'numeric', value: '2.5' }, 1.5, words, 'en');
		expect(en.correctAnswer).toEqual(['2.5 years']);
		const big = { ...numeric, answer: 50_000_000, unit: 'đồng', en: undefined };
		expect(questionReview(big, undefined, 0, words, 'vi').correctAnswer).toEqual([
			'50.000.000 đồng'
		]);
	});
});

describe('points in English', () => {
	it('are singular for one and plural otherwise, never "1 points"', () => {
		const en = { locale: 'en' } as const;
		expect(m.quiz_points({ points: '1' }, en)).toBe('1 point');
		expect(m.quiz_points({ points: '1.5' }, en)).toBe('1.5 points');
		expect(m.quiz_review_mark({ mark: '0', points: '1' }, en)).toBe('0 of 1 point');
		expect(m.quiz_review_mark({ mark: '1', points: '2' }, en)).toBe('1 of 2 points');
		expect(m.quiz_attempts_left({ count: 1 }, en)).toBe('1 attempt left.');
		expect(m.quiz_questions_count({ count: 1 }, en)).toBe('1 question');
		expect(m.course_hours({ hours: '1' }, en)).toBe('1 hour');
		expect(m.course_hours({ hours: '1.5' }, en)).toBe('1.5 hours');
		expect(m.catalogue_count({ count: 1 }, en)).toBe('1 course');
		expect(m.deadline_due({ days: 1, date: '20/12/2026' }, en)).toBe('Due 20/12/2026 — 1 day left');
		expect(m.deadline_overdue({ days: 2, date: '13/12/2026' }, en)).toBe(
			'Overdue by 2 days (due 13/12/2026)'
		);
		expect(m.deadline_due({ days: 5, date: '20/12/2026' }, { locale: 'vi' })).toBe(
			'Hạn hoàn thành 20/12/2026 — còn 5 ngày'
		);
	});
});
