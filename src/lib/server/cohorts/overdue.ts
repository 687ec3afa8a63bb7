// Due dates are calendar days in Vietnam; a course is overdue from the day after its due date there.

export const COHORT_TIME_ZONE = 'Asia/Ho_Chi_Minh';

const dayFormat = new Intl.DateTimeFormat('en-CA', {
	timeZone: COHORT_TIME_ZONE,
	year: 'numeric',
	month: '2-digit',
	day: '2-digit'
});

/** Today's date in Ho Chi Minh City as YYYY-MM-DD (comparable as a string). */
export function hoChiMinhToday(now: Date): string {
	return dayFormat.format(now);
}

/** Not completed and past the due day in Ho Chi Minh City. No due date: never overdue. */
export function isOverdue(dueOn: string | null, completed: boolean, now: Date): boolean {
	return !completed && dueOn !== null && hoChiMinhToday(now) > dueOn;
}
