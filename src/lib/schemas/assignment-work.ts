import { z } from 'zod';
import { m } from '$lib/paraglide/messages';

/** The longest text a learner may hand in (as assignments/submissions.ts keeps it). */
export const WORK_BODY_MAX = 100_000;

/**
 * The text fields of the learner's work form: the text (when the assignment takes text) and the
 * files of the draft to take out ("Gỡ tệp" sends one). The files themselves are read from the
 * multipart body and checked by their bytes on the server.
 */
export const assignmentWorkSchema = z.object({
	body: z
		.string()
		.max(WORK_BODY_MAX, { error: () => m.assignment_error_text_too_long() })
		.optional(),
	// Not `remove`: a form control so named would hide the form element's own remove().
	removeFile: z.array(z.uuid()).max(20).default([])
});

export type AssignmentWork = z.infer<typeof assignmentWorkSchema>;
