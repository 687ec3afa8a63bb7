import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { parseDay, vietnamYear } from '$lib/vietnam-time';
import { identifier, optionalId } from './fields';

/** Empty, or a real calendar day (as an <input type="date"> sends it). */
export const optionalDate = z
	.string()
	.trim()
	.refine((v) => v === '' || parseDay(v) !== null, { error: () => m.cohort_error_date() });

export const cohortSchema = z
	.object({
		organisationId: optionalId.refine((v) => v !== '', {
			error: () => m.cohort_error_organisation()
		}),
		name: z
			.string()
			.trim()
			.min(1, { error: () => m.cohort_error_name() })
			.max(120, { error: () => m.cohort_error_name() }),
		year: z.coerce
			.number({ error: () => m.cohort_error_year() })
			.int({ error: () => m.cohort_error_year() })
			.min(2000, { error: () => m.cohort_error_year() })
			.max(2100, { error: () => m.cohort_error_year() })
			// This year in Vietnam, reckoned for each form (not once when the server started).
			.default(() => vietnamYear(new Date())),
		term: z.string().trim().max(120),
		startsOn: optionalDate,
		endsOn: optionalDate
	})
	.refine((v) => !v.startsOn || !v.endsOn || v.startsOn <= v.endsOn, {
		path: ['endsOn'],
		error: () => m.cohort_error_dates()
	});

export const addMemberSchema = z.object({ identifier });

export const assignCourseSchema = z.object({
	courseId: optionalId.refine((v) => v !== '', { error: () => m.cohort_error_course() }),
	dueOn: optionalDate
});

export const organisationParentSchema = z.object({
	organisationId: optionalId,
	parentId: optionalId
});

const courseId = optionalId.refine((v) => v !== '', { error: () => m.cohort_error_course() });

/** A new due date for an assigned course; empty for none. */
export const dueDateSchema = z.object({ courseId, dueOn: optionalDate });

/** Taking a course off the cohort: asked once, done when `confirm` comes back. */
export const unassignSchema = z.object({ courseId, confirm: z.literal('1').optional() });

export const MEMBER_ACTIONS = ['move', 'remove'] as const;

/**
 * What to do with the members ticked in the list: move them to another cohort, or remove them
 * (asked once, done when `confirm` comes back).
 */
export const memberActionSchema = z
	.object({
		userIds: z
			.array(z.string().regex(/^[0-9a-f-]{36}$/i))
			.min(1, { error: () => m.cohort_bulk_none() })
			.max(1000, { error: () => m.error_invalid() }),
		action: z.enum(MEMBER_ACTIONS, { error: () => m.cohort_bulk_action_missing() }),
		targetId: optionalId.default(''),
		confirm: z.literal('1').optional()
	})
	.refine((v) => v.action !== 'move' || v.targetId !== '', {
		path: ['targetId'],
		error: () => m.cohort_bulk_target_missing()
	});

/** The member form's fields as the schema reads them: the ticked ids are a list. */
export function memberActionInput(form: FormData) {
	return {
		userIds: form.getAll('userIds').map(String),
		action: String(form.get('action') ?? ''),
		targetId: String(form.get('targetId') ?? ''),
		confirm: form.get('confirm') === null ? undefined : String(form.get('confirm'))
	};
}
