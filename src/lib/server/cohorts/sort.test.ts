import { describe, expect, it } from 'vitest';
import { cellFor, type CellFacts } from './cells';
import type { MatrixRow } from './matrix';
import { sortRows } from './sort';

const now = new Date('2026-11-29T03:00:00Z');
const facts: CellFacts = {
	completedAt: null,
	lessonsTouched: 0,
	requiredDone: 0,
	required: 4,
	attempts: 0,
	bestPercent: null,
	certificateCode: null,
	dueOn: null
};
const row = (fullName: string, over: Partial<CellFacts>): MatrixRow => {
	const cells = [cellFor({ ...facts, ...over }, now)];
	return { userId: fullName, fullName, identifier: fullName, cells, completed: 0 };
};

describe('sortRows', () => {
	const rows = [
		row('Đặng Văn Bình', { completedAt: now }),
		row('Lê Thị Mai', { lessonsTouched: 1, requiredDone: 2 }),
		row('Âu Thị Cúc', { dueOn: '2026-11-01' })
	];
	it('sorts by name in Vietnamese order', () => {
		expect(sortRows(rows, 'name', false).map((r) => r.fullName)).toEqual([
			'Âu Thị Cúc',
			'Đặng Văn Bình',
			'Lê Thị Mai'
		]);
	});
	it('sorts a course column overdue first, completed last, and reverses', () => {
		expect(sortRows(rows, '0', false).map((r) => r.fullName)).toEqual([
			'Âu Thị Cúc',
			'Lê Thị Mai',
			'Đặng Văn Bình'
		]);
		expect(sortRows(rows, '0', true)[0].fullName).toBe('Đặng Văn Bình');
	});
});
