import { SLUG_MAX, SLUG_PATTERN } from '$lib/slug';
import { z } from 'zod';
import { audienceGroups, directiveItems } from '$lib/domain';

// The course format (docs/course-format.md) as zod schemas. Messages are for authors, in English,
// because `npm run courses:check` is a developer's tool; the web editor (later) shows them inline.

export const slugSchema = z
	.string()
	.max(SLUG_MAX, `must be at most ${SLUG_MAX} characters`)
	.regex(SLUG_PATTERN, 'must be lower-case letters, digits and dashes');

const text = (max: number) =>
	z
		.string({ error: 'must be text' })
		.trim()
		.min(1, 'must not be empty')
		.max(max, `must be at most ${max} characters`);

const localised = (max: number) => z.strictObject({ vi: text(max), en: text(max).optional() });

export const courseMetaSchema = z
	.strictObject({
		title: localised(160),
		summary: localised(1000),
		audiences: z
			.array(z.enum(audienceGroups, { error: `must be one of ${audienceGroups.join(', ')}` }))
			.min(1, 'name at least one audience'),
		directiveItems: z
			.array(
				z.enum(directiveItems, {
					error: `must be one of ${directiveItems.map((i) => `'${i}'`).join(', ')} (quoted)`
				})
			)
			.min(1, 'name at least one directive item'),
		hours: z
			.number({ error: 'must be a number of hours' })
			.min(0.5, 'must be at least 0.5')
			.max(200, 'must be at most 200'),
		enrolment: z.enum(['open', 'key', 'assigned'], { error: 'must be open, key or assigned' }),
		enrolmentKey: z.string().trim().min(4, 'must have at least 4 characters').max(64).optional(),
		completion: z
			.strictObject({
				requiredLessons: z
					.union([z.literal('all'), z.array(slugSchema).min(1)], {
						error: "must be 'all' or a list of lesson slugs"
					})
					.default('all'),
				completeOnReachingEnd: z.boolean({ error: 'must be true or false' }).default(false),
				/** A blended course: attend a workshop of the course, every session or a share. */
				workshop: z
					.union(
						[
							z.literal('all'),
							z.strictObject({
								share: z
									.number({ error: 'must be a share between 0 and 1, e.g. 0.75' })
									.gt(0, 'must be more than 0')
									.max(1, 'must be at most 1 (every session)')
							})
						],
						{ error: "must be 'all' or { share: 0.75 } (a share of the sessions)" }
					)
					.optional()
			})
			.default({ requiredLessons: 'all', completeOnReachingEnd: false }),
		certificate: z
			.strictObject({
				enabled: z.boolean({ error: 'must be true or false' }).default(true),
				validityMonths: z
					.number({ error: 'must be a number of months or null' })
					.int('must be a whole number of months')
					.min(1)
					.max(240)
					.nullable()
					.default(null)
			})
			.default({ enabled: true, validityMonths: null }),
		status: z.enum(['published', 'draft'], { error: 'must be published or draft' })
	})
	.superRefine((meta, ctx) => {
		if (meta.enrolment === 'key' && !meta.enrolmentKey) {
			ctx.addIssue({
				code: 'custom',
				path: ['enrolmentKey'],
				message: 'is required with enrolment: key'
			});
		}
		if (meta.enrolment !== 'key' && meta.enrolmentKey) {
			ctx.addIssue({
				code: 'custom',
				path: ['enrolmentKey'],
				message: 'is only used with enrolment: key'
			});
		}
	});

export type CourseMeta = z.infer<typeof courseMetaSchema>;

export const moduleMetaSchema = z.strictObject({ title: localised(160) });

export const lessonFrontMatterSchema = z.strictObject({
	title: text(160),
	minutes: z
		.number({ error: 'must be a number of minutes' })
		.int('must be a whole number of minutes')
		.min(1, 'must be at least 1')
		.max(240, 'must be at most 240'),
	required: z.boolean({ error: 'must be true or false' }).default(true)
});

export type LessonFrontMatter = z.infer<typeof lessonFrontMatterSchema>;
