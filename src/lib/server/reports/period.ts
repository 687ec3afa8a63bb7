// Report periods: half-years on the calendar in Vietnam. Their boundaries are reckoned by
// $lib/vietnam-time; here is how a period is named, parsed and stepped through.
import { halfYearOf, halfYearRange, type HalfYear } from '$lib/vietnam-time';

export type { HalfYear };

const PATTERN = /^(\d{4})-H([12])$/;

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

/** The half-year as [start, end): H1 is 1 January–30 June, H2 is 1 July–31 December, in Vietnam. */
export const periodRange = halfYearRange;

export function previousPeriod(p: HalfYear): HalfYear {
	return p.half === 2 ? { year: p.year, half: 1 } : { year: p.year - 1, half: 2 };
}

/** The half-year an instant falls in, reckoned by the calendar in Vietnam. */
export const periodOf = halfYearOf;

/** The last `count` half-years up to and including `p`, oldest first. */
export function recentPeriods(p: HalfYear, count: number): HalfYear[] {
	const out: HalfYear[] = [p];
	while (out.length < count) out.unshift(previousPeriod(out[0]));
	return out;
}
