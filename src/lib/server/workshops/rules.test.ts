import { describe, expect, it } from 'vitest';
import { attendanceMet } from './rules';

describe('attendanceMet', () => {
	it('asks every session for "all"', () => {
		expect(attendanceMet({ kind: 'all' }, 3, 3)).toBe(true);
		expect(attendanceMet({ kind: 'all' }, 2, 3)).toBe(false);
		expect(attendanceMet({ kind: 'all' }, 0, 1)).toBe(false);
	});
	it('asks a share rounded up', () => {
		expect(attendanceMet({ kind: 'share', share: 0.5 }, 2, 3)).toBe(true);
		expect(attendanceMet({ kind: 'share', share: 0.5 }, 1, 3)).toBe(false);
		expect(attendanceMet({ kind: 'share', share: 0.75 }, 3, 4)).toBe(true);
		expect(attendanceMet({ kind: 'share', share: 0.75 }, 2, 4)).toBe(false);
		// 0.7 × 10 is 7.000000000000001 in floating point: still seven sessions.
		expect(attendanceMet({ kind: 'share', share: 0.7 }, 7, 10)).toBe(true);
		expect(attendanceMet({ kind: 'share', share: 1 }, 4, 4)).toBe(true);
		expect(attendanceMet({ kind: 'share', share: 0 }, 0, 4)).toBe(true);
	});
	it('is not met for a workshop with no sessions, and counts no more than there are', () => {
		expect(attendanceMet({ kind: 'all' }, 0, 0)).toBe(false);
		expect(attendanceMet({ kind: 'share', share: 0.5 }, 0, 0)).toBe(false);
		expect(attendanceMet({ kind: 'all' }, 5, 3)).toBe(true);
		expect(attendanceMet({ kind: 'share', share: 1.5 }, 3, 3)).toBe(true);
	});
});
