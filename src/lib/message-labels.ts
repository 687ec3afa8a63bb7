import type { DeliveryKind, DeliveryStatus, MessageChannel } from '$lib/messages';
import { m } from '$lib/paraglide/messages';

/** The name of a kind of message, for the preferences table and the delivery log. */
export function messageKindLabel(kind: DeliveryKind | string): string {
	const labels: Record<DeliveryKind, () => string> = {
		course_assigned: m.msg_kind_course_assigned,
		course_due: m.msg_kind_course_due,
		course_overdue: m.msg_kind_course_overdue,
		cohort_overdue: m.msg_kind_cohort_overdue,
		graded: m.msg_kind_graded,
		certificate_issued: m.msg_kind_certificate_issued,
		certificate_expiring: m.msg_kind_certificate_expiring,
		certificate_expired: m.msg_kind_certificate_expired,
		workshop_registered: m.msg_kind_workshop_registered,
		workshop_reminder: m.msg_kind_workshop_reminder,
		workshop_changed: m.msg_kind_workshop_changed,
		workshop_cancelled: m.msg_kind_workshop_cancelled,
		announcement: m.msg_kind_announcement,
		data_request: m.msg_kind_data_request,
		digest: m.msg_kind_digest,
		password_reset: m.msg_kind_password_reset,
		phone_code: m.msg_kind_phone_code
	};
	return labels[kind as DeliveryKind]?.() ?? kind;
}

export function channelLabel(channel: MessageChannel | string): string {
	return channel === 'email'
		? m.msg_channel_email()
		: channel === 'phone'
			? m.msg_channel_phone()
			: channel;
}

export function deliveryStatusLabel(status: DeliveryStatus): string {
	return {
		queued: m.deliveries_status_queued,
		sending: m.deliveries_status_sending,
		sent: m.deliveries_status_sent,
		failed: m.deliveries_status_failed,
		skipped: m.deliveries_status_skipped
	}[status]();
}
