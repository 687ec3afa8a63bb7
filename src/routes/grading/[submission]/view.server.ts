import { error } from '@sveltejs/kit';
import { eq, inArray } from 'drizzle-orm';
import { assignments, courses, users, type SubmissionMark } from '$db/schema';
import { m } from '$lib/paraglide/messages';
import { submissionAccess } from '$lib/server/assignments/access';
import { gradingView } from '$lib/server/assignments/grading';
import { scoreRubric } from '$lib/server/assignments/rubric';
import { decisionsOf, filesOf, roundsOf } from '$lib/server/assignments/submissions';

type Locals = App.Locals;

/** The submission, if this person grades it; anyone else (its learner included) finds no page. */
export async function requireGrader(locals: Locals, submissionId: string) {
	const user = locals.user;
	if (!user) error(404, m.error_not_found());
	const access = await submissionAccess(locals.db, user, submissionId);
	if (!access || access.as !== 'grader') error(404, m.error_not_found());
	return { user, submission: access.submission };
}

/** A marking as the form and the comparison show it: levels, comments, overall, points. */
const markingShown = (mark: SubmissionMark | undefined) =>
	mark && {
		levels: mark.levels,
		comments: mark.comments,
		overall: mark.overall ?? '',
		points: mark.points,
		draft: mark.draft,
		graderId: mark.graderId
	};

/** Everything the grading page shows of a submission, within what gradingView lets this grader see. */
export async function gradingPage(locals: Locals, submissionId: string) {
	const { user, submission } = await requireGrader(locals, submissionId);
	const db = locals.db;
	const [[assignment], [course], [learner], rounds] = await Promise.all([
		db.select().from(assignments).where(eq(assignments.id, submission.assignmentId)),
		db
			.select({ slug: courses.slug, title: courses.title })
			.from(courses)
			.where(eq(courses.id, submission.courseId)),
		db.select({ fullName: users.fullName }).from(users).where(eq(users.id, submission.userId)),
		roundsOf(db, submission.assignmentId, submission.userId)
	]);
	const earlier = rounds.filter((r) => r.round < submission.round && r.state !== 'draft');
	const ids = [submission.id, ...earlier.map((r) => r.id)];
	const [view, files, decisions] = await Promise.all([
		gradingView(db, user, submission, assignment),
		filesOf(db, ids),
		decisionsOf(
			db,
			earlier.map((r) => r.id)
		)
	]);
	const graderIds = [
		...view.history.map((h) => h.graderId),
		view.moderation?.first.graderId,
		view.moderation?.second.graderId
	].filter((id): id is string => Boolean(id));
	const names = new Map(
		graderIds.length
			? (
					await db
						.select({ id: users.id, fullName: users.fullName })
						.from(users)
						.where(inArray(users.id, [...new Set(graderIds)]))
				).map((u) => [u.id, u.fullName])
			: []
	);
	const nameOf = (id: string | null) => (id && names.get(id)) || m.grading_someone();
	const filesFor = (id: string, kind: 'work' | 'feedback') =>
		files
			.filter((f) => f.submissionId === id && f.kind === kind)
			.map((f) => ({ id: f.id, name: f.name, size: f.size }));
	const marking = markingShown(view.marking);
	return {
		submission: {
			id: submission.id,
			round: submission.round,
			state: submission.state,
			body: submission.body,
			submittedAt: submission.submittedAt,
			dueAt: submission.dueAt,
			late: submission.late,
			moderated: submission.moderated,
			points: submission.points,
			maxPoints: submission.maxPoints,
			passed: submission.passed,
			files: filesFor(submission.id, 'work'),
			feedback: filesFor(submission.id, 'feedback')
		},
		learner: { fullName: learner?.fullName ?? m.grading_someone() },
		assignment: { title: assignment.title },
		course: { title: course.title },
		earlier: earlier.map((r) => {
			const decision = decisions.get(r.id);
			return {
				id: r.id,
				round: r.round,
				state: r.state,
				body: r.body,
				submittedAt: r.submittedAt,
				points: r.points,
				maxPoints: r.maxPoints,
				passed: r.passed,
				overall: decision?.overall ?? null,
				files: filesFor(r.id, 'work'),
				feedback: filesFor(r.id, 'feedback')
			};
		}),
		rubric: view.rubric,
		role: view.role,
		lead: view.lead,
		/** Only a marking this grader may see: their own, or the decided one to regrade from. */
		marking,
		/** The server's own sum of the levels shown, for the page without JavaScript. */
		score: marking ? scoreRubric(view.rubric, marking.levels) : null,
		moderation: view.moderation && {
			first: {
				...markingShown(view.moderation.first)!,
				name: nameOf(view.moderation.first.graderId)
			},
			second: {
				...markingShown(view.moderation.second)!,
				name: nameOf(view.moderation.second.graderId)
			},
			differences: view.moderation.differences
		},
		history: view.history.map((h) => ({
			id: h.id,
			version: h.version,
			outcome: h.outcome,
			points: h.points,
			passed: h.passed,
			at: h.updatedAt,
			name: nameOf(h.graderId)
		}))
	};
}
