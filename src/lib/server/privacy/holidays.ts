/**
 * Public holidays (public_holidays) for counting working days: weekends are never working days,
 * and these days are not either. The administrator keeps the list (/admin/privacy/holidays): the
 * Labour Code 2019 Art. 112 fixes New Year's Day, 30/4, 1/5 and 2/9 (with a day next to it), while
 * Tết (5 days) and the Hùng Kings' day follow the lunar calendar and the Prime Minister announces
 * each year's dates and swapped days, so those are entered as announced.
 */
import { asc, eq, gte } from 'drizzle-orm';
import { publicHolidays } from '$db/schema';
import type { CalendarDay } from '$lib/vietnam-time';
import { recordAudit } from '../audit';
import type { Database } from '../db';

export type PublicHoliday = typeof publicHolidays.$inferSelect;

/** The days off on a fixed solar date (Labour Code 2019 Art. 112(1) a, c, d, đ), for `year`. */
export function fixedHolidays(year: number): { day: CalendarDay; name: string }[] {
	const y = String(year).padStart(4, '0');
	return [
		{ day: `${y}-01-01`, name: 'Tết Dương lịch' },
		{ day: `${y}-04-30`, name: 'Ngày Chiến thắng' },
		{ day: `${y}-05-01`, name: 'Ngày Quốc tế Lao động' },
		{ day: `${y}-09-02`, name: 'Quốc khánh' }
	];
}

/** Every holiday from `from` on (all of them without), in date order. */
export function listHolidays(db: Database, from?: CalendarDay): Promise<PublicHoliday[]> {
	return db
		.select()
		.from(publicHolidays)
		.where(from ? gte(publicHolidays.day, from) : undefined)
		.orderBy(asc(publicHolidays.day));
}

/** The days off, for vietnam-time.ts's working-day arithmetic. */
export async function holidaySet(db: Database): Promise<Set<CalendarDay>> {
	const rows = await db.select({ day: publicHolidays.day }).from(publicHolidays);
	return new Set(rows.map((r) => r.day));
}

/** Adds a day off, or renames it if it is there already. */
export async function addHoliday(
	db: Database,
	actorId: string,
	holiday: { day: CalendarDay; name: string }
): Promise<void> {
	await db.transaction(async (tx) => {
		await tx
			.insert(publicHolidays)
			.values(holiday)
			.onConflictDoUpdate({ target: publicHolidays.day, set: { name: holiday.name } });
		await recordAudit(tx, {
			actorId,
			action: 'holiday.added',
			subjectId: null,
			details: { day: holiday.day }
		});
	});
}

/** Adds the fixed-date holidays of a year that are missing; how many were added. */
export async function addFixedHolidays(db: Database, actorId: string, year: number) {
	return db.transaction(async (tx) => {
		const added = await tx
			.insert(publicHolidays)
			.values(fixedHolidays(year))
			.onConflictDoNothing()
			.returning();
		for (const row of added)
			await recordAudit(tx, {
				actorId,
				action: 'holiday.added',
				subjectId: null,
				details: { day: row.day }
			});
		return added.length;
	});
}

/** Removes a day off; false when it was not there. */
export async function removeHoliday(
	db: Database,
	actorId: string,
	day: CalendarDay
): Promise<boolean> {
	return db.transaction(async (tx) => {
		const removed = await tx.delete(publicHolidays).where(eq(publicHolidays.day, day)).returning();
		if (removed.length === 0) return false;
		await recordAudit(tx, {
			actorId,
			action: 'holiday.removed',
			subjectId: null,
			details: { day }
		});
		return true;
	});
}
