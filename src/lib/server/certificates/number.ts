import { sql } from 'drizzle-orm';
import type { Database } from '../db';

const TIME_ZONE = 'Asia/Ho_Chi_Minh';

/** The year as it was in Viet Nam at that moment (a certificate issued at 23:30 UTC on 31/12 is next year's). */
export function yearInVietnam(at: Date): number {
	return Number(new Intl.DateTimeFormat('en', { year: 'numeric', timeZone: TIME_ZONE }).format(at));
}

/**
 * The printed number, e.g. SH-2026-000123: the year of issue and the register number ("số vào sổ"),
 * which is unique across years, so the number is too.
 */
export function formatCertificateNumber(registerNumber: number, issuedAt: Date): string {
	return `SH-${yearInVietnam(issuedAt)}-${String(registerNumber).padStart(6, '0')}`;
}

/** The next register number; numbers go up in order of issue and are never reused. */
export async function nextRegisterNumber(db: Database): Promise<number> {
	const result = await db.execute(sql`select nextval('certificate_register_seq')::int as n`);
	// postgres.js returns the rows; PGlite returns { rows }.
	const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as {
		n: number | string;
	}[];
	return Number(rows[0].n);
}
