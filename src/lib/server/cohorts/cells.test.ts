import { describe, expect, it } from 'vitest';
import { cellFor, cellRank, type CellFacts } from './cells';

const facts = (over: Partial<CellFacts> = {}): CellFacts => ({
	completedAt: null,
	lessonsTouched: 0,
	requiredDone: 0,
	required: 4,
	attempts: 0,
	bestPercent: null,
	certificateCode: null,
	dueOn: '2026-12-01',
	...over
});
const before = new Date('2026-11-30T10:00:00Z');

describe('due days in Ho Chi Minh City', () => {
	it('is overdue from the day after the due date (17:00 UTC), unless completed or without a date', () => {
		const overdue = (over: Partial<CellFacts>, now: string) =>
			cellFor(facts(over), new Date(now)).overdue;
		expect(overdue({}, '2026-12-01T16:59:59Z')).toBe(false);
		expect(overdue({}, '2026-12-01T17:00:00Z')).toBe(true);
		expect(overdue({ completedAt: new Date('2026-12-03T00:00:00Z') }, '2026-12-05T00:00:00Z')).toBe(
			false
		);
		expect(overdue({ dueOn: null }, '2030-01-01T00:00:00Z')).toBe(false);
	});
});

describe('cellFor', () => {
	it('says not started, in progress with a percentage, completed with the certificate', () => {
		expect(cellFor(facts(), before).state).toBe('not_started');
		const going = cellFor(
			facts({ lessonsTouched: 2, requiredDone: 1, bestPercent: 60, attempts: 1 }),
			before
		);
		expect(going).toMatchObject({ state: 'in_progress', percent: 25, bestPercent: 60 });
		const done = cellFor(facts({ completedAt: before, certificateCode: 'abc' }), before);
		expect(done).toMatchObject({ state: 'completed', percent: 100, certificateCode: 'abc' });
	});
	it('is overdue after the due day unless completed, keeping the progress', () => {
		const late = new Date('2026-12-02T01:00:00Z');
		expect(cellFor(facts({ lessonsTouched: 1, requiredDone: 2 }), late)).toMatchObject({
			state: 'overdue',
			percent: 50
		});
		expect(cellFor(facts({ completedAt: before }), late).state).toBe('completed');
	});
	it('ranks overdue first and completed last', () => {
		const ranks = [
			cellFor(facts({ completedAt: before }), before),
			cellFor(facts(), new Date('2027-01-01T00:00:00Z')),
			cellFor(facts(), before)
		].map(cellRank);
		expect(ranks[1]).toBeLessThan(ranks[2]);
		expect(ranks[2]).toBeLessThan(ranks[0]);
	});
});
