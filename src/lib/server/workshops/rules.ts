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

/** A blended course's workshop requirement (course.yaml `completion.workshop`) as a rule. */
export function courseWorkshopRule(
	workshop: 'all' | { share: number } | undefined | null
): AttendanceRule | null {
	if (!workshop) return null;
	return workshop === 'all' ? { kind: 'all' } : { kind: 'share', share: workshop.share };
}

/** The fewest sessions of `total` that meet the rule; null when none do (no sessions). */
export function sessionsNeeded(rule: AttendanceRule, total: number): number | null {
	for (let k = 1; k <= total; k++) if (attendanceMet(rule, k, total)) return k;
	return null;
}
