import { describe, expect, it } from 'vitest';
import type { QuizAttempt } from '$db/schema';
import { mayReview } from './attempts';
import { quizSchema } from './format';

const definition = (review: string, attempts: number | null) =>
	quizSchema.parse({
		title: { vi: 'Q' },
		review,
		attempts,
		questions: [{ id: 'a', type: 'true_false', text: 'T', answer: true }]
	});

const attempt = (
	review: string,
	passed: boolean,
	state: 'submitted' | 'in_progress' = 'submitted'
) => ({ state, passed, snapshot: { review } }) as unknown as QuizAttempt;

describe('when the review is shown', () => {
	it('never, or after each submitted attempt', () => {
		const a = attempt('never', true);
		expect(mayReview(a, [a], definition('never', null))).toBe(false);
		const b = attempt('after_each', false);
		expect(mayReview(b, [b], definition('after_each', null))).toBe(true);
		const open = attempt('after_each', false, 'in_progress');
		expect(mayReview(open, [open], definition('after_each', null))).toBe(false);
	});

	it('after passing: only once the learner has passed, then for every attempt', () => {
		const failed = attempt('after_pass', false);
		expect(mayReview(failed, [failed], definition('after_pass', null))).toBe(false);
		const passed = attempt('after_pass', true);
		expect(mayReview(failed, [failed, passed], definition('after_pass', null))).toBe(true);
	});

	it('after the last attempt: when none are left, or once passed', () => {
		const first = attempt('after_last', false);
		expect(mayReview(first, [first], definition('after_last', 2))).toBe(false);
		const second = attempt('after_last', false);
		expect(mayReview(second, [first, second], definition('after_last', 2))).toBe(true);
		expect(mayReview(first, [first], definition('after_last', null))).toBe(false);
		const passed = attempt('after_last', true);
		expect(mayReview(passed, [passed], definition('after_last', 3))).toBe(true);
	});
});
