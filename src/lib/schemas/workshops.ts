import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { audienceGroups } from '$lib/domain';
import { dayStart, parseDay } from '$lib/vietnam-time';
import { registrationModes } from '$lib/workshops';
import { identifier, optionalId } from './fields';

/** A workshop's plan, as its form sends it (create and edit). */
export const workshopSchema = z
	.object({
		title: z
			.string()
			.trim()
			.min(1, { error: () => m.workshop_error_title() })
			.max(200, { error: () => m.workshop_error_title() }),
		courseId: optionalId,
		organisationId: optionalId.refine((v) => v !== '', {
			error: () => m.workshop_error_organisation()
		}),
		venue: z
			.string()
			.trim()
			.max(300, { error: () => m.workshop_error_venue() }),
		area: z.string().trim().max(120),
		/** Empty for no limit. */
		capacity: z
			.string()
			.trim()
			.refine((v) => v === '' || (/^\d{1,5}$/.test(v) && Number(v) >= 1), {
				error: () => m.workshop_error_capacity()
			})
			.transform((v) => (v === '' ? null : Number(v))),
		audiences: z.array(z.enum(audienceGroups, { error: () => m.error_invalid() })).default([]),
		registrationMode: z.enum(registrationModes, { error: () => m.error_invalid() }),
		cohortId: optionalId,
		/** Quizzes of the workshop's course taken before and after (plan.ts checks the course). */
		preQuizId: optionalId.default(''),
		postQuizId: optionalId.default(''),
		/** The satisfaction survey's template, or none. */
		surveyTemplateId: optionalId.default('')
	})
	.refine((v) => v.registrationMode !== 'cohort' || v.cohortId !== '', {
		path: ['cohortId'],
		error: () => m.workshop_error_cohort()
	});

export type WorkshopForm = z.output<typeof workshopSchema>;

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;
const time = z
	.string()
	.trim()
	.regex(TIME, { error: () => m.workshop_error_time() });

/** Minutes after midnight of "HH:MM". */
function minutes(value: string): number {
	const [, h, min] = TIME.exec(value)!;
	return Number(h) * 60 + Number(min);
}

/**
 * One session: a day and a start and end time, all in Vietnam time as the form shows them; the
 * output adds the instants stored (startsAt, endsAt).
 */
export const sessionSchema = z
	.object({
		day: z
			.string()
			.trim()
			.refine((v) => parseDay(v) !== null, { error: () => m.workshop_error_day() }),
		startTime: time,
		endTime: time
	})
	.refine(
		(v) =>
			!TIME.test(v.startTime) || !TIME.test(v.endTime) || minutes(v.endTime) > minutes(v.startTime),
		{
			path: ['endTime'],
			error: () => m.workshop_error_times()
		}
	)
	.transform((v) => {
		const midnight = dayStart(v.day).getTime();
		return {
			...v,
			startsAt: new Date(midnight + minutes(v.startTime) * 60_000),
			endsAt: new Date(midnight + minutes(v.endTime) * 60_000)
		};
	});

/** A walk-in added on the trainer's list: two fields. */
export const walkInSchema = z.object({
	fullName: z
		.string()
		.trim()
		.min(1, { error: () => m.error_name_required() })
		.max(120, { error: () => m.error_name_too_long() }),
	contact: z
		.string()
		.trim()
		.min(1, { error: () => m.workshop_error_contact() })
		.max(254, { error: () => m.workshop_error_contact() })
});

/** The same two fields make an account on a workshop's pages (workshops/quick-account.ts). */
export type WalkInForm = z.output<typeof walkInSchema>;

/** A manager registers one of their classes for a workshop. */
/** A trainer named for a workshop, by the e-mail or username of their account. */
export const trainerSchema = z.object({ identifier });

export const cohortRegistrationSchema = z.object({
	cohortId: optionalId.refine((v) => v !== '', { error: () => m.workshop_error_cohort() })
});
