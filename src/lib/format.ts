import { getLocale } from '$lib/paraglide/runtime';
import { formatDay, parseDay, VIETNAM_TIME_ZONE, vietnamDay } from '$lib/vietnam-time';

type Locale = 'vi' | 'en';
const tag = (locale: Locale = getLocale()) => (locale === 'vi' ? 'vi-VN' : 'en-GB');

const DAY_MONTH_YEAR = { day: '2-digit', month: '2-digit', year: 'numeric' } as const;

// Making an Intl formatter costs far more than using one, and pages format many values: one per
// language, made on first use.
const formatters = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();
function cached<T extends Intl.DateTimeFormat | Intl.NumberFormat>(key: string, make: () => T): T {
	let formatter = formatters.get(key) as T | undefined;
	if (!formatter) formatters.set(key, (formatter = make()));
	return formatter;
}

/**
 * A date as readers in Viet Nam write it (29/11/2026; British English writes it the same way): an
 * instant as the day it was in Vietnam, a calendar day ("2026-11-29", a due date) as it is.
 */
export function formatDate(value: Date | string): string {
	const day = typeof value === 'string' ? parseDay(value) : null;
	return formatDay(day ?? vietnamDay(new Date(value)));
}

/** Time first, then the date: "14:05 29/11/2026". */
export function formatDateTime(value: Date | string): string {
	const locale = tag();
	return cached(
		`datetime:${locale}`,
		() =>
			new Intl.DateTimeFormat(locale, {
				...DAY_MONTH_YEAR,
				hour: '2-digit',
				minute: '2-digit',
				hour12: false,
				timeZone: VIETNAM_TIME_ZONE
			})
	).format(new Date(value));
}

/** A time of day in Vietnam, "14:05", whatever the reader's time zone. */
export function formatTime(value: Date | string): string {
	const locale = tag();
	return cached(
		`time:${locale}`,
		() =>
			new Intl.DateTimeFormat(locale, {
				hour: '2-digit',
				minute: '2-digit',
				hourCycle: 'h23',
				timeZone: VIETNAM_TIME_ZONE
			})
	).format(new Date(value));
}

export function formatNumber(value: number, locale?: Locale): string {
	const language = tag(locale);
	return cached(`number:${language}`, () => new Intl.NumberFormat(language)).format(value);
}
