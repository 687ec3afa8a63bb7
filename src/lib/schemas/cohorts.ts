import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { identifier, optionalId } from './fields';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const isRealDate = (v: string) =>
	ISO_DATE.test(v) && new Date(`${v}T00:00:00Z`).toISOString().slice(0, 10) === v;

/** Empty, or a real calendar day (as an <input type="date"> sends it). */
export const optionalDate = z
	.string()
	.trim()
	.refine((v) => v === '' || isRealDate(v), { error: () => m.cohort_error_date() });

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
			.default(new Date().getFullYear()),
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
