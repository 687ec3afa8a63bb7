// Pure progress arithmetic, unit-tested without a database.

/** Whole-number percentage of required lessons completed; a course with none required is 100%. */
export function progressPercent(completedRequired: number, required: number): number {
	if (required <= 0) return 100;
	return Math.min(100, Math.floor((completedRequired / required) * 100));
}

/** The completion rule as far as lessons go: every required lesson done. */
export function lessonsComplete(completedRequired: number, required: number): boolean {
	return completedRequired >= required;
}

/** Reading time credited for the gap since the last activity: none if the reader was away too long. */
export const MAX_CREDIT_SECONDS = 15 * 60;

export function creditSeconds(lastActivity: Date | null, now: Date): number {
	if (!lastActivity) return 0;
	const seconds = Math.floor((now.getTime() - lastActivity.getTime()) / 1000);
	if (seconds <= 0) return 0;
	return Math.min(seconds, MAX_CREDIT_SECONDS);
}

/** The lesson to continue with: the last opened if not done, else the first not done, else the first. */
export function nextLesson<T extends { id: string; completed: boolean }>(
	ordered: T[],
	lastLessonId: string | null
): T | undefined {
	const last = ordered.find((l) => l.id === lastLessonId);
	if (last && !last.completed) return last;
	const after = last
		? ordered.slice(ordered.indexOf(last) + 1).find((l) => !l.completed)
		: undefined;
	return after ?? ordered.find((l) => !l.completed) ?? ordered[0];
}
