// An assignment's status in a manager's words: status and points only, never the work itself.
import { m } from '$lib/paraglide/messages';
import { formatNumber } from '$lib/format';
import type { WorkStatus } from '$lib/server/cohorts/matrix';

const names: Record<WorkStatus, () => string> = {
	not_submitted: m.work_status_not_submitted,
	submitted: m.work_status_submitted,
	returned: m.work_status_returned,
	passed: m.work_status_passed,
	failed: m.work_status_failed
};

/** The status in words: "Chưa nộp", "Đã nộp, chờ chấm", "Trả lại để sửa", "Đạt", "Chưa đạt". */
export function workStatusLabel(status: WorkStatus): string {
	return names[status]();
}

/** The cell's class, shared with the course cells: passed green, not passed red, waiting yellow. */
export const WORK_CLASS: Record<WorkStatus, string> = {
	not_submitted: 'n',
	submitted: 'p',
	returned: 'p',
	passed: 'c',
	failed: 'o'
};

/** "Đạt 18/21 điểm", "Chưa đạt 9/21 điểm", "Trả lại để sửa"; late work says so. */
export function workLabel(work: {
	status: WorkStatus;
	points: number | null;
	maxPoints: number | null;
}): string {
	const status = workStatusLabel(work.status);
	return work.points !== null && work.maxPoints !== null
		? `${status} ${m.work_points({ points: formatNumber(work.points), max: formatNumber(work.maxPoints) })}`
		: status;
}
