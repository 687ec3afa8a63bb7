import { describe, expect, it } from 'vitest';
import { diffCounts, formatSize, hunkRanges, parseRef } from './diff-view';

describe('parseRef', () => {
	it('reads a version number or the draft', () => {
		expect(parseRef('3')).toBe(3);
		expect(parseRef('12')).toBe(12);
		expect(parseRef('draft')).toBe('draft');
	});

	it('reads anything else as no ref', () => {
		for (const value of [null, undefined, '', '0', '-1', '03', '1.5', '2e3', 'nháp', '99999999'])
			expect(parseRef(value)).toBeNull();
	});
});

describe('formatSize', () => {
	it('counts bytes, then kilobytes and megabytes of 1,024', () => {
		expect(formatSize(850, 'en')).toBe('850 B');
		expect(formatSize(12 * 1024, 'en')).toBe('12 KB');
		expect(formatSize(15_700, 'en')).toBe('15 KB');
		expect(formatSize(3.4 * 1024 * 1024, 'en')).toBe('3.4 MB');
	});

	it('keeps one decimal below ten, written as Vietnamese readers write it', () => {
		expect(formatSize(1536, 'vi')).toBe('1,5 KB');
		expect(formatSize(1024, 'vi')).toBe('1 KB');
		expect(formatSize(25 * 1024 * 1024, 'vi')).toBe('25 MB');
	});
});

describe('hunkRanges', () => {
	it('spans the lines on each side of a change', () => {
		const lines = [
			{ oldLine: 10, newLine: 10 },
			{ oldLine: 11 },
			{ newLine: 11 },
			{ newLine: 12 },
			{ oldLine: 12, newLine: 13 }
		];
		expect(hunkRanges(lines)).toEqual({
			before: { from: 10, to: 12 },
			after: { from: 10, to: 13 }
		});
	});

	it('has no side where a file is new or removed', () => {
		expect(hunkRanges([{ newLine: 1 }, { newLine: 2 }])).toEqual({
			before: null,
			after: { from: 1, to: 2 }
		});
	});
});

describe('diffCounts', () => {
	it('counts files by what happened to them', () => {
		const statuses = ['added', 'changed', 'changed', 'removed'] as const;
		expect(diffCounts(statuses.map((status) => ({ status })))).toEqual({
			added: 1,
			removed: 1,
			changed: 2
		});
	});
});
