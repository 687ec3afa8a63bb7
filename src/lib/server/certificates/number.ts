import { sql } from 'drizzle-orm';
import { vietnamYear } from '$lib/vietnam-time';
import type { Database } from '../db';

/**
 * The printed number, e.g. SH-2026-000123: the year of issue in Viet Nam (a certificate issued at
 * 23:30 UTC on 31/12 is next year's) and the register number ("số vào sổ"), which is unique across
 * years, so the number is too.
 */
export function formatCertificateNumber(registerNumber: number, issuedAt: Date): string {
	return `SH-${vietnamYear(issuedAt)}-${String(registerNumber).padStart(6, '0')}`;
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
