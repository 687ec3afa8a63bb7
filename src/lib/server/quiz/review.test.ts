import { describe, expect, it } from 'vitest';
import type { QuizAttempt } from '$db/schema';
import { mayReview } from './review';
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

/** An attempt under `after_last`, started on day `day` and (unless open) handed in that day. */
const onDay = (day: number, state: 'submitted' | 'in_progress' = 'submitted') =>
	({
		state,
		passed: state === 'submitted' ? false : null,
		snapshot: { review: 'after_last' },
		startedAt: new Date(Date.UTC(2026, 10, day, 8)),
		submittedAt: state === 'submitted' ? new Date(Date.UTC(2026, 10, day, 9)) : null
	}) as unknown as QuizAttempt;
const grantOn = (day: number, extra = 1) => ({
	extra,
	grantedAt: new Date(Date.UTC(2026, 10, day, 12))
});

describe('when the review is shown', () => {
	it('never, or after each submitted attempt', () => {
		const a = attempt('never', true);
		expect(mayReview(a, [a], definition('never', null), [])).toBe(false);
		const b = attempt('after_each', false);
		expect(mayReview(b, [b], definition('after_each', null), [])).toBe(true);
		const open = attempt('after_each', false, 'in_progress');
		expect(mayReview(open, [open], definition('after_each', null), [])).toBe(false);
	});

	it('after passing: only once the learner has passed, then for every attempt', () => {
		const failed = attempt('after_pass', false);
		expect(mayReview(failed, [failed], definition('after_pass', null), [])).toBe(false);
		const passed = attempt('after_pass', true);
		expect(mayReview(failed, [failed, passed], definition('after_pass', null), [])).toBe(true);
	});

	it('after the last attempt: when none are left, or once passed', () => {
		const first = attempt('after_last', false);
		expect(mayReview(first, [first], definition('after_last', 2), [])).toBe(false);
		const second = attempt('after_last', false);
		expect(mayReview(second, [first, second], definition('after_last', 2), [])).toBe(true);
		expect(mayReview(first, [first], definition('after_last', null), [])).toBe(false);
		const passed = attempt('after_last', true);
		expect(mayReview(passed, [passed], definition('after_last', 3), [])).toBe(true);
	});

	it('after the last attempt: not while the last one is being taken', () => {
		const [first, second] = [onDay(1), onDay(2, 'in_progress')];
		expect(mayReview(first, [first, second], definition('after_last', 2), [])).toBe(false);
	});

	it('after the last attempt, with extra attempts granted: answers once shown stay shown', () => {
		const made = [onDay(1), onDay(2), onDay(3)];
		const three = definition('after_last', 3);
		expect(mayReview(made[2], made, three, [])).toBe(true);
		// Out of attempts on day 3, one more granted on day 4: what was shown stays shown.
		expect(mayReview(made[0], made, three, [grantOn(4)])).toBe(true);
		expect(mayReview(made[2], made, three, [grantOn(4)])).toBe(true);
		// The extra attempt's own review waits until it is used up: two granted, one used.
		const more = [...made, onDay(5)];
		expect(mayReview(more[3], more, three, [grantOn(4, 2)])).toBe(false);
		expect(mayReview(more[0], more, three, [grantOn(4, 2)])).toBe(true);
		// Used up: shown.
		expect(mayReview(more[3], more, three, [grantOn(4)])).toBe(true);
	});

	it('after the last attempt: a grant made while attempts were left opens nothing', () => {
		const made = [onDay(1), onDay(3)];
		// Granted on day 2 with one of three attempts made: nothing was shown then.
		expect(mayReview(made[0], made, definition('after_last', 3), [grantOn(2)])).toBe(false);
	});
});
