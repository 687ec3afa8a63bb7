import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { signUpSchema } from './account';
import { walkInSchema } from './workshops';

/**
 * Agreeing to the privacy notice: the box for what the service needs is required and never ticked
 * beforehand; phone messages are a separate, optional box (Decree 356/2025 Art. 6).
 */
export const consentFields = {
	agree: z.boolean().refine((v) => v, { error: () => m.privacy_consent_service_required() }),
	phoneMessages: z.boolean().default(false)
};

export const consentSchema = z.object(consentFields);

export const signUpWithConsentSchema = signUpSchema.extend(consentFields);

/** Giving or withdrawing an optional consent on the person's privacy page. */
export const optionalConsentSchema = z.object({
	purpose: z.enum(['phone_messages']),
	given: z.enum(['yes', 'no'])
});

/** The administrator publishing a new version of the notice. */
export const noticeSchema = z.object({
	bodyVi: z
		.string()
		.trim()
		.min(1, { error: () => m.privacy_notice_error_body() })
		.max(100_000),
	bodyEn: z.string().trim().max(100_000).default(''),
	name: z
		.string()
		.trim()
		.min(1, { error: () => m.privacy_notice_error_name() })
		.max(300),
	address: z.string().trim().max(500).default(''),
	email: z
		.union([z.literal(''), z.email({ error: () => m.privacy_notice_error_email() })])
		.default(''),
	phone: z.string().trim().max(50).default(''),
	contact: z.string().trim().max(300).default(''),
	changes: z
		.string()
		.trim()
		.min(1, { error: () => m.privacy_notice_error_changes() })
		.max(2000),
	requiresConsent: z.boolean().default(false)
});

/** A workshop's two-field account (workshops/quick-account.ts), with the notice's box. */
export const quickAccountSchema = walkInSchema.extend({ agree: consentFields.agree });
export type QuickAccountForm = z.output<typeof quickAccountSchema>;
