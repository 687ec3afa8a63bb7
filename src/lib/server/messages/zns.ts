/**
 * Zalo Notification Service (ZNS): the phone gateway this platform ships. A message is one of the
 * Official Account's templates, approved by Zalo in Vietnamese, filled with parameters and sent to a
 * phone number that has a Zalo account (README, "Messages": what an operator registers).
 *
 * The API (developers.zalo.me, "Gửi ZNS"): POST https://business.openapi.zalo.me/message/template
 * with the header `access_token` and a JSON body {phone: "84912345678", template_id,
 * template_data, tracking_id}; the answer is JSON, `error` 0 on success with `data.msg_id`, else a
 * negative code and a `message`.
 */
import type { DeliveryKind, MessageParams } from '$lib/messages';
import { formatDay, parseDay, vietnamClock, vietnamDay } from '$lib/vietnam-time';
import { PermanentFailure, type OutgoingPhoneMessage, type PhoneGateway } from './transports';

export interface ZnsConfig {
	/** Message kind → the approved template's id. */
	templates: Record<string, string>;
	url: string;
	/** The Official Account's access token, asked for each send (zalo-token.ts keeps it renewed). */
	accessToken: () => Promise<string>;
	/** Told when Zalo answers -124 for `token`, so the source drops it and the next send renews it. */
	tokenRejected?: (token: string) => void;
}

/** ZNS's answer when the access token is invalid or expired. */
export const TOKEN_INVALID = -124;

/** Longest wait for Zalo's answer; a send that takes longer is retried by the worker's job. */
export const ZNS_TIMEOUT_MS = 15_000;

/**
 * Codes that retrying cannot mend: the number, the recipient, the template or its parameters are
 * refused. From Zalo Cloud's table "Cách xử lý mã lỗi" (zalo.cloud/zns/guidelines/handle-error-code)
 * and the codes Zalo answers with as seen in integrations: -108 phone number invalid, -109 template
 * id invalid, -111 template data empty, -112 template data invalid, -113 button invalid, -114 the
 * user is inactive or refuses ZNS, -116 text invalid, -117 the OA may not use this template, -118
 * no Zalo account for the number, -119 the account cannot receive ZNS, -130 content longer than
 * allowed, -131 template not approved, -132 parameter invalid, -139 the user refused this kind of
 * ZNS, -141 the user refused ZNS from this OA, -146 template disabled, -147 the template's (and the
 * user's) sending limit for the day reached.
 *
 * Everything else is retried with backoff: network errors, HTTP 5xx and 429, -100 unknown error,
 * -115 out of quota (the OA's balance: the operator tops it up), -124 access token invalid or
 * expired (the token source drops it and the retry renews it; a fixed token the operator replaces),
 * -144 the OA's daily limit.
 */
export const PERMANENT_CODES: ReadonlySet<number> = new Set([
	-108, -109, -111, -112, -113, -114, -116, -117, -118, -119, -130, -131, -132, -139, -141, -146,
	-147
]);

/**
 * Most characters each kind of ZNS parameter takes, from Zalo Cloud's "Các định dạng dữ liệu khi
 * truyền vào tham số trên nội dung ZNS" (zalo.cloud/blog/cac-dinh-dang-du-lieu-khi-truyen-vao-tham-
 * so-tren-noi-dung-zns): the technical setting chosen for each parameter when the template is made.
 */
export const ZNS_PARAM_LIMITS = {
	/** Tên khách hàng (30): a person's name. */
	personName: 30,
	/** Địa chỉ (80). */
	address: 80,
	/** Mã số (30): a code. */
	code: 30,
	/** Nhãn tùy chỉnh (30): a short free label. */
	label: 30,
	/** Trạng thái giao dịch (30). */
	status: 30,
	/** Tên sản phẩm / Thương hiệu (100): a course's, workshop's or cohort's name. */
	name: 100,
	/** Số lượng / Số tiền (20). */
	number: 20,
	/** Thời gian (20): "hh:mm dd/mm/yyyy" or "dd/mm/yyyy". */
	time: 20,
	/** OTP (10). */
	otp: 10,
	/** URL (200): a parameter in a button's link. */
	url: 200
} as const;

type ParamType = keyof typeof ZNS_PARAM_LIMITS;

/** Text cut to `max` characters (code points, NFC), an ellipsis marking a cut. */
export function cut(value: string, max: number): string {
	const chars = [...value.normalize('NFC').replace(/\s+/g, ' ').trim()];
	return chars.length <= max ? chars.join('') : chars.slice(0, max - 1).join('') + '…';
}

function text(params: MessageParams, key: string): string {
	const value = params[key];
	if (typeof value === 'string') return value.trim();
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	return '';
}

function dayParam(params: MessageParams, key: string): string {
	const day = parseDay(text(params, key));
	return day ? formatDay(day) : '';
}

/** An instant as ZNS's time parameter shows it, in Vietnam time: "08:00 05/12/2026". */
function momentParam(params: MessageParams, key: string): string {
	const raw = text(params, key);
	const at = raw ? new Date(raw) : null;
	if (!at || Number.isNaN(at.getTime())) return '';
	return `${vietnamClock(at)} ${formatDay(vietnamDay(at))}`;
}

/** A parameter: its ZNS type (for its length) and its value from the message's params. */
type Param = [ParamType, (params: MessageParams) => string];

const course: Param = ['name', (p) => text(p, 'course')];
const workshop: Param = ['name', (p) => text(p, 'workshop')];
const startsAt: Param = ['time', (p) => momentParam(p, 'startsAt')];
const venue: Param = ['address', (p) => text(p, 'venue')];
const certificateCode: Param = ['code', (p) => text(p, 'code')];
const daysLeft: Param = ['number', (p) => text(p, 'daysLeft')];

/**
 * The parameters each kind's template takes, by name: the names an operator gives the template's
 * parameters when submitting it to Zalo (README). Texts are the Vietnamese ones: the templates are.
 */
export const PHONE_TEMPLATE_PARAMS: Partial<Record<DeliveryKind, Record<string, Param>>> = {
	phone_code: { code: ['otp', (p) => text(p, 'code')] },
	course_assigned: {
		course,
		// A label, not a time parameter: a course may have no due date.
		due_date: ['label', (p) => dayParam(p, 'dueOn') || 'không có hạn']
	},
	course_due: { course, due_date: ['time', (p) => dayParam(p, 'dueOn')], days_left: daysLeft },
	course_overdue: { course, due_date: ['time', (p) => dayParam(p, 'dueOn')] },
	cohort_overdue: {
		cohort: ['name', (p) => text(p, 'cohort')],
		overdue: ['number', (p) => text(p, 'overdue')]
	},
	graded: {
		course,
		result: [
			'status',
			(p) => (p.passed === true ? 'Đạt' : p.passed === false ? 'Chưa đạt' : 'Đã chấm')
		]
	},
	certificate_issued: { course, code: certificateCode },
	certificate_expiring: {
		course,
		code: certificateCode,
		expires_on: ['time', (p) => dayParam(p, 'expiresOn')],
		days_left: daysLeft
	},
	certificate_expired: { course, code: certificateCode },
	workshop_registered: {
		workshop,
		starts_at: startsAt,
		venue,
		status: ['status', (p) => (p.waitlisted === true ? 'Danh sách chờ' : 'Đã đăng ký')]
	},
	workshop_reminder: { workshop, starts_at: startsAt, venue },
	workshop_changed: { workshop, starts_at: startsAt, venue },
	workshop_cancelled: {
		workshop,
		reason: ['label', (p) => text(p, 'reason') || 'không nêu lý do']
	},
	announcement: {
		subject: ['name', (p) => text(p, 'subject')],
		sender: ['personName', (p) => text(p, 'from')]
	},
	// The day's reminders in one sentence (the rendered short form), cut to the template's limit.
	digest: { summary: ['name', (p) => text(p, 'short')] }
};

/**
 * A kind's template parameters from a message's params, each cut to its ZNS limit. `link` (an
 * absolute URL, for the template's button) is added when given and within the URL limit.
 */
export function phoneTemplateData(
	kind: DeliveryKind,
	params: MessageParams
): Record<string, string> {
	const spec = PHONE_TEMPLATE_PARAMS[kind] ?? {};
	const data: Record<string, string> = {};
	for (const [name, [type, read]] of Object.entries(spec)) {
		data[name] = cut(read(params), ZNS_PARAM_LIMITS[type]);
	}
	const link = text(params, 'link');
	if (kind !== 'phone_code' && /^https?:\/\//.test(link) && link.length <= ZNS_PARAM_LIMITS.url)
		data.link = link;
	return data;
}

/** The phone as ZNS takes it: the country code without a plus, "84912345678". */
export function znsPhone(e164: string): string {
	return e164.replace(/^\+/, '');
}

/** A ZNS tracking id: the outbox row's id without hyphens (Zalo asks ≤ 48 characters, no symbols). */
export function znsTrackingId(id: string): string {
	return id.replace(/[^A-Za-z0-9]/g, '').slice(0, 48);
}

interface ZnsAnswer {
	error?: number;
	message?: string;
	data?: { msg_id?: string };
}

/** The ZNS gateway for this configuration: sends each kind that has a template id. */
export function znsGateway(
	config: ZnsConfig,
	options: { timeoutMs?: number; fetch?: typeof fetch } = {}
): PhoneGateway {
	const timeoutMs = options.timeoutMs ?? ZNS_TIMEOUT_MS;
	const doFetch = options.fetch ?? fetch;
	return {
		supports(kind) {
			return Boolean(config.templates[kind]);
		},
		async send(message: OutgoingPhoneMessage) {
			const templateId = config.templates[message.kind];
			if (!templateId) throw new PermanentFailure(`ZNS: no template for ${message.kind}`);
			// A renewal Zalo refuses throws the operator's instructions; the send is retried.
			const accessToken = await config.accessToken();
			let response: Response;
			try {
				response = await doFetch(config.url, {
					method: 'POST',
					headers: { access_token: accessToken, 'Content-Type': 'application/json' },
					body: JSON.stringify({
						phone: znsPhone(message.to),
						template_id: templateId,
						template_data: message.params,
						tracking_id: znsTrackingId(message.trackingId)
					}),
					signal: AbortSignal.timeout(timeoutMs)
				});
			} catch (error) {
				const reason =
					error instanceof Error && error.name === 'TimeoutError'
						? `no answer within ${timeoutMs / 1000} s`
						: error instanceof Error
							? error.message
							: String(error);
				throw new Error(`ZNS: ${reason}`);
			}
			if (!response.ok) {
				await response.body?.cancel();
				throw new Error(`ZNS: HTTP ${response.status}`);
			}
			let answer: ZnsAnswer;
			try {
				answer = (await response.json()) as ZnsAnswer;
			} catch {
				throw new Error('ZNS: the answer was not JSON');
			}
			if (answer.error === 0 && answer.data?.msg_id) return { providerId: answer.data.msg_id };
			const code = typeof answer.error === 'number' ? answer.error : NaN;
			if (code === TOKEN_INVALID) config.tokenRejected?.(accessToken);
			const reason = `ZNS error ${code}: ${answer.message ?? 'no message'}`;
			throw PERMANENT_CODES.has(code) ? new PermanentFailure(reason) : new Error(reason);
		}
	};
}
