import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import {
	audienceGroups,
	MAX_PASSWORD_LENGTH,
	MIN_PASSWORD_LENGTH,
	USERNAME_PATTERN
} from '$lib/domain';
import { parseDay, vietnamDay } from '$lib/vietnam-time';

// Messages are functions so they are read in the language of the request being validated.

export const fullName = z
	.string()
	.trim()
	.min(1, { error: () => m.error_name_required() })
	.max(120, { error: () => m.error_name_too_long() });

/** What the site takes for an e-mail address. */
export const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** An e-mail address or a username, told apart by the "@". */
export const identifier = z
	.string()
	.trim()
	// abort: an empty field is told it is required, not also that it is a malformed username.
	.min(1, { error: () => m.error_identifier_required(), abort: true })
	.superRefine((raw, ctx) => {
		const value = raw.toLowerCase();
		if (value.includes('@')) {
			if (!EMAIL.test(value) || value.length > 254) {
				ctx.addIssue({ code: 'custom', message: m.error_email_invalid() });
			}
		} else if (!USERNAME_PATTERN.test(value)) {
			ctx.addIssue({ code: 'custom', message: m.error_username_invalid() });
		}
	});

/** A password being chosen; the common-password check runs on the server (see auth/password.ts). */
export const newPassword = z
	.string()
	.min(MIN_PASSWORD_LENGTH, { error: () => m.error_password_too_short() })
	.max(MAX_PASSWORD_LENGTH, { error: () => m.error_password_too_long() });

/** A password being checked, not chosen: only its presence is required. */
export const password = z
	.string()
	.min(1, { error: () => m.error_password_required() })
	.max(MAX_PASSWORD_LENGTH, { error: () => m.error_password_too_long() });

export const audience = z.enum(audienceGroups, { error: () => m.error_invalid() });

// "Today" is the day in Vietnam: someone born today there may say so, early in the morning too.
function isPlausibleBirthDate(value: string): boolean {
	const day = parseDay(value);
	return day !== null && day >= '1900-01-01' && day <= vietnamDay(new Date());
}

/** Empty, or a real date between 1900 and today. */
export const optionalBirthDate = z
	.string()
	.trim()
	.refine((v) => v === '' || isPlausibleBirthDate(v), { error: () => m.error_date_invalid() });

/** Empty, or an id; the server checks that it names a real row. */
export const optionalId = z
	.string()
	.trim()
	.refine((v) => v === '' || /^[0-9a-f-]{36}$/i.test(v), { error: () => m.error_invalid() });
