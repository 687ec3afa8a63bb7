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
