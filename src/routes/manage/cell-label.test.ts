import { describe, expect, it } from 'vitest';
import type { Cell } from '$lib/server/cohorts/cells';
import { cellLabel, decodeCells, encodeCells } from './cell-label';

const cell = (over: Partial<Cell>): Cell => ({
	state: 'not_started',
	percent: 0,
	bestPercent: null,
	certificateCode: null,
	completedAt: null,
	overdue: false,
	...over
});

describe('matrix cells on the page', () => {
	it('travel as short tokens and come back as what is shown', () => {
		const cells = [
			cell({}),
			cell({ state: 'in_progress', percent: 40, bestPercent: 74.6 }),
			cell({ state: 'completed', percent: 100, bestPercent: 90, certificateCode: 'ABCD1234EFGH' }),
			cell({ state: 'completed', percent: 100 }),
			cell({ state: 'overdue', percent: 0, overdue: true }),
			cell({ state: 'overdue', percent: 33, bestPercent: 0, overdue: true })
		];
		const encoded = encodeCells(cells);
		expect(encoded).toBe('n p40:75 c:90* c o0 o33:0');
		expect(decodeCells(encoded)).toEqual([
			{ state: 'not_started', code: 'n', percent: 0, bestPercent: null, certificate: false },
			{ state: 'in_progress', code: 'p', percent: 40, bestPercent: 75, certificate: false },
			{ state: 'completed', code: 'c', percent: 100, bestPercent: 90, certificate: true },
			{ state: 'completed', code: 'c', percent: 100, bestPercent: null, certificate: false },
			{ state: 'overdue', code: 'o', percent: 0, bestPercent: null, certificate: false },
			{ state: 'overdue', code: 'o', percent: 33, bestPercent: 0, certificate: false }
		]);
		expect(decodeCells('')).toEqual([]);
	});

	it('read the same, decoded or not', () => {
		const cells = [
			cell({ state: 'in_progress', percent: 40 }),
			cell({ state: 'overdue', percent: 33, overdue: true }),
			cell({ state: 'completed', percent: 100 })
		];
		expect(decodeCells(encodeCells(cells)).map(cellLabel)).toEqual(cells.map(cellLabel));
	});
});
