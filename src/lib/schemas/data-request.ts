import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { parseDay, vietnamDay } from '$lib/vietnam-time';
import { identifier } from './fields';

/** As db/schema/privacy.ts lists them (kept here too: forms load in the browser). */
export const dataRequestKinds = [
	'access',
	'correct',
	'export',
	'restrict',
	'delete',
	'withdraw'
] as const;

const kind = z.enum(dataRequestKinds, { error: () => m.privacy_request_error_kind() });
const details = z
	.string()
	.trim()
	.max(2000, { error: () => m.privacy_request_error_details() })
	.default('');
const text = (max: number, error: () => string) =>
	z.string().trim().min(1, { error }).max(max, { error });

/** What a person sends from /account/privacy/requests. */
export const fileRequestSchema = z
	.object({ kind, details })
	.refine((v) => v.kind !== 'correct' || v.details.length > 0, {
		path: ['details'],
		error: () => m.privacy_request_error_correct()
	});

export const cancelRequestSchema = z.object({ requestId: z.uuid() });

/** A request received on paper, entered by the administrator. */
export const paperRequestSchema = z.object({
	identifier,
	kind,
	details,
	receivedOn: z
		.string()
		.trim()
		.refine((v) => parseDay(v) !== null && v <= vietnamDay(new Date()), {
			error: () => m.privacy_request_error_received()
		})
});

export const acknowledgeRequestSchema = z.object({});

export const extendRequestSchema = z.object({
	until: z
		.string()
		.trim()
		.refine((v) => parseDay(v) !== null, { error: () => m.privacy_request_error_until() }),
	reason: text(1000, () => m.privacy_request_error_reason())
});

export const completeRequestSchema = z.object({
	answer: text(4000, () => m.privacy_request_error_answer()),
	purpose: z.enum(['phone_messages', 'service']).default('phone_messages'),
	/** A deletion erases the person for good: the administrator ticks that they mean it. */
	confirm: z.boolean().default(false)
});

export const refuseRequestSchema = z.object({
	reason: text(4000, () => m.privacy_request_error_refusal())
});

export const holidaySchema = z.object({
	day: z
		.string()
		.trim()
		.refine((v) => parseDay(v) !== null, { error: () => m.privacy_holiday_error_day() }),
	name: text(120, () => m.privacy_holiday_error_name())
});

export const removeHolidaySchema = z.object({
	day: z
		.string()
		.trim()
		.refine((v) => parseDay(v) !== null, { error: () => m.privacy_holiday_error_day() })
});

export const fixedHolidaysSchema = z.object({
	year: z.coerce
		.number()
		.int()
		.min(2020, { error: () => m.privacy_holiday_error_year() })
		.max(2100, { error: () => m.privacy_holiday_error_year() })
});

/** A data request's kind as its label (the kinds as privacy/requests.ts knows them). */
export function requestKindLabel(kind: string): string {
	const labels: Record<string, () => string> = {
		access: m.privacy_request_kind_access,
		correct: m.privacy_request_kind_correct,
		export: m.privacy_request_kind_export,
		restrict: m.privacy_request_kind_restrict,
		delete: m.privacy_request_kind_delete,
		withdraw: m.privacy_request_kind_withdraw
	};
	return labels[kind]?.() ?? kind;
}

/** What was done, as recorded in a request's actions. */
export function requestActionLabel(action: string): string {
	const labels: Record<string, () => string> = {
		erased: m.privacy_request_action_erased,
		restricted: m.privacy_request_action_restricted,
		consent_withdrawn: m.privacy_request_action_consent_withdrawn,
		data_download: m.privacy_request_action_data_download,
		corrected: m.privacy_request_action_corrected
	};
	return labels[action]?.() ?? action;
}

/** A request's status in words. */
export function requestStatusLabel(status: string): string {
	const labels: Record<string, () => string> = {
		open: m.privacy_request_status_open,
		done: m.privacy_request_status_done,
		refused: m.privacy_request_status_refused,
		cancelled: m.privacy_request_status_cancelled
	};
	return labels[status]?.() ?? status;
}
