// How the day's figures read on the pages: percentages and averages, one decimal at most, in the
// reader's language (85,5% in Vietnamese).
import { formatNumber } from '$lib/format';
import { m } from '$lib/paraglide/messages';

const oneDecimal = (value: number) => Math.round(value * 10) / 10;

export const formatPercent = (value: number) => `${formatNumber(oneDecimal(value))}%`;

/** An average rating on the 1–5 scale, or a gain in percentage points (signed). */
export const formatAverage = (value: number) => formatNumber(oneDecimal(value));

export const formatGain = (value: number) =>
	`${value > 0 ? '+' : value < 0 ? '−' : ''}${formatNumber(Math.abs(oneDecimal(value)))}`;

/** The labels of the rating scale, 1 to 5. */
export const ratingLabels = () => [
	m.ws_day_rating_1(),
	m.ws_day_rating_2(),
	m.ws_day_rating_3(),
	m.ws_day_rating_4(),
	m.ws_day_rating_5()
];
