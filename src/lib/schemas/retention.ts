import { z } from 'zod';
import { m } from '$lib/paraglide/messages';

/**
 * Carrying out the retention periods from /admin/privacy/retention: the dry run the administrator
 * has just read (its id; it must still be the latest run and under an hour old) and their
 * confirmation.
 */
export const retentionRunSchema = z.object({
	dryRun: z.uuid({ error: () => m.privacy_retention_error_stale() }),
	confirm: z
		.boolean()
		.default(false)
		.refine((v) => v, { error: () => m.privacy_retention_error_confirm() })
});

export type RetentionRunForm = z.infer<typeof retentionRunSchema>;
