import type { WorkshopAttendanceRule } from '$lib/workshops';

/** Rounded up: 0.5 of three sessions asks two. */
export type AttendanceRule = WorkshopAttendanceRule;

/** Whether attending `attended` of `total` sessions meets the rule; a workshop with none is not met. */
export function attendanceMet(rule: AttendanceRule, attended: number, total: number): boolean {
	if (total <= 0) return false;
	const done = Math.min(Math.max(attended, 0), total);
	if (rule.kind === 'all') return done === total;
	const share = Math.min(Math.max(rule.share, 0), 1);
	// The small tolerance keeps 0.7 × 10 (7.000000000000001) from asking for 8.
	return done >= Math.ceil(share * total - 1e-9);
}
