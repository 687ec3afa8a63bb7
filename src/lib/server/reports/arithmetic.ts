// The report's arithmetic, kept pure so it can be tested without a database.

/** Groups with fewer learners than this are not shown in public figures. */
export const MIN_PUBLIC_GROUP = 5;

export interface Change {
	/** Current minus previous. */
	delta: number;
	/** Relative change in percent, one decimal; null when the previous period had none. */
	percent: number | null;
}

export function change(current: number, previous: number): Change {
	const delta = current - previous;
	const percent = previous === 0 ? null : Math.round((delta / previous) * 1000) / 10;
	return { delta, percent };
}

/** Share of learners who passed, in percent with one decimal; null when nobody tried. */
export function passRate(passed: number, attempted: number): number | null {
	if (attempted <= 0) return null;
	return Math.round((passed / attempted) * 1000) / 10;
}

/** Change of a rate in percentage points; null when either rate is missing. */
export function pointChange(current: number | null, previous: number | null): number | null {
	if (current === null || previous === null) return null;
	return Math.round((current - previous) * 10) / 10;
}

/** A count as published: null ("fewer than 5") when the group has too few learners to be anonymous. */
export function suppress(value: number, learners: number, min = MIN_PUBLIC_GROUP): number | null {
	return learners < min ? null : value;
}

export function isSuppressed(learners: number, min = MIN_PUBLIC_GROUP): boolean {
	return learners < min;
}
