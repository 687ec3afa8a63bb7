import { getLocale } from '$lib/paraglide/runtime';

const TIME_ZONE = 'Asia/Ho_Chi_Minh';
const tag = () => (getLocale() === 'vi' ? 'vi-VN' : 'en-GB');

/** A date as readers in Viet Nam expect it (dd/mm/yyyy in Vietnamese), in Vietnam's time zone. */
export function formatDate(value: Date | string): string {
	return new Intl.DateTimeFormat(tag(), { dateStyle: 'medium', timeZone: TIME_ZONE }).format(
		new Date(value)
	);
}

export function formatDateTime(value: Date | string): string {
	return new Intl.DateTimeFormat(tag(), {
		dateStyle: 'medium',
		timeStyle: 'short',
		timeZone: TIME_ZONE
	}).format(new Date(value));
}

export function formatNumber(value: number): string {
	return new Intl.NumberFormat(tag()).format(value);
}
