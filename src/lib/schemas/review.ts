import { z } from 'zod';
import { m } from '$lib/paraglide/messages';

/** Sending a course back: the reviewer's comments are what the authors act on, so they are required. */
export const returnReviewSchema = z.object({
	comment: z
		.string()
		.trim()
		.min(1, { error: () => m.review_comment_required() })
		.max(4000, { error: () => m.author_error_too_long({ max: 4000 }) })
});
