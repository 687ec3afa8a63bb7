import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { audienceGroups, directiveItems } from '$lib/domain';
import { isSlug } from '$lib/slug';

// The editor's forms. What they write is validated again, as files, when the course is published
// (the same rules as `npm run courses:check`); these give the author their errors at the field.

const required = (max: number) =>
	z
		.string()
		.trim()
		.min(1, { error: () => m.author_error_required() })
		.max(max, { error: () => m.author_error_too_long({ max }) });
const optional = (max: number) =>
	z
		.string()
		.trim()
		.max(max, { error: () => m.author_error_too_long({ max }) })
		.default('');

/** A hidden field: the revision of the file the form was filled from, for conflict detection. */
export const revision = z.coerce.number().int().min(0).default(0);

export const courseDetailsSchema = z
	.object({
		titleVi: required(160),
		titleEn: optional(160),
		summaryVi: required(1000),
		summaryEn: optional(1000),
		audiences: z.array(z.enum(audienceGroups)).min(1, { error: () => m.author_error_audiences() }),
		directiveItems: z.array(z.enum(directiveItems)).min(1, { error: () => m.author_error_items() }),
		hours: z.coerce
			.number({ error: () => m.author_error_hours() })
			.min(0.5, { error: () => m.author_error_hours() })
			.max(200, { error: () => m.author_error_hours() })
			.default(4),
		enrolment: z.enum(['open', 'key', 'assigned']).default('open'),
		enrolmentKey: optional(64),
		certificateEnabled: z.boolean().default(true),
		validityMonths: z.coerce
			.number({ error: () => m.author_error_validity() })
			.int({ error: () => m.author_error_validity() })
			.min(1, { error: () => m.author_error_validity() })
			.max(240, { error: () => m.author_error_validity() })
			.nullable()
			.default(null),
		completeOnReachingEnd: z.boolean().default(false),
		/** A blended course's workshop requirement (course.yaml completion.workshop). */
		workshopRule: z.enum(['none', 'all', 'share']).default('none'),
		/** The share as a whole percentage, with workshopRule 'share'. */
		workshopShare: z.string().trim().default(''),
		listed: z.boolean().default(true),
		revision
	})
	.refine((v) => v.enrolment !== 'key' || v.enrolmentKey.length >= 4, {
		path: ['enrolmentKey'],
		error: () => m.author_error_key()
	})
	.refine(
		(v) =>
			v.workshopRule !== 'share' ||
			(/^\d{1,3}$/.test(v.workshopShare) &&
				Number(v.workshopShare) >= 1 &&
				Number(v.workshopShare) <= 100),
		{ path: ['workshopShare'], error: () => m.ws_close_error_share() }
	);

export const createCourseSchema = z.object({
	titleVi: required(160),
	summaryVi: required(1000),
	slug: z
		.string()
		.trim()
		.toLowerCase()
		.max(60, { error: () => m.author_error_too_long({ max: 60 }) })
		.refine((v) => v === '' || isSlug(v), { error: () => m.author_error_slug() })
		.default(''),
	audiences: z.array(z.enum(audienceGroups)).min(1, { error: () => m.author_error_audiences() }),
	directiveItems: z.array(z.enum(directiveItems)).min(1, { error: () => m.author_error_items() }),
	hours: z.coerce
		.number({ error: () => m.author_error_hours() })
		.min(0.5, { error: () => m.author_error_hours() })
		.max(200, { error: () => m.author_error_hours() })
		.default(4)
});

const minutes = z.coerce
	.number({ error: () => m.author_error_minutes() })
	.int({ error: () => m.author_error_minutes() })
	.min(1, { error: () => m.author_error_minutes() })
	.max(240, { error: () => m.author_error_minutes() })
	.default(15);

export const addLessonSchema = z.object({
	title: required(160),
	minutes,
	moduleFolder: z.string().default('')
});

export const lessonSchema = z.object({
	title: required(160),
	minutes,
	required: z.boolean().default(true),
	body: z
		.string()
		.max(200_000, { error: () => m.author_error_too_long({ max: 200_000 }) })
		.default(''),
	revision,
	/**
	 * Set when the author chose to save over someone else's newer save: the revision they saw
	 * (-1: the file had been removed and is written again).
	 */
	overwriteRevision: z.coerce.number().int().min(-1).default(0)
});

export const moduleSchema = z.object({
	titleVi: required(160),
	titleEn: optional(160),
	folder: z.string().default('')
});

export const addQuizSchema = z.object({ title: required(160) });

/**
 * Sending the draft on: `province` for review before the province-wide catalogue, or the id of an
 * organisation the author trains for, to publish to its members without review.
 */
export const publishSchema = z.object({
	note: optional(200),
	scope: z
		.string()
		.regex(/^(province|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i, {
			error: () => m.error_invalid()
		})
		.default('province')
});

export const authorSchema = z.object({
	identifier: required(254),
	role: z.enum(['coauthor', 'owner']).default('coauthor')
});
