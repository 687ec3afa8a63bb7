/**
 * The words of every message, in the recipient's language: the inbox, the e-mail (subject, lines, a
 * button) and the phone (`short`, at most 160 characters). A message is rendered when it is shown or
 * sent, maybe months after it was written, from the params stored with it: a missing or odd param
 * never throws, it falls back to plainer words.
 *
 * Params per kind (what the callers put in `notify`; titles are the Vietnamese ones, with
 * `courseEn` beside `course` when the course has an English title):
 * - course_assigned      {course, courseEn?, slug, dueOn?}                 dueOn: YYYY-MM-DD
 * - course_due           {course, courseEn?, slug, dueOn, daysLeft}
 * - course_overdue       {course, courseEn?, slug, dueOn}
 * - cohort_overdue       {cohort, cohortId, overdue}                       overdue: a count
 * - graded               {course, courseEn?, slug, assignment?, passed?, returned?}
 *                                                                        returned: true when the
 *                                                                        teacher sent the work back
 *                                                                        for revision (no passed)
 * - certificate_issued   {course, courseEn?, code}
 * - certificate_expiring {course, courseEn?, code, expiresOn, daysLeft, slug}
 * - certificate_expired  {course, courseEn?, code, slug}
 * - workshop_registered  {workshop, workshopId, startsAt, venue, waitlisted}  startsAt: ISO instant
 * - workshop_reminder    {workshop, workshopId, startsAt, venue}
 * - workshop_changed     {workshop, workshopId, startsAt, venue}
 * - workshop_cancelled   {workshop, workshopId, reason?}
 * - announcement         {subject, body, from}                             from: the sender's name
 * - data_request         {request, step, dueOn?}                           request: a data request's kind
 *                                                                        (privacy/requests.ts); step:
 *                                                                        acknowledged, extended,
 *                                                                        completed or refused
 * - password_reset       {token}                                           e-mail only
 * - phone_code           {code}                                            phone only
 */
import type { DeliveryKind, MessageKind, MessageParams } from '$lib/messages';
import { m } from '$lib/paraglide/messages';
import { formatDay, parseDay, vietnamClock, vietnamDay } from '$lib/vietnam-time';

export type Language = 'vi' | 'en';

export interface RenderedMessage {
	subject: string;
	lines: string[];
	/** The button: `path` is a site path, made absolute by the sender. */
	action?: { label: string; path: string };
	/** For a phone: at most SHORT_MAX characters. */
	short: string;
	/** A digest's reminders, each with where it leads (the e-mail may link each line). */
	items?: { text: string; path: string | null }[];
}

export const SHORT_MAX = 160;

type Options = { locale: Language };

/** A param as text, trimmed; '' when missing or not text-like. */
function text(params: MessageParams, key: string): string {
	const value = params?.[key];
	if (typeof value === 'string') return value.trim();
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	return '';
}

function count(params: MessageParams, key: string): number | null {
	const value = Number(params?.[key]);
	return params?.[key] !== null && params?.[key] !== '' && Number.isFinite(value)
		? Math.round(value)
		: null;
}

/** A path segment from a param, or null: never lets a stored value break out of its path. */
function segment(params: MessageParams, key: string): string | null {
	const value = text(params, key);
	return value ? encodeURIComponent(value) : null;
}

function courseTitle(params: MessageParams, o: Options): string {
	const en = o.locale === 'en' ? text(params, 'courseEn') : '';
	return en || text(params, 'course') || m.msg_unnamed_course({}, o);
}

function weekday(day: string, o: Options): string {
	const [y, mo, d] = day.split('-').map(Number);
	const names = [
		m.msg_weekday_0,
		m.msg_weekday_1,
		m.msg_weekday_2,
		m.msg_weekday_3,
		m.msg_weekday_4,
		m.msg_weekday_5,
		m.msg_weekday_6
	];
	return names[new Date(Date.UTC(y, mo - 1, d)).getUTCDay()]({}, o);
}

/** A calendar day param: "Thứ Sáu, 04/12/2026" (long) and "04/12/2026" (date); null if unreal. */
function day(params: MessageParams, key: string, o: Options) {
	const value = parseDay(text(params, key));
	if (!value) return null;
	const date = formatDay(value);
	return { date, long: m.msg_day({ weekday: weekday(value, o), date }, o) };
}

/** An instant param in Vietnam time: "08:00 Thứ Bảy, 05/12/2026" and "08:00 05/12/2026". */
function moment(params: MessageParams, key: string, o: Options) {
	const raw = text(params, key);
	const instant = raw ? new Date(raw) : null;
	if (!instant || Number.isNaN(instant.getTime())) return null;
	const d = vietnamDay(instant);
	const time = vietnamClock(instant);
	const date = formatDay(d);
	return {
		short: `${time} ${date}`,
		long: m.msg_moment({ time, weekday: weekday(d, o), date }, o)
	};
}

/**
 * At most SHORT_MAX characters: the title (the one part that can be long) is shortened first, so
 * the sentence around it still reads; any other overflow is cut with an ellipsis.
 */
function shortFitting(build: (title: string) => string, title: string): string {
	const whole = build(title);
	if (whole.length <= SHORT_MAX) return whole;
	const room = SHORT_MAX - build('').length - 1;
	const shorter = room > 0 ? build(title.slice(0, room).trimEnd() + '…') : whole;
	return shorter.length <= SHORT_MAX ? shorter : shorter.slice(0, SHORT_MAX - 1) + '…';
}

const coursePath = (params: MessageParams) => {
	const slug = segment(params, 'slug');
	return slug ? `/courses/${slug}` : '/dashboard';
};

/** The assignment's page when the message names one, else the course's. */
const assignmentPath = (params: MessageParams) => {
	const slug = segment(params, 'slug');
	const assignment = segment(params, 'assignment');
	return slug && assignment ? `/courses/${slug}/assignment/${assignment}` : coursePath(params);
};

const workshopPath = (params: MessageParams) => {
	const id = segment(params, 'workshopId');
	return id ? `/w/${id}` : '/dashboard';
};

/** The lines and short form of a workshop's time and place. */
function workshopFacts(params: MessageParams, o: Options) {
	const when = moment(params, 'startsAt', o);
	const venue = text(params, 'venue');
	return {
		lines: [
			...(when ? [m.msg_workshop_when({ moment: when.long }, o)] : []),
			...(venue ? [m.msg_workshop_where({ venue }, o)] : [])
		],
		when: when?.short ?? '',
		where: venue ? m.msg_short_where({ venue }, o) : ''
	};
}

type Renderer = (params: MessageParams, o: Options) => RenderedMessage;

const renderers: Record<DeliveryKind, Renderer> = {
	course_assigned(params, o) {
		const course = courseTitle(params, o);
		const due = day(params, 'dueOn', o);
		return {
			subject: m.msg_course_assigned_subject({ course }, o),
			lines: [
				due ? m.msg_course_assigned_due({ day: due.long }, o) : m.msg_course_assigned_no_due({}, o)
			],
			action: { label: m.msg_course_assigned_action({}, o), path: coursePath(params) },
			short: shortFitting(
				(t) =>
					m.msg_course_assigned_short(
						{ course: t, due: due ? m.msg_short_due({ date: due.date }, o) : '' },
						o
					),
				course
			)
		};
	},
	course_due(params, o) {
		const course = courseTitle(params, o);
		const due = day(params, 'dueOn', o);
		const days = count(params, 'daysLeft');
		const subject =
			days === null
				? m.msg_course_due_subject_soon({ course }, o)
				: days > 1
					? m.msg_course_due_subject({ course, days }, o)
					: days === 1
						? m.msg_course_due_subject_tomorrow({ course }, o)
						: m.msg_course_due_subject_today({ course }, o);
		return {
			subject,
			lines: due ? [m.msg_course_due_line({ day: due.long }, o)] : [],
			action: { label: m.msg_continue_action({}, o), path: coursePath(params) },
			short: shortFitting(
				(t) =>
					due
						? m.msg_course_due_short({ course: t, date: due.date }, o)
						: m.msg_course_due_subject_soon({ course: t }, o),
				course
			)
		};
	},
	course_overdue(params, o) {
		const course = courseTitle(params, o);
		const due = day(params, 'dueOn', o);
		return {
			subject: m.msg_course_overdue_subject({ course }, o),
			lines: [
				due
					? m.msg_course_overdue_line({ day: due.long }, o)
					: m.msg_course_overdue_line_nodate({}, o)
			],
			action: { label: m.msg_continue_action({}, o), path: coursePath(params) },
			short: shortFitting((t) => m.msg_course_overdue_short({ course: t }, o), course)
		};
	},
	cohort_overdue(params, o) {
		const cohort = text(params, 'cohort') || m.msg_unnamed_cohort({}, o);
		const n = count(params, 'overdue') ?? 0;
		const id = segment(params, 'cohortId');
		const subject = (t: string) =>
			n === 1
				? m.msg_cohort_overdue_subject_one({ cohort: t, count: n }, o)
				: m.msg_cohort_overdue_subject({ cohort: t, count: n }, o);
		return {
			subject: subject(cohort),
			lines: [
				n === 1
					? m.msg_cohort_overdue_line_one({ count: n }, o)
					: m.msg_cohort_overdue_line({ count: n }, o)
			],
			action: {
				label: m.msg_cohort_overdue_action({}, o),
				path: id ? `/manage/cohorts/${id}` : '/manage'
			},
			short: shortFitting((t) => `${m.site_name({}, o)}: ${subject(t)}.`, cohort)
		};
	},
	graded(params, o) {
		const course = courseTitle(params, o);
		const path = assignmentPath(params);
		if (params?.returned === true) {
			return {
				subject: m.msg_graded_returned_subject({ course }, o),
				lines: [m.msg_graded_returned_line({}, o)],
				action: { label: m.msg_graded_returned_action({}, o), path },
				short: shortFitting((t) => m.msg_graded_returned_short({ course: t }, o), course)
			};
		}
		const passed = params?.passed;
		const line =
			passed === true
				? m.msg_graded_passed({}, o)
				: passed === false
					? m.msg_graded_failed_resubmit({}, o)
					: m.msg_graded_unknown({}, o);
		const result =
			passed === true
				? m.msg_graded_passed({}, o)
				: passed === false
					? m.msg_graded_failed_short({}, o)
					: m.msg_graded_unknown({}, o);
		return {
			subject: m.msg_graded_subject({ course }, o),
			lines: [line],
			action: { label: m.msg_graded_action({}, o), path },
			short: shortFitting((t) => m.msg_graded_short({ course: t, result }, o), course)
		};
	},
	certificate_issued(params, o) {
		const course = courseTitle(params, o);
		const code = text(params, 'code');
		const path = segment(params, 'code');
		return {
			subject: m.msg_certificate_issued_subject({ course }, o),
			lines: code ? [m.msg_certificate_issued_line({ code }, o)] : [],
			action: {
				label: m.msg_certificate_action({}, o),
				path: path ? `/verify/${path}` : '/dashboard'
			},
			short: shortFitting((t) => m.msg_certificate_issued_short({ course: t, code }, o), course)
		};
	},
	certificate_expiring(params, o) {
		const course = courseTitle(params, o);
		const expires = day(params, 'expiresOn', o);
		const days = count(params, 'daysLeft');
		return {
			subject: m.msg_certificate_expiring_subject({ course }, o),
			lines: [
				expires && days !== null
					? m.msg_certificate_expiring_line({ day: expires.long, days }, o)
					: m.msg_certificate_expiring_line_nodays({}, o),
				m.msg_certificate_renew_line({}, o)
			],
			action: { label: m.msg_certificate_renew_action({}, o), path: coursePath(params) },
			short: shortFitting(
				(t) =>
					expires
						? m.msg_certificate_expiring_short({ course: t, date: expires.date }, o)
						: m.msg_certificate_expiring_subject({ course: t }, o),
				course
			)
		};
	},
	certificate_expired(params, o) {
		const course = courseTitle(params, o);
		return {
			subject: m.msg_certificate_expired_subject({ course }, o),
			lines: [m.msg_certificate_renew_line({}, o)],
			action: { label: m.msg_certificate_renew_action({}, o), path: coursePath(params) },
			short: shortFitting((t) => m.msg_certificate_expired_short({ course: t }, o), course)
		};
	},
	workshop_registered(params, o) {
		const workshop = text(params, 'workshop') || m.msg_unnamed_workshop({}, o);
		const facts = workshopFacts(params, o);
		const waitlisted = params?.waitlisted === true;
		return {
			subject: waitlisted
				? m.msg_workshop_waitlisted_subject({ workshop }, o)
				: m.msg_workshop_registered_subject({ workshop }, o),
			lines: waitlisted ? [m.msg_workshop_waitlisted_line({}, o), ...facts.lines] : facts.lines,
			action: { label: m.msg_workshop_action({}, o), path: workshopPath(params) },
			short: shortFitting(
				(t) =>
					waitlisted
						? m.msg_workshop_waitlisted_short({ workshop: t }, o)
						: m.msg_workshop_registered_short({ workshop: t, ...facts }, o),
				workshop
			)
		};
	},
	workshop_reminder(params, o) {
		const workshop = text(params, 'workshop') || m.msg_unnamed_workshop({}, o);
		const facts = workshopFacts(params, o);
		return {
			subject: m.msg_workshop_reminder_subject({ workshop }, o),
			lines: [...facts.lines, m.msg_workshop_reminder_line({}, o)],
			action: { label: m.msg_workshop_action({}, o), path: workshopPath(params) },
			short: shortFitting(
				(t) => m.msg_workshop_reminder_short({ workshop: t, ...facts }, o),
				workshop
			)
		};
	},
	workshop_changed(params, o) {
		const workshop = text(params, 'workshop') || m.msg_unnamed_workshop({}, o);
		const facts = workshopFacts(params, o);
		return {
			subject: m.msg_workshop_changed_subject({ workshop }, o),
			lines: [m.msg_workshop_changed_line({}, o), ...facts.lines],
			action: { label: m.msg_workshop_action({}, o), path: workshopPath(params) },
			short: shortFitting(
				(t) => m.msg_workshop_changed_short({ workshop: t, ...facts }, o),
				workshop
			)
		};
	},
	workshop_cancelled(params, o) {
		const workshop = text(params, 'workshop') || m.msg_unnamed_workshop({}, o);
		const reason = text(params, 'reason');
		return {
			subject: m.msg_workshop_cancelled_subject({ workshop }, o),
			lines: [
				...(reason ? [m.msg_workshop_cancelled_reason({ reason }, o)] : []),
				m.msg_workshop_cancelled_line({}, o)
			],
			action: { label: m.msg_workshop_action({}, o), path: workshopPath(params) },
			short: shortFitting((t) => m.msg_workshop_cancelled_short({ workshop: t }, o), workshop)
		};
	},
	announcement(params, o) {
		const subject = text(params, 'subject') || m.msg_announcement_subject_fallback({}, o);
		const body = text(params, 'body');
		const from = text(params, 'from');
		const paragraphs = body
			.split(/\n\s*\n|\r?\n/)
			.map((p) => p.trim())
			.filter(Boolean);
		const flat = paragraphs.join(' ');
		return {
			subject,
			lines: [...paragraphs, ...(from ? [m.msg_announcement_from({ from }, o)] : [])],
			short: shortFitting((t) => (flat ? `${subject}: ${t}` : subject), flat)
		};
	},
	data_request(params, o) {
		const kinds: Record<string, (i: object, o: Options) => string> = {
			access: m.privacy_request_kind_access,
			correct: m.privacy_request_kind_correct,
			export: m.privacy_request_kind_export,
			restrict: m.privacy_request_kind_restrict,
			delete: m.privacy_request_kind_delete,
			withdraw: m.privacy_request_kind_withdraw
		};
		const label = kinds[text(params, 'request')];
		const request = label ? label({}, o) : m.msg_kind_data_request({}, o);
		const due = day(params, 'dueOn', o);
		const stepName = text(params, 'step');
		const [subject, lines] =
			stepName === 'acknowledged'
				? [
						m.msg_data_request_acknowledged_subject({ request }, o),
						due ? [m.msg_data_request_due_line({ date: due.long }, o)] : []
					]
				: stepName === 'extended'
					? [
							m.msg_data_request_extended_subject({ request }, o),
							due ? [m.msg_data_request_extended_line({ date: due.long }, o)] : []
						]
					: stepName === 'completed'
						? [
								m.msg_data_request_completed_subject({ request }, o),
								[m.msg_data_request_answer_line({}, o)]
							]
						: stepName === 'refused'
							? [
									m.msg_data_request_refused_subject({ request }, o),
									[m.msg_data_request_answer_line({}, o)]
								]
							: [m.msg_data_request_updated_subject({ request }, o), []];
		return {
			subject,
			lines,
			action: { label: m.msg_data_request_action({}, o), path: '/account/privacy/requests' },
			short: shortFitting((t) => `${m.site_name({}, o)}: ${t}.`, subject)
		};
	},
	digest(params, o) {
		// A digest is rendered from its reminders (renderDigest); alone it only points to the inbox.
		return renderDigest([], o.locale);
	},
	password_reset(params, o) {
		const token = segment(params, 'token');
		return {
			subject: m.msg_password_reset_subject({}, o),
			lines: [
				m.msg_password_reset_line({}, o),
				m.msg_password_reset_once({}, o),
				m.msg_password_reset_ignore({}, o)
			],
			action: token
				? { label: m.msg_password_reset_action({}, o), path: `/reset/${token}` }
				: undefined,
			short: m.msg_password_reset_short({}, o)
		};
	},
	phone_code(params, o) {
		const code = text(params, 'code');
		return {
			subject: m.msg_phone_code_subject({}, o),
			lines: [m.msg_phone_code_line({ code }, o)],
			short: shortFitting((c) => m.msg_phone_code_short({ code: c }, o), code)
		};
	}
};

/** The message of a kind, in a language; an unknown kind reads as a plain notice, not an error. */
export function renderMessage(
	kind: DeliveryKind,
	params: MessageParams,
	locale: Language
): RenderedMessage {
	const o: Options = { locale: locale === 'en' ? 'en' : 'vi' };
	const render = renderers[kind] ?? renderers.announcement;
	const rendered = render(params ?? {}, o);
	if (!rendered.action) delete rendered.action;
	return rendered;
}

/** The day's reminders as one message: a line per reminder, the button to the inbox. */
export function renderDigest(
	items: { kind: MessageKind; params: MessageParams; link: string | null }[],
	locale: Language
): RenderedMessage {
	const o: Options = { locale: locale === 'en' ? 'en' : 'vi' };
	const subjects = items.map((item) => renderMessage(item.kind, item.params, o.locale).subject);
	const n = subjects.length;
	return {
		subject: n === 1 ? m.msg_digest_subject_one({}, o) : m.msg_digest_subject({ count: n }, o),
		lines: [m.msg_digest_intro({}, o), ...subjects],
		action: { label: m.msg_digest_action({}, o), path: '/inbox' },
		items: items.map((item, i) => ({ text: subjects[i], path: item.link })),
		short: shortFitting((first) => m.msg_digest_short({ count: n, first }, o), subjects[0] ?? '')
	};
}
