import { z } from 'zod';
import { m } from '$lib/paraglide/messages';

/** Longest reason for cancelling: it goes to every participant's inbox and phone. */
export const CANCEL_REASON_MAX = 300;

/** Cancelling a workshop: why (every participant is told), and the planner's confirmation. */
export const workshopCancelSchema = z.object({
	reason: z
		.string()
		.trim()
		.min(1, { error: () => m.ws_cancel_error_reason() })
		.max(CANCEL_REASON_MAX, { error: () => m.ws_cancel_error_reason_long() }),
	confirm: z
		.boolean()
		.default(false)
		.refine((v) => v, { error: () => m.ws_cancel_error_confirm() })
});

export type WorkshopCancelForm = z.infer<typeof workshopCancelSchema>;
