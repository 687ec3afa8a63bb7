import { z } from 'zod';
import { m } from '$lib/paraglide/messages';

export const revokeCertificateSchema = z.object({
	reason: z
		.string()
		.trim()
		.min(1, { error: () => m.admin_cert_error_reason_required() })
		.max(500, { error: () => m.admin_cert_error_too_long() })
});

export const reinstateCertificateSchema = z.object({
	note: z
		.string()
		.trim()
		.max(500, { error: () => m.admin_cert_error_too_long() })
});
