import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { EMAIL } from './fields';

/** Asking for a password-reset e-mail (/reset). */
export const resetRequestSchema = z.object({
	email: z
		.string()
		.trim()
		.min(1, { error: () => m.reset_request_email_required(), abort: true })
		.refine((value) => EMAIL.test(value) && value.length <= 254, {
			error: () => m.error_email_invalid()
		})
});
