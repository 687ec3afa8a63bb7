import { z } from 'zod';
import { m } from '$lib/paraglide/messages';

/** At most this many attempts are given at once. */
export const MAX_EXTRA_ATTEMPTS = 10;
/** A reason is a short note, not a file on the learner. */
export const MAX_GRANT_REASON = 200;

const extraError = () => m.stats_grant_error_extra({ max: MAX_EXTRA_ATTEMPTS });

/** 1 to MAX_EXTRA_ATTEMPTS, as typed: a string, so "2.5" or "abc" is refused and kept, not rounded. */
const extra = z
	.string()
	.trim()
	.refine((v) => /^\d{1,2}$/.test(v) && Number(v) >= 1 && Number(v) <= MAX_EXTRA_ATTEMPTS, {
		error: extraError
	})
	.default('1');

/** A trainer giving a learner who is out of attempts more of them at one quiz; the reason is optional. */
export const extraAttemptsSchema = z.object({
	learnerId: z.uuid({ error: () => m.error_invalid() }),
	extra,
	reason: z
		.string()
		.trim()
		.max(MAX_GRANT_REASON, {
			error: () => m.stats_grant_error_reason({ max: MAX_GRANT_REASON })
		})
		.default('')
});
export type ExtraAttemptsForm = z.infer<typeof extraAttemptsSchema>;
