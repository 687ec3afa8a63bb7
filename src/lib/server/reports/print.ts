import { dayParts, vietnamDay } from '$lib/vietnam-time';
import { config } from '../config';

/** Day, month and year today in Vietnam, for "Bến Tre, ngày 29 tháng 11 năm 2026". */
export function vietnamDateParts(now = new Date()) {
	return dayParts(vietnamDay(now));
}

/** Who issues the report and who signs it: the same body as on the certificates. */
export function reportIssuer() {
	const c = config().certificates;
	return {
		issuer: c.issuer,
		place: c.place,
		signatoryName: c.signatoryName ?? null,
		signatoryTitle: c.signatoryTitle
	};
}
