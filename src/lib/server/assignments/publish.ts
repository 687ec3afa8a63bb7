import { and, eq, isNull, notInArray } from 'drizzle-orm';
import { assignments, type Localised } from '$db/schema';
import type { Database } from '../db';
import { renderForPublishing } from '../courses/render';
import type { AssignmentSource } from './load';

/** The instructions as HTML in each language they are written in (lessons' renderer and rules). */
function renderedInstructions(courseSlug: string, a: AssignmentSource): Localised {
	const { vi, en } = a.instructions;
	const html: Localised = { vi: renderForPublishing(vi, courseSlug, 'vi') };
	if (en) html.en = renderForPublishing(en, courseSlug, 'en');
	return html;
}

/**
 * Stores a published version's assignments, keeping each by slug (its submissions stay with it);
 * those the version no longer has are retired, their submissions kept. Called by the course sync
 * in its transaction.
 */
export async function storeAssignments(
	tx: Database,
	course: { id: string; slug: string },
	versionId: string,
	list: AssignmentSource[]
): Promise<void> {
	for (const a of list) {
		const columns = {
			title: a.definition.title,
			required: a.definition.required,
			afterLesson: a.definition.after ?? null,
			definition: a.definition as unknown as Record<string, unknown>,
			html: renderedInstructions(course.slug, a),
			courseVersionId: versionId,
			retiredAt: null
		};
		await tx
			.insert(assignments)
			.values({ courseId: course.id, slug: a.slug, ...columns })
			.onConflictDoUpdate({ target: [assignments.courseId, assignments.slug], set: columns });
	}
	const slugs = list.map((a) => a.slug);
	await tx
		.update(assignments)
		.set({ retiredAt: new Date() })
		.where(
			and(
				eq(assignments.courseId, course.id),
				isNull(assignments.retiredAt),
				slugs.length ? notInArray(assignments.slug, slugs) : undefined
			)
		);
}

/** A new build renders the current instructions again (components may render differently now). */
export async function rerenderAssignments(
	tx: Database,
	course: { id: string; slug: string },
	list: AssignmentSource[]
): Promise<void> {
	for (const a of list) {
		await tx
			.update(assignments)
			.set({ html: renderedInstructions(course.slug, a) })
			.where(and(eq(assignments.courseId, course.id), eq(assignments.slug, a.slug)));
	}
}
