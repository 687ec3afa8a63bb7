import { z } from 'zod';
import { slugSchema } from '../courses/format';

// The assignment file format (docs/course-format.md, "Assignments"): `<slug>.assignment.yaml` in a
// course folder. Messages are for authors, in English, like the rest of the course format.

const text = (max: number) =>
	z
		.string({ error: 'must be text' })
		.trim()
		.min(1, 'must not be empty')
		.max(max, `must be at most ${max} characters`);

const localised = (max: number) => z.strictObject({ vi: text(max), en: text(max).optional() });

/** What a learner may hand in, read from the file's bytes (assignments/files.ts), never its name. */
export const handInTypes = ['pdf', 'docx', 'xlsx', 'jpg', 'png', 'webp'] as const;
export type HandInType = (typeof handInTypes)[number];

export const textModes = ['none', 'optional', 'required'] as const;

/** Points are whole or half numbers; a level's points are what a grader's click gives. */
const points = z
	.number({ error: 'must be a number of points' })
	.min(0, 'must be 0 or more')
	.max(100, 'must be at most 100')
	.refine((n) => Number.isInteger(n * 2), 'must be a whole or half number');

export const levelSchema = z.strictObject({
	points,
	title: localised(120),
	description: localised(1000)
});

export const criterionSchema = z.strictObject({
	id: slugSchema,
	title: localised(200),
	levels: z
		.array(levelSchema)
		.min(2, 'a criterion needs at least 2 levels')
		.max(6, 'a criterion has at most 6 levels')
		.superRefine((levels, ctx) => {
			for (let i = 1; i < levels.length; i++) {
				if (levels[i].points <= levels[i - 1].points)
					ctx.addIssue({
						code: 'custom',
						path: [i, 'points'],
						message: 'levels go from fewest to most points, each more than the one before'
					});
			}
		})
});

export const rubricSchema = z
	.strictObject({
		criteria: z
			.array(criterionSchema)
			.min(1, 'a rubric needs at least one criterion')
			.max(20, 'a rubric has at most 20 criteria'),
		pass: z.strictObject({
			points: z.number({ error: 'must be a number of points' }).min(0, 'must be 0 or more'),
			everyCriterion: z
				.number({ error: 'must be a number of points' })
				.min(0, 'must be 0 or more')
				.optional()
		})
	})
	.superRefine((rubric, ctx) => {
		const seen = new Set<string>();
		rubric.criteria.forEach((c, i) => {
			if (seen.has(c.id))
				ctx.addIssue({
					code: 'custom',
					path: ['criteria', i, 'id'],
					message: `another criterion already has the id "${c.id}"`
				});
			seen.add(c.id);
		});
		const max = rubric.criteria.reduce((sum, c) => sum + (c.levels.at(-1)?.points ?? 0), 0);
		if (rubric.pass.points > max)
			ctx.addIssue({
				code: 'custom',
				path: ['pass', 'points'],
				message: `is more than the rubric's maximum (${max} points)`
			});
		const every = rubric.pass.everyCriterion;
		if (every !== undefined) {
			rubric.criteria.forEach((c, i) => {
				if ((c.levels.at(-1)?.points ?? 0) < every)
					ctx.addIssue({
						code: 'custom',
						path: ['criteria', i, 'levels'],
						message: `no level reaches pass.everyCriterion (${every} points)`
					});
			});
		}
	});

export type Rubric = z.infer<typeof rubricSchema>;
export type Criterion = z.infer<typeof criterionSchema>;

export const assignmentSchema = z
	.strictObject({
		title: localised(160),
		instructions: z.strictObject({ vi: text(20_000), en: text(20_000).optional() }),
		/** Files of the course folder offered for download with the instructions (the worksheets). */
		attachments: z.array(text(300)).max(20, 'at most 20 attachments').default([]),
		/** The lesson it follows in the outline; absent for the end of the course. */
		after: slugSchema.optional(),
		required: z.boolean({ error: 'must be true or false' }).default(true),
		handIn: z.strictObject({
			files: z
				.strictObject({
					types: z
						.array(z.enum(handInTypes, { error: `must be among ${handInTypes.join(', ')}` }))
						.min(1, 'name at least one type'),
					maxCount: z
						.number({ error: 'must be a number of files' })
						.int('must be a whole number')
						.min(1, 'must be at least 1')
						.max(20, 'must be at most 20')
						.default(5),
					maxMegabytes: z
						.number({ error: 'must be a number of megabytes' })
						.min(1, 'must be at least 1')
						.max(20, 'must be at most 20 (one upload is at most 25 MB)')
						.default(20)
				})
				.optional(),
			text: z.enum(textModes, { error: `must be one of ${textModes.join(', ')}` }).default('none')
		}),
		due: z
			.union(
				[
					z.strictObject({
						daysAfterEnrolment: z
							.number({ error: 'must be a number of days' })
							.int('must be a whole number of days')
							.min(1, 'must be at least 1')
							.max(730, 'must be at most 730')
					}),
					z.strictObject({
						date: z.iso.date({ error: 'must be a date written YYYY-MM-DD' })
					})
				],
				{ error: 'must be { daysAfterEnrolment: N } or { date: YYYY-MM-DD }' }
			)
			.optional(),
		late: z.enum(['accept', 'refuse'], { error: 'must be accept or refuse' }).default('accept'),
		resubmissions: z
			.number({ error: 'must be a number' })
			.int('must be a whole number')
			.min(0, 'must be 0 or more')
			.max(10, 'must be at most 10')
			.default(1),
		rubric: rubricSchema,
		moderation: z
			.strictObject({
				sample: z
					.number({ error: 'must be a share between 0 and 1, e.g. 0.2' })
					.gt(0, 'must be more than 0')
					.max(1, 'must be at most 1 (every submission)')
			})
			.optional()
	})
	.superRefine((a, ctx) => {
		if (!a.handIn.files && a.handIn.text === 'none')
			ctx.addIssue({
				code: 'custom',
				path: ['handIn'],
				message: 'learners must be able to hand in files, text or both'
			});
	});

/** An assignment as validated from its file; instructions are Markdown, rendered when published. */
export type AssignmentDefinition = z.infer<typeof assignmentSchema>;

/** Whether an English reader can do the assignment: its title, instructions and rubric in English. */
export function assignmentInEnglish(a: AssignmentDefinition): boolean {
	return (
		Boolean(a.title.en && a.instructions.en) &&
		a.rubric.criteria.every(
			(c) => c.title.en && c.levels.every((l) => l.title.en && l.description.en)
		)
	);
}
