import { config } from '../config';

/** Day, month and year today in Vietnam, for "Bến Tre, ngày 29 tháng 11 năm 2026". */
export function vietnamDateParts(now = new Date()) {
	const parts = new Intl.DateTimeFormat('en-GB', {
		timeZone: 'Asia/Ho_Chi_Minh',
		day: '2-digit',
		month: '2-digit',
		year: 'numeric'
	}).formatToParts(now);
	const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
	return { day: get('day'), month: get('month'), year: get('year') };
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
