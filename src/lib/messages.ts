// Vocabulary of messages (inbox, e-mail, phone), shared by the database schema, the forms and the
// pages. No server code here.

/**
 * What the platform tells people. Each kind appears in the inbox; a reminder kind reaches e-mail
 * and phone only in the day's digest (one a day, not one per course).
 */
export const messageKinds = [
	'course_assigned',
	'course_due',
	'course_overdue',
	'cohort_overdue',
	'graded',
	'certificate_issued',
	'certificate_expiring',
	'certificate_expired',
	'workshop_registered',
	'workshop_reminder',
	'workshop_changed',
	'workshop_cancelled',
	'announcement',
	'data_request'
] as const;
export type MessageKind = (typeof messageKinds)[number];

/** Reminders: computed by the daily sweep in Vietnam time and grouped into one digest a day. */
export const reminderKinds: readonly MessageKind[] = [
	'course_due',
	'course_overdue',
	'cohort_overdue',
	'certificate_expiring',
	'certificate_expired',
	'workshop_reminder'
];

export function isReminder(kind: MessageKind): boolean {
	return reminderKinds.includes(kind);
}

/** Channels outside the platform; the inbox always receives everything and cannot be turned off. */
export const messageChannels = ['email', 'phone'] as const;
export type MessageChannel = (typeof messageChannels)[number];

/**
 * What leaves the platform without an inbox row: the day's digest of reminders, a password reset
 * link (e-mail), a phone verification code (phone).
 */
export const outboxOnlyKinds = ['digest', 'password_reset', 'phone_code'] as const;
export type OutboxOnlyKind = (typeof outboxOnlyKinds)[number];
export type DeliveryKind = MessageKind | OutboxOnlyKind;

/**
 * Defaults when a person has chosen nothing. E-mail: everything. Phone messages cost the province
 * per message and interrupt: only what changes someone's day or a deadline they would regret.
 */
export const phoneByDefault: readonly MessageKind[] = [
	'workshop_changed',
	'workshop_cancelled',
	'workshop_reminder',
	'certificate_expiring',
	'announcement'
];

export function enabledByDefault(kind: MessageKind, channel: MessageChannel): boolean {
	return channel === 'email' ? true : phoneByDefault.includes(kind);
}

/** queued → sending → sent; failed after the last retry (the reason kept); skipped when no longer wanted. */
export const deliveryStatuses = ['queued', 'sending', 'sent', 'failed', 'skipped'] as const;
export type DeliveryStatus = (typeof deliveryStatuses)[number];

export const announcementScopes = ['cohort', 'workshop'] as const;
export type AnnouncementScope = (typeof announcementScopes)[number];

/**
 * What a message's text is built from. Only what the text shows: titles, dates (YYYY-MM-DD or ISO
 * instants), counts and codes; never another person's personal data.
 */
export type MessageParams = Record<string, string | number | boolean | null>;

/** Longest announcement a manager or trainer may send: it must fit a phone screen and a ZNS template. */
export const ANNOUNCEMENT_SUBJECT_MAX = 120;
export const ANNOUNCEMENT_BODY_MAX = 1000;
