/**
 * The legal clock of a data request (README, "Personal data" › "Data requests").
 *
 * Decree 356/2025/NĐ-CP Art. 5 (in force 1 January 2026; it replaced Decree 13/2023): the controller
 * answers a request within 2 WORKING days of receiving it, telling the person how it will be dealt
 * with (Art. 5, the acknowledgement), then carries it out within a period per kind of request, which
 * it may extend ONCE, by at most as long again, giving the person the reason:
 * - withdrawal of consent, restriction of processing (Art. 5(2)): 15 days, extension ≤ 15 days;
 * - access, correction, provision of a copy (Art. 5(3)): 10 days, extension ≤ 10 days;
 * - deletion (Art. 5(4)): 20 days, extension ≤ 20 days.
 * (Longer periods apply where a processor or third party must act: 20, 15 and 30 days. The platform
 * processes its own data, so the shorter ones apply.) The figures for Art. 5(3) and 5(4) come from
 * secondary sources quoting the official text; confirm them against the Công báo copy.
 *
 * The decree says "ngày" (days) for the periods and "ngày làm việc" (working days) only for the
 * acknowledgement; whether the periods are calendar days is the operator's choice
 * (PRIVACY_REQUEST_DAYS, calendar by default: the stricter reading). Either way a period starts the
 * day after the request is received and a calendar period that ends on a weekend or public holiday
 * ends on the next working day (Civil Code 2015 Art. 147–148; vietnam-time.ts periodEnd). Every
 * deadline is the END of its last day in Vietnam time.
 */
import type { DataRequestKind } from '$db/schema';
import {
	type CalendarDay,
	daysBetween,
	dayEnd,
	lastDayBefore,
	periodEnd,
	vietnamDay,
	workingDaysLeft
} from '$lib/vietnam-time';

export const ACKNOWLEDGE_WORKING_DAYS = 2;

export interface RequestPeriod {
	/** Days to carry the request out, from the day after it was received. */
	days: number;
	/** The one extension allowed, at most this many days more. */
	extension: number;
	/** Where the decree says so. */
	article: string;
}

export const requestPeriods: Record<DataRequestKind, RequestPeriod> = {
	access: { days: 10, extension: 10, article: 'Decree 356/2025 Art. 5(3)' },
	correct: { days: 10, extension: 10, article: 'Decree 356/2025 Art. 5(3)' },
	export: { days: 10, extension: 10, article: 'Decree 356/2025 Art. 5(3)' },
	restrict: { days: 15, extension: 15, article: 'Decree 356/2025 Art. 5(2)' },
	withdraw: { days: 15, extension: 15, article: 'Decree 356/2025 Art. 5(2)' },
	delete: { days: 20, extension: 20, article: 'Decree 356/2025 Art. 5(4)' }
};

export type Counting = 'calendar' | 'working';

/** When a request received at `receivedAt` must be acknowledged and carried out. */
export function requestDeadlines(
	kind: DataRequestKind,
	receivedAt: Date,
	holidays: ReadonlySet<CalendarDay>,
	counting: Counting
): { acknowledgeBy: Date; dueAt: Date } {
	return {
		acknowledgeBy: dayEnd(periodEnd(receivedAt, ACKNOWLEDGE_WORKING_DAYS, 'working', holidays)),
		dueAt: dayEnd(periodEnd(receivedAt, requestPeriods[kind].days, counting, holidays))
	};
}

/**
 * The latest deadline the one extension may set: the period again, counted from the day after the
 * original deadline's last day.
 */
export function latestExtension(
	kind: DataRequestKind,
	dueAt: Date,
	holidays: ReadonlySet<CalendarDay>,
	counting: Counting
): Date {
	// The last instant of the original last day: the extension counts from the day after it.
	const lastInstant = new Date(dueAt.getTime() - 1);
	return dayEnd(periodEnd(lastInstant, requestPeriods[kind].extension, counting, holidays));
}

export interface Clock {
	/** The deadline in force: the extended one if any. */
	due: Date;
	/** Its last day, as people read it ("hết ngày 20/01/2027"). */
	lastDay: CalendarDay;
	overdue: boolean;
	/** Calendar days past the last day (0 when not overdue). */
	daysOverdue: number;
	/** Working days left until the last day (0 on the day itself; negative once past). */
	workingDaysLeft: number;
	/** Open and not acknowledged past the 2 working days. */
	acknowledgementOverdue: boolean;
}

/** Where an open request stands at `now`; a closed one is never overdue. */
export function requestClock(
	request: {
		status: string;
		dueAt: Date;
		extendedDueAt: Date | null;
		acknowledgeBy: Date;
		acknowledgedAt: Date | null;
	},
	now: Date,
	holidays: ReadonlySet<CalendarDay>
): Clock {
	const due = request.extendedDueAt ?? request.dueAt;
	const lastDay = lastDayBefore(due);
	const open = request.status === 'open';
	const overdue = open && now >= due;
	return {
		due,
		lastDay,
		overdue,
		daysOverdue: overdue ? Math.max(1, daysBetween(lastDay, vietnamDay(now))) : 0,
		workingDaysLeft: workingDaysLeft(vietnamDay(now), lastDay, holidays),
		acknowledgementOverdue: open && !request.acknowledgedAt && now >= request.acknowledgeBy
	};
}
