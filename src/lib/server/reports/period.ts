// Half-years in Vietnam's time (Asia/Ho_Chi_Minh: UTC+7 all year, no daylight saving).

/** Vietnam is seven hours ahead of UTC, all year. */
const OFFSET_MS = 7 * 60 * 60 * 1000;
const PATTERN = /^(\d{4})-H([12])$/;

export interface HalfYear {
	year: number;
	half: 1 | 2;
}

/** "2026-H1": how a half-year travels in addresses and forms. */
export function formatPeriod(p: HalfYear): string {
	return `${p.year}-H${p.half}`;
}

export function parsePeriod(value: string | null | undefined): HalfYear | null {
	const match = PATTERN.exec(value ?? '');
	if (!match) return null;
	const year = Number(match[1]);
	if (year < 2000 || year > 2100) return null;
	return { year, half: match[2] === '1' ? 1 : 2 };
}

/** Midnight at the start of a month in Vietnam, as a UTC instant. */
function vietnamMidnight(year: number, monthIndex: number): Date {
	return new Date(Date.UTC(year, monthIndex, 1) - OFFSET_MS);
}

/** The half-year as [start, end): H1 is 1 January–30 June, H2 is 1 July–31 December, in Vietnam. */
export function periodRange(p: HalfYear): { start: Date; end: Date } {
	return p.half === 1
		? { start: vietnamMidnight(p.year, 0), end: vietnamMidnight(p.year, 6) }
		: { start: vietnamMidnight(p.year, 6), end: vietnamMidnight(p.year + 1, 0) };
}

export function previousPeriod(p: HalfYear): HalfYear {
	return p.half === 2 ? { year: p.year, half: 1 } : { year: p.year - 1, half: 2 };
}

/** The half-year an instant falls in, reckoned by the calendar in Vietnam. */
export function periodOf(instant: Date): HalfYear {
	const local = new Date(instant.getTime() + OFFSET_MS);
	return { year: local.getUTCFullYear(), half: local.getUTCMonth() < 6 ? 1 : 2 };
}

/** The last `count` half-years up to and including `p`, oldest first. */
export function recentPeriods(p: HalfYear, count: number): HalfYear[] {
	const out: HalfYear[] = [p];
	while (out.length < count) out.unshift(previousPeriod(out[0]));
	return out;
}
