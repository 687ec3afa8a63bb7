// Vocabulary of workshops (in-person training), shared by the database schema, the forms and the
// pages. No server code here.

/** Who may register: anyone (open), only people staff add (invitation), or one cohort's members. */
export const registrationModes = ['open', 'invitation', 'cohort'] as const;
export type RegistrationMode = (typeof registrationModes)[number];

/** A draft is seen only by those who plan it; open takes registrations; closed is over. */
export const workshopStatuses = ['draft', 'open', 'closed'] as const;
export type WorkshopStatus = (typeof workshopStatuses)[number];

export const registrationStatuses = ['registered', 'waitlisted', 'cancelled'] as const;
export type RegistrationStatus = (typeof registrationStatuses)[number];

/** How a registration came: the person themself, a manager's cohort, a walk-in on the day, staff. */
export const registrationSources = ['self', 'cohort', 'walk_in', 'staff'] as const;
export type RegistrationSource = (typeof registrationSources)[number];

/** How attendance was taken: the rotating QR code, a tap on the trainer's list, a paper sheet, staff. */
export const attendanceMethods = ['qr', 'tap', 'paper', 'staff'] as const;
export type AttendanceMethod = (typeof attendanceMethods)[number];
