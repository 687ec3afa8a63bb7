import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { parseDay, vietnamDay } from '$lib/vietnam-time';
import { EMAIL } from './fields';

/** As db/schema/privacy.ts lists them (kept here too: forms load in the browser). */
export const guardianConsentMethods = ['paper', 'in_person', 'phone', 'email'] as const;

/** A phone number as people write it: 8 to 15 digits, with spaces, dots, dashes or a leading +. */
export const PHONE = /^\+?[0-9][0-9 .-]{6,20}[0-9]$/;

/** A phone number or an e-mail address, told apart by the "@". */
export function isGuardianContact(value: string): boolean {
	if (value.includes('@')) return EMAIL.test(value) && value.length <= 254;
	return (
		PHONE.test(value) &&
		value.replace(/\D/g, '').length >= 8 &&
		value.replace(/\D/g, '').length <= 15
	);
}

const text = (max: number, error: () => string) =>
	z.string().trim().min(1, { error }).max(max, { error });

export const guardianName = text(120, () => m.privacy_guardian_error_name());
export const guardianRelationship = text(60, () => m.privacy_guardian_error_relationship());
export const guardianContact = z
	.string()
	.trim()
	.refine(isGuardianContact, { error: () => m.privacy_guardian_error_contact() });

/** A day the consent was given: a real day, not after today in Vietnam. */
export const consentedOn = z
	.string()
	.trim()
	.refine((v) => parseDay(v) !== null && v <= vietnamDay(new Date()), {
		error: () => m.privacy_guardian_error_date()
	});

/** What a manager enters from a guardian's form (routes/manage/guardians). */
export const guardianConsentSchema = z.object({
	userId: z.uuid(),
	guardianName,
	relationship: guardianRelationship,
	guardianContact,
	consentedOn,
	method: z.enum(guardianConsentMethods, { error: () => m.privacy_guardian_error_method() }),
	note: z
		.string()
		.trim()
		.max(500, { error: () => m.privacy_guardian_error_note() })
		.default('')
});

export const withdrawGuardianSchema = z.object({ consentId: z.uuid() });
