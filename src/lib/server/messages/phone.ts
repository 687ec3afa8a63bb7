/**
 * A phone number for messages (Zalo ZNS, SMS): a Vietnamese mobile number, kept in E.164
 * (+84912345678). How a Vietnamese number may be written (spaces, dots, 0 or 84 or +84 in front)
 * is one rule, `phoneAsUsername` in $lib/workshops.ts, read here; this module adds what a message
 * needs: a mobile number, not a landline.
 */
import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { phoneAsUsername } from '$lib/workshops';

export type PhoneProblem = 'invalid' | 'landline' | 'not_mobile';

export type ParsedPhone = { ok: true; e164: string } | { ok: false; reason: PhoneProblem };

/**
 * Vietnam's numbering plan (since the 2018 change to 10-digit mobile numbers): after the leading
 * 0, 3, 5, 7, 8 and 9 begin mobile numbers (10 digits in all); 2 begins a landline, with its area
 * code (11 digits in all, e.g. 0275 3xxx xxx in Bến Tre). Carriers' prefixes within these ranges
 * change; the ranges do not, so only they are checked.
 */
const MOBILE = /^0[35789]\d{8}$/;
const LANDLINE = /^02\d{9}$/;

/** A Vietnamese mobile number in E.164, or why it is not one. */
export function parseMobileNumber(raw: string): ParsedPhone {
	const national = phoneAsUsername(raw);
	if (!national) return { ok: false, reason: 'invalid' };
	if (MOBILE.test(national)) return { ok: true, e164: '+84' + national.slice(1) };
	return { ok: false, reason: LANDLINE.test(national) ? 'landline' : 'not_mobile' };
}

/** As a person reads their own number: "0912 345 678". */
export function displayPhone(e164: string): string {
	const national = e164.startsWith('+84') ? '0' + e164.slice(3) : e164;
	return /^0\d{9}$/.test(national)
		? `${national.slice(0, 4)} ${national.slice(4, 7)} ${national.slice(7)}`
		: national;
}

/** Hides all but the last three digits, for a page that only reminds: "•••• ••• 678". */
export function maskedPhone(e164: string): string {
	return '•••• ••• ' + e164.slice(-3);
}

/** Why a number is refused, in the reader's language. */
export function phoneProblemMessage(reason: PhoneProblem): string {
	if (reason === 'landline') return m.phone_error_landline();
	if (reason === 'not_mobile') return m.phone_error_not_mobile();
	return m.phone_error_invalid();
}

/** The form that adds or changes a number: the number, and the person's consent (required). */
export const phoneNumberSchema = z.object({
	number: z
		.string()
		.trim()
		.min(1, { error: () => m.phone_error_required(), abort: true })
		.max(40, { error: () => m.phone_error_invalid(), abort: true })
		.superRefine((raw, ctx) => {
			const parsed = parseMobileNumber(raw);
			if (!parsed.ok) ctx.addIssue({ code: 'custom', message: phoneProblemMessage(parsed.reason) });
		}),
	consent: z.boolean().refine((v) => v, { error: () => m.phone_error_consent() })
});

/** Digits in a verification code. */
export const PHONE_CODE_LENGTH = 6;

/** The form that confirms the number with the code sent to it. */
export const phoneCodeSchema = z.object({
	code: z
		.string()
		.transform((v) => v.replace(/\s/g, ''))
		.pipe(z.string().regex(/^\d{6}$/, { error: () => m.phone_error_code_format() }))
});
