import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import {
	audience,
	fullName,
	identifier,
	newPassword,
	optionalBirthDate,
	optionalId,
	password
} from './fields';

export const signUpSchema = z.object({
	fullName,
	identifier,
	password: newPassword,
	audience: audience.default('student')
});

export const signInSchema = z.object({
	identifier: z
		.string()
		.trim()
		.min(1, { error: () => m.error_identifier_required() }),
	password
});

export const profileSchema = z.object({
	fullName,
	dateOfBirth: optionalBirthDate,
	audience,
	organisationId: optionalId,
	area: z.string().trim().max(120)
});

export const changePasswordSchema = z.object({
	currentPassword: password,
	newPassword
});

export const newPasswordSchema = z.object({ newPassword });

export const deleteAccountSchema = z.object({
	password,
	confirm: z.boolean().refine((v) => v, { error: () => m.error_confirm_delete() })
});
