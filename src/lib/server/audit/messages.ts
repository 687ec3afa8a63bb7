/**
 * The audit log as sentences: one entry per kind of event the platform records (`recordAudit`).
 *
 * ADDING A KIND IS ONE ENTRY in `auditKinds` below (plus its `audit_event_…` sentence and
 * `audit_action_…` filter label in messages/vi.json and messages/en.json): say what the event's
 * `subjectId` names (`subject`), so the log looks the name up in the right table, and write the
 * sentence from the resolved names. Ids in `details` named `userId`, `courseId`, `cohortId` and
 * `organisationId` are resolved for every kind without further work. A kind with no entry still
 * reads as a plain sentence ("… performed «course review submitted»").
 */
import { m } from '$lib/paraglide/messages';
import { formatDate, formatDateTime, formatNumber } from '$lib/format';
import { roleName } from '$lib/labels';
import { channelLabel, messageKindLabel } from '$lib/message-labels';
import { getLocale } from '$lib/paraglide/runtime';

/** What an event's `subjectId` names. */
export type SubjectKind = 'user' | 'course' | 'cohort' | 'invitation' | 'workshop';

export type AuditDetails = Record<string, string | number | boolean | null>;

/** A looked-up name, or why there is none. */
export type Name = { name: string } | { missing: true };

/**
 * Everything an event's sentence may name, already looked up (see names.ts). Missing things
 * render as "(tài khoản đã xóa)" and the like; absent keys mean the event does not name one.
 */
export interface EventNames {
	actor: Name | null;
	/** The user the event is about: the subject for user events, else details.userId. */
	user?: Name | null;
	course?: Name;
	cohort?: Name;
	organisation?: Name;
	/** The class people were moved to (details.to of cohort.members_moved). */
	toCohort?: Name;
	/** For invitation events: whether the invitation still exists to say what it was for. */
	invitation?: 'found' | 'missing';
	/** The workshop: the subject of workshop events, else details.workshopId. */
	workshop?: Name;
}

export interface AuditEventInput {
	action: string;
	details: AuditDetails;
	names: EventNames;
}

export interface AuditSentence {
	text: string;
	/** A second, quieter line (a note, or the raw details of an unknown kind). */
	note?: string;
}

interface AuditKind {
	subject: SubjectKind | null;
	/** Short name for the filter's list. */
	label: () => string;
	sentence: (e: Said) => AuditSentence | string;
}

/** The names as words in the reader's language, ready for a sentence. */
interface Said {
	actor: string;
	user: string;
	course: string;
	cohort: string;
	organisation: string;
	toCohort: string;
	/** "lớp «K24A»" or "khóa «…»", for invitations. */
	target: string;
	workshop: string;
	details: AuditDetails;
}

const text = (d: AuditDetails, key: string) => {
	const v = d[key];
	return v === null || v === undefined || v === '' ? '' : String(v);
};
const lower = (s: string) => s.toLocaleLowerCase(getLocale() === 'vi' ? 'vi-VN' : 'en-GB');
const roleWord = (role: string) =>
	role === 'manager' || role === 'trainer' || role === 'reviewer' || role === 'admin'
		? lower(roleName(role))
		: role;
const authorRole = (role: string) =>
	role === 'owner' ? m.author_role_owner() : role === 'coauthor' ? m.author_role_coauthor() : role;
const count = (d: AuditDetails, key: string) => formatNumber(Number(d[key] ?? 0));
/** The figures of a decided submission (assignments/grading.ts), as a sentence's parameters. */
const marked = (e: Said) => ({
	...e,
	assignment: text(e.details, 'assignment'),
	round: text(e.details, 'round'),
	version: text(e.details, 'version'),
	points:
		e.details.points === null || e.details.points === undefined ? '?' : count(e.details, 'points'),
	max: count(e.details, 'max'),
	result: e.details.passed ? m.grading_result_passed() : m.grading_result_failed()
});
const workshopStatus = (e: Said) => {
	const status = text(e.details, 'status');
	if (status === 'open') return m.ws_rep_audit_event_opened(e);
	if (status === 'draft') return m.ws_rep_audit_event_drafted(e);
	if (status === 'closed') return m.ws_rep_audit_event_ended(e);
	return m.ws_rep_audit_event_status_other({ ...e, status });
};

/** Consent to the notice or to phone messages (privacy/consent.ts); staff entering paper are named. */
const consentSentence = (e: Said, given: boolean): AuditSentence => {
	const phone = text(e.details, 'purpose') === 'phone_messages';
	const version = text(e.details, 'noticeVersion');
	const said = given
		? phone
			? m.audit_event_consent_given_phone(e)
			: m.audit_event_consent_given_service({ ...e, version })
		: phone
			? m.audit_event_consent_withdrawn_phone(e)
			: m.audit_event_consent_withdrawn_service(e);
	return text(e.details, 'channel') === 'paper'
		? { text: said, note: m.audit_event_consent_recorded_by(e) }
		: { text: said };
};

/** A data request's kind (privacy/requests.ts) as its label. */
const requestKind = (e: Said) => {
	const kind = text(e.details, 'kind');
	const label = (
		{
			access: m.privacy_request_kind_access,
			correct: m.privacy_request_kind_correct,
			export: m.privacy_request_kind_export,
			restrict: m.privacy_request_kind_restrict,
			delete: m.privacy_request_kind_delete,
			withdraw: m.privacy_request_kind_withdraw
		} as Record<string, () => string>
	)[kind];
	return label ? label() : kind;
};

export const auditKinds: Record<string, AuditKind> = {
	'person.erased': {
		subject: 'user',
		label: m.audit_action_person_erased,
		sentence: (e) =>
			text(e.details, 'reason') === 'self'
				? m.audit_event_person_erased_self()
				: text(e.details, 'reason') === 'retention'
					? m.audit_event_person_erased_retention(e)
					: m.audit_event_person_erased_request(e)
	},
	'person.restriction_lifted': {
		subject: 'user',
		label: m.audit_action_person_restriction_lifted,
		sentence: (e) => m.audit_event_person_restriction_lifted(e)
	},
	'retention.run': {
		subject: null,
		label: m.privacy_retention_audit_action,
		sentence: (e) =>
			m.privacy_retention_audit_event({
				actor: e.actor,
				accounts: count(e.details, 'accounts'),
				rows: formatNumber(
					Object.entries(e.details)
						.filter(([rule]) => rule !== 'accounts')
						.reduce((sum, [, n]) => sum + (typeof n === 'number' ? n : 0), 0)
				)
			})
	},
	'data_request.filed': {
		subject: 'user',
		label: m.audit_action_data_request_filed,
		sentence: (e) => m.audit_event_data_request_filed({ ...e, kind: requestKind(e) })
	},
	'data_request.recorded': {
		subject: 'user',
		label: m.audit_action_data_request_recorded,
		sentence: (e) => m.audit_event_data_request_recorded({ ...e, kind: requestKind(e) })
	},
	'data_request.acknowledged': {
		subject: 'user',
		label: m.audit_action_data_request_acknowledged,
		sentence: (e) => m.audit_event_data_request_acknowledged({ ...e, kind: requestKind(e) })
	},
	'data_request.extended': {
		subject: 'user',
		label: m.audit_action_data_request_extended,
		sentence: (e) =>
			m.audit_event_data_request_extended({
				...e,
				kind: requestKind(e),
				date: formatDate(text(e.details, 'until'))
			})
	},
	'data_request.completed': {
		subject: 'user',
		label: m.audit_action_data_request_completed,
		sentence: (e) => m.audit_event_data_request_completed({ ...e, kind: requestKind(e) })
	},
	'data_request.refused': {
		subject: 'user',
		label: m.audit_action_data_request_refused,
		sentence: (e) => m.audit_event_data_request_refused({ ...e, kind: requestKind(e) })
	},
	'data_request.cancelled': {
		subject: 'user',
		label: m.audit_action_data_request_cancelled,
		sentence: (e) => m.audit_event_data_request_cancelled({ ...e, kind: requestKind(e) })
	},
	'holiday.added': {
		subject: null,
		label: m.audit_action_holiday_added,
		sentence: (e) => m.audit_event_holiday_added({ ...e, date: formatDate(text(e.details, 'day')) })
	},
	'holiday.removed': {
		subject: null,
		label: m.audit_action_holiday_removed,
		sentence: (e) =>
			m.audit_event_holiday_removed({ ...e, date: formatDate(text(e.details, 'day')) })
	},
	'role.granted': {
		subject: 'user',
		label: m.audit_action_role_granted,
		sentence: (e) =>
			text(e.details, 'role') === 'admin'
				? m.audit_event_role_granted_admin(e)
				: m.audit_event_role_granted({ ...e, role: roleWord(text(e.details, 'role')) })
	},
	'role.revoked': {
		subject: 'user',
		label: m.audit_action_role_revoked,
		sentence: (e) =>
			text(e.details, 'role') === 'admin'
				? m.audit_event_role_revoked_admin(e)
				: m.audit_event_role_revoked({ ...e, role: roleWord(text(e.details, 'role')) })
	},
	'guardian_consent.recorded': {
		subject: 'user',
		label: m.audit_action_guardian_consent_recorded,
		sentence: (e) => m.audit_event_guardian_consent_recorded(e)
	},
	'guardian_consent.withdrawn': {
		subject: 'user',
		label: m.audit_action_guardian_consent_withdrawn,
		sentence: (e) => m.audit_event_guardian_consent_withdrawn(e)
	},
	'password_reset.issued': {
		subject: 'user',
		label: m.audit_action_password_reset_issued,
		sentence: (e) => m.audit_event_password_reset_issued(e)
	},
	'certificate.revoked': {
		subject: 'user',
		label: m.audit_action_certificate_revoked,
		sentence: (e) =>
			m.audit_event_certificate_revoked({
				...e,
				number: text(e.details, 'number'),
				reason: text(e.details, 'reason')
			})
	},
	'certificate.reinstated': {
		subject: 'user',
		label: m.audit_action_certificate_reinstated,
		sentence: (e) => ({
			text: m.audit_event_certificate_reinstated({ ...e, number: text(e.details, 'number') }),
			note: text(e.details, 'note') ? m.audit_note({ note: text(e.details, 'note') }) : undefined
		})
	},
	'account.deleted': {
		subject: 'user',
		label: m.audit_action_account_deleted,
		sentence: () => m.audit_event_account_deleted()
	},
	'phone.verified': {
		subject: 'user',
		label: m.audit_action_phone_verified,
		sentence: (e) => m.audit_event_phone_verified(e)
	},
	'phone.removed': {
		subject: 'user',
		label: m.audit_action_phone_removed,
		sentence: (e) => m.audit_event_phone_removed(e)
	},
	'consent.given': {
		subject: 'user',
		label: m.audit_action_consent_given,
		sentence: (e) => consentSentence(e, true)
	},
	'consent.withdrawn': {
		subject: 'user',
		label: m.audit_action_consent_withdrawn,
		sentence: (e) => consentSentence(e, false)
	},
	'notice.published': {
		subject: null,
		label: m.audit_action_notice_published,
		sentence: (e) =>
			(e.details.requiresConsent
				? m.audit_event_notice_published_again
				: m.audit_event_notice_published)({ ...e, version: text(e.details, 'version') })
	},
	'cohort.members_added': {
		subject: 'cohort',
		label: m.audit_action_cohort_members_added,
		sentence: (e) => m.audit_event_cohort_members_added({ ...e, count: count(e.details, 'count') })
	},
	'cohort.imported': {
		subject: 'cohort',
		label: m.audit_action_cohort_imported,
		sentence: (e) => m.audit_event_cohort_imported({ ...e, count: count(e.details, 'accounts') })
	},
	'cohort.course_assigned': {
		subject: 'cohort',
		label: m.audit_action_cohort_course_assigned,
		sentence: (e) =>
			text(e.details, 'dueOn')
				? m.audit_event_cohort_course_assigned({ ...e, due: formatDate(text(e.details, 'dueOn')) })
				: m.audit_event_cohort_course_assigned_no_due(e)
	},
	'cohort.course_due_changed': {
		subject: 'cohort',
		label: m.audit_action_cohort_course_due_changed,
		sentence: (e) =>
			text(e.details, 'dueOn')
				? m.audit_event_cohort_course_due_changed({
						...e,
						due: formatDate(text(e.details, 'dueOn'))
					})
				: m.audit_event_cohort_course_due_removed(e)
	},
	'cohort.course_unassigned': {
		subject: 'cohort',
		label: m.audit_action_cohort_course_unassigned,
		sentence: (e) => m.audit_event_cohort_course_unassigned(e)
	},
	'cohort.members_removed': {
		subject: 'cohort',
		label: m.audit_action_cohort_members_removed,
		sentence: (e) =>
			m.audit_event_cohort_members_removed({ ...e, count: count(e.details, 'count') })
	},
	'cohort.members_moved': {
		subject: 'cohort',
		label: m.audit_action_cohort_members_moved,
		sentence: (e) =>
			m.audit_event_cohort_members_moved({ ...e, count: count(e.details, 'count'), to: e.toCohort })
	},
	'course.created': {
		subject: 'course',
		label: m.audit_action_course_created,
		sentence: (e) => m.audit_event_course_created(e)
	},
	'course.imported': {
		subject: 'course',
		label: m.audit_action_course_imported,
		sentence: (e) => m.audit_event_course_imported(e)
	},
	'course.published': {
		subject: 'course',
		label: m.audit_action_course_published,
		sentence: (e) => m.audit_event_course_published({ ...e, version: text(e.details, 'version') })
	},
	'course.review_submitted': {
		subject: 'course',
		label: m.audit_action_course_review_submitted,
		sentence: (e) =>
			e.details.replaced
				? m.audit_event_course_review_resubmitted(e)
				: m.audit_event_course_review_submitted(e)
	},
	'course.review_returned': {
		subject: 'course',
		label: m.audit_action_course_review_returned,
		sentence: (e) => m.audit_event_course_review_returned(e)
	},
	'course.review_approved': {
		subject: 'course',
		label: m.audit_action_course_review_approved,
		sentence: (e) =>
			m.audit_event_course_review_approved({ ...e, version: text(e.details, 'version') })
	},
	'course.published_to_organisation': {
		subject: 'course',
		label: m.audit_action_course_published_to_organisation,
		sentence: (e) =>
			m.audit_event_course_published_to_organisation({
				...e,
				version: text(e.details, 'version')
			})
	},
	'course.taken_over': {
		subject: 'course',
		label: m.audit_action_course_taken_over,
		sentence: (e) => m.audit_event_course_taken_over(e)
	},
	'course.author_added': {
		subject: 'course',
		label: m.audit_action_course_author_added,
		sentence: (e) =>
			m.audit_event_course_author_added({ ...e, role: authorRole(text(e.details, 'role')) })
	},
	'course.author_removed': {
		subject: 'course',
		label: m.audit_action_course_author_removed,
		sentence: (e) => m.audit_event_course_author_removed(e)
	},
	'course.owner_reassigned': {
		subject: 'course',
		label: m.audit_action_course_owner_reassigned,
		sentence: (e) => m.audit_event_course_owner_reassigned(e)
	},
	'submission.graded': {
		subject: 'user',
		label: m.grading_audit_action_graded,
		sentence: (e) => m.grading_audit_event_graded(marked(e))
	},
	'submission.returned': {
		subject: 'user',
		label: m.grading_audit_action_returned,
		sentence: (e) => m.grading_audit_event_returned(marked(e))
	},
	'submission.regraded': {
		subject: 'user',
		label: m.grading_audit_action_regraded,
		sentence: (e) =>
			e.details.passed === null || e.details.passed === undefined
				? m.grading_audit_event_regraded_returned(marked(e))
				: m.grading_audit_event_regraded(marked(e))
	},
	'grader.appointed': {
		subject: 'course',
		label: m.grading_audit_action_appointed,
		sentence: (e) =>
			e.details.lead ? m.grading_audit_event_appointed_lead(e) : m.grading_audit_event_appointed(e)
	},
	'grader.removed': {
		subject: 'course',
		label: m.grading_audit_action_removed,
		sentence: (e) => m.grading_audit_event_removed(e)
	},
	'invitation.sent': {
		subject: 'invitation',
		label: m.audit_action_invitation_sent,
		sentence: (e) => m.audit_event_invitation_sent(e)
	},
	'invitation.withdrawn': {
		subject: 'invitation',
		label: m.audit_action_invitation_withdrawn,
		sentence: (e) => m.audit_event_invitation_withdrawn(e)
	},
	'invitation.accepted': {
		subject: 'invitation',
		label: m.audit_action_invitation_accepted,
		sentence: (e) => m.audit_event_invitation_accepted(e)
	},
	'invitation.declined': {
		subject: 'invitation',
		label: m.audit_action_invitation_declined,
		sentence: (e) => m.audit_event_invitation_declined(e)
	},
	'workshop.status_changed': {
		subject: 'workshop',
		label: m.ws_rep_audit_action_status_changed,
		sentence: workshopStatus
	},
	'workshop.attendance_outside_window': {
		subject: 'user',
		label: m.ws_rep_audit_action_attendance_outside_window,
		sentence: (e) =>
			m.ws_rep_audit_event_attendance_outside_window({
				...e,
				time: text(e.details, 'at') ? formatDateTime(text(e.details, 'at')) : '?'
			})
	},
	'workshop.attendance_removed': {
		subject: 'user',
		label: m.ws_rep_audit_action_attendance_removed,
		sentence: (e) => m.ws_rep_audit_event_attendance_removed(e)
	},
	'workshop.walk_in_account_created': {
		subject: 'user',
		label: m.ws_rep_audit_action_walk_in_account_created,
		sentence: (e) => m.ws_rep_audit_event_walk_in_account_created(e)
	},
	'workshop.registration_cancelled': {
		subject: 'user',
		label: m.ws_rep_audit_action_registration_cancelled,
		sentence: (e) => m.ws_rep_audit_event_registration_cancelled(e)
	},
	'workshop.cohort_registered': {
		subject: 'workshop',
		label: m.ws_rep_audit_action_cohort_registered,
		sentence: (e) => {
			const counts = {
				...e,
				registered: count(e.details, 'registered'),
				waitlisted: count(e.details, 'waitlisted')
			};
			return Number(e.details.waitlisted ?? 0) > 0
				? m.ws_rep_audit_event_cohort_registered_waitlist(counts)
				: m.ws_rep_audit_event_cohort_registered(counts);
		}
	},
	'workshop.trainer_added': {
		subject: 'workshop',
		label: m.audit_action_workshop_trainer_added,
		sentence: (e) => m.audit_event_workshop_trainer_added(e)
	},
	'workshop.trainer_removed': {
		subject: 'workshop',
		label: m.audit_action_workshop_trainer_removed,
		sentence: (e) => m.audit_event_workshop_trainer_removed(e)
	},
	'workshop.closed': {
		subject: 'workshop',
		label: m.ws_close_audit_action_closed,
		sentence: (e) =>
			m.ws_close_audit_event_closed({ ...e, count: count(e.details, 'certificates') })
	},
	'workshop.certificates_reissued': {
		subject: 'workshop',
		label: m.ws_close_audit_action_reissued,
		sentence: (e) =>
			m.ws_close_audit_event_reissued({ ...e, count: count(e.details, 'certificates') })
	},
	'workshop.reopened': {
		subject: 'workshop',
		label: m.ws_close_audit_action_reopened,
		sentence: (e) => m.ws_close_audit_event_reopened(e)
	},
	'workshop.cancelled': {
		subject: 'workshop',
		label: m.ws_cancel_audit_action,
		sentence: (e) => ({
			text: m.ws_cancel_audit_event(e),
			note: text(e.details, 'reason')
				? m.ws_cancel_audit_note({ reason: text(e.details, 'reason') })
				: undefined
		})
	},
	'announcement.sent_cohort': {
		subject: 'cohort',
		label: m.announce_audit_action_cohort,
		sentence: (e) => m.announce_audit_event_cohort({ ...e, count: count(e.details, 'recipients') })
	},
	'announcement.sent_workshop': {
		subject: 'workshop',
		label: m.announce_audit_action_workshop,
		sentence: (e) =>
			m.announce_audit_event_workshop({ ...e, count: count(e.details, 'recipients') })
	},
	'workshop.attendance_after_close': {
		subject: 'user',
		label: m.ws_close_audit_action_after_close,
		sentence: (e) => m.ws_close_audit_event_after_close(e)
	},
	'workshop.paper_scores_entered': {
		subject: 'workshop',
		label: m.ws_day_audit_action_paper_scores,
		sentence: (e) =>
			m.ws_day_audit_event_paper_scores({
				...e,
				saved: count(e.details, 'saved'),
				removed: count(e.details, 'removed')
			})
	},
	'workshop.paper_survey_entered': {
		subject: 'workshop',
		label: m.ws_day_audit_action_paper_survey,
		sentence: (e) => m.ws_day_audit_event_paper_survey(e)
	},
	'delivery.resent': {
		subject: 'user',
		label: m.audit_action_delivery_resent,
		sentence: (e) =>
			m.audit_event_delivery_resent({
				...e,
				kind: messageKindLabel(text(e.details, 'kind')),
				channel: lower(channelLabel(text(e.details, 'channel')))
			})
	},
	'breach.recorded': {
		subject: null,
		label: m.privacy_breach_audit_action_recorded,
		sentence: (e) => m.privacy_breach_audit_event_recorded(e)
	},
	'breach.updated': {
		subject: null,
		label: m.privacy_breach_audit_action_updated,
		sentence: (e) => m.privacy_breach_audit_event_updated(e)
	},
	'breach.authority_notified': {
		subject: null,
		label: m.privacy_breach_audit_action_authority,
		sentence: (e) => m.privacy_breach_audit_event_authority(e)
	},
	'breach.people_notified': {
		subject: null,
		label: m.privacy_breach_audit_action_people,
		sentence: (e) => m.privacy_breach_audit_event_people(e)
	},
	'breach.closed': {
		subject: null,
		label: m.privacy_breach_audit_action_closed,
		sentence: (e) => m.privacy_breach_audit_event_closed(e)
	},
	'breach.reopened': {
		subject: null,
		label: m.privacy_breach_audit_action_reopened,
		sentence: (e) => m.privacy_breach_audit_event_reopened(e)
	}
};

/** What an event's subject id names; for a kind with no entry, guessed from its prefix. */
export function subjectKind(action: string): SubjectKind | null {
	const known = auditKinds[action];
	if (known) return known.subject;
	const prefix = action.split('.')[0];
	if (prefix === 'course' || prefix === 'cohort' || prefix === 'invitation') return prefix;
	if (prefix === 'workshop') return 'workshop';
	if (prefix === 'role' || prefix === 'account' || prefix === 'password_reset') return 'user';
	return null;
}

/** An action key as words: 'course.review_submitted' → 'course review submitted'. */
const readable = (action: string) => action.replace(/[._]+/g, ' ').trim();

/** The filter list's name for a kind. */
export function auditKindLabel(action: string): string {
	return auditKinds[action]?.label() ?? readable(action);
}

function say(name: Name | null | undefined, missing: () => string): string {
	if (!name) return missing();
	return 'name' in name ? name.name : missing();
}

/** One event as a sentence in the reader's language. */
export function auditSentence(event: AuditEventInput): AuditSentence {
	const { names, details } = event;
	const course = say(names.course, m.audit_course_missing);
	const cohort = say(names.cohort, m.audit_cohort_missing);
	const target = names.cohort
		? 'name' in names.cohort
			? m.audit_target_cohort({ name: cohort })
			: cohort
		: names.course
			? 'name' in names.course
				? m.audit_target_course({ name: course })
				: course
			: m.audit_invitation_missing();
	const said: Said = {
		actor: names.actor === null ? m.audit_system() : say(names.actor, m.audit_subject_deleted),
		// undefined: the event names no one; null: an invitation to an identifier with no account.
		user:
			names.user === undefined
				? m.audit_someone()
				: names.user === null
					? m.audit_invitee_unknown()
					: say(names.user, m.audit_subject_deleted),
		course,
		cohort,
		organisation: say(names.organisation, m.audit_organisation_missing),
		toCohort: say(names.toCohort, m.audit_cohort_missing),
		target,
		workshop: say(names.workshop, m.ws_rep_audit_workshop_missing),
		details
	};
	const kind = auditKinds[event.action];
	if (kind) {
		const result = kind.sentence(said);
		return typeof result === 'string' ? { text: result } : result;
	}
	const rest = Object.entries(details)
		.filter(([, v]) => v !== null && v !== '')
		.map(([k, v]) => `${k}: ${v}`)
		.join('; ');
	const action = readable(event.action);
	const subject = {
		user: names.user ? said.user : '',
		course: names.course ? m.audit_target_course({ name: course }) : '',
		cohort: names.cohort ? m.audit_target_cohort({ name: cohort }) : '',
		workshop: names.workshop ? said.workshop : '',
		invitation: ''
	}[subjectKind(event.action) ?? 'invitation'];
	return {
		text: subject
			? m.audit_event_other_on({ actor: said.actor, action, subject })
			: m.audit_event_other({ actor: said.actor, action }),
		note: rest ? m.audit_details_line({ details: rest }) : undefined
	};
}
