// Vocabulary of workshops (in-person training), shared by the database schema, the forms and the
// pages. No server code here.

/** Who may register: anyone (open), only people staff add (invitation), or one cohort's members. */
export const registrationModes = ['open', 'invitation', 'cohort'] as const;
export type RegistrationMode = (typeof registrationModes)[number];

/**
 * A draft is seen only by those who plan it; open takes registrations; closed is over; cancelled
 * will not take place (its people were told why) and is never counted as held.
 */
export const workshopStatuses = ['draft', 'open', 'closed', 'cancelled'] as const;
export type WorkshopStatus = (typeof workshopStatuses)[number];

export const registrationStatuses = ['registered', 'waitlisted', 'cancelled'] as const;
export type RegistrationStatus = (typeof registrationStatuses)[number];

/** How a registration came: the person themself, a manager's cohort, a walk-in on the day, staff. */
export const registrationSources = ['self', 'cohort', 'walk_in', 'staff'] as const;
export type RegistrationSource = (typeof registrationSources)[number];

/** How attendance was taken: the rotating QR code, a tap on the trainer's list, a paper sheet, staff. */
export const attendanceMethods = ['qr', 'tap', 'paper', 'staff'] as const;
export type AttendanceMethod = (typeof attendanceMethods)[number];

/** A workshop's tests: before and after the training (Kirkpatrick level 2). */
export const testPhases = ['pre', 'post'] as const;
export type TestPhase = (typeof testPhases)[number];

/** A test score came from a quiz attempt on the phone, or was typed in from a paper test. */
export const testSources = ['online', 'paper'] as const;
export type TestSource = (typeof testSources)[number];

/**
 * What attending a workshop asks: every session, or a share of them (0.75: three of four; rounded
 * up). The same rule serves a blended course's completion and a certificate of attendance.
 */
export type WorkshopAttendanceRule = { kind: 'all' } | { kind: 'share'; share: number };

/** A survey question: a rating from 1 (poor) to 5 (very good), or a free comment. */
export type SurveyQuestion = {
	id: string;
	kind: 'rating' | 'comment';
	text: string;
	/** A comment may be left empty; ratings are always asked for. */
	required?: boolean;
};

/** questionId → the rating (1–5) or the comment given. */
export type SurveyAnswers = Record<string, number | string>;

/**
 * A Vietnamese phone number as it is kept: the platform stores no phone numbers of their own, so a
 * person who gives one (a walk-in, a two-field sign-up) has it as their username, written the one
 * way, "0912345678" ("+84 912 345 678", "091.234.5678" and "84912345678" all become that). Null
 * for anything that is not a phone number.
 */
export function phoneAsUsername(raw: string): string | null {
	const compact = raw.trim().replace(/[\s.\-()]/g, '');
	if (!/^\+?\d+$/.test(compact)) return null;
	let digits = compact.replace(/^\+/, '');
	if (digits.startsWith('84') && digits.length >= 11) digits = '0' + digits.slice(2);
	return /^0\d{9,10}$/.test(digits) ? digits : null;
}
