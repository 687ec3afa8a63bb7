import { and, desc, eq, sql } from 'drizzle-orm';
import {
	assignments,
	courses,
	enrolments,
	submissionFiles,
	submissionMarks,
	submissions,
	type Assignment,
	type Submission,
	type SubmissionMark
} from '$db/schema';
import { recordAudit } from '../audit';
import { issueCertificate } from '../certificates/issue';
import type { Database } from '../db';
import { notify } from '../messages/outbox';
import { evaluateCompletion, refreshSummaries } from '../progress';
import { isLeadGrader, mayGradeCourse, type GraderViewer } from './access';
import { checkHandIn, sha256Hex, type HandInRefusal } from './files';
import { handInTypes } from './format';
import { cleanChoice, markDifferences, scoreRubric } from './rubric';
import { definitionOf, rubricOf } from './submissions';

// Grading: a grader's marking of a submission, kept as versions; the decision (graded or returned)
// is what the learner sees. A moderated submission is marked blind by two graders, then the lead
// decides. Every decision is audited and tells the learner, in the transaction that makes it.

export type Decision = 'graded' | 'returned';

export interface MarkingInput {
	levels: Record<string, unknown>;
	comments: Record<string, string>;
	overall: string | null;
	/** Save for later (a draft, the grader's own), or decide. */
	decide: Decision | null;
	/** A marked-up copy of the work for the learner, attached to the submission. */
	feedbackFile?: { name: string; bytes: Uint8Array } | null;
}

/** The longest comment kept per criterion and overall (characters). */
export const MAX_COMMENT_CHARS = 5000;

export type MarkingResult =
	| { ok: true; mark: SubmissionMark; decided: boolean }
	| {
			ok: false;
			reason:
				| 'not_grader'
				| 'not_handed_in'
				| 'incomplete'
				| 'no_rounds_left'
				| 'blind_pending'
				| 'not_lead'
				| 'already_marked';
	  }
	| { ok: false; reason: 'file'; refusal: HandInRefusal };

/**
 * Which marking this grader writes on this submission: `final` for one not moderated (or for the
 * lead once both blind markings are in); for a moderated one, `first` for the first grader to mark
 * it and `second` for another. Null when there is nothing left for them to mark.
 */
export async function markingRole(
	db: Database,
	grader: GraderViewer,
	submission: Submission
): Promise<'first' | 'second' | 'final' | null> {
	if (!submission.moderated || submission.state === 'graded' || submission.state === 'returned')
		return 'final';
	const marks = await db
		.select({
			role: submissionMarks.role,
			graderId: submissionMarks.graderId,
			draft: submissionMarks.draft
		})
		.from(submissionMarks)
		.where(eq(submissionMarks.submissionId, submission.id));
	const first = marks.find((m) => m.role === 'first');
	const second = marks.find((m) => m.role === 'second');
	const inFinal = (role: string) => marks.some((m) => m.role === role && !m.draft);
	// Both blind markings in: they are settled, and what is left is the lead's decision.
	if (inFinal('first') && inFinal('second')) return 'final';
	if (!first || first.graderId === grader.id) return 'first';
	if (!second || second.graderId === grader.id) return 'second';
	return null;
}

/** The newest version of each marking of a submission. */
export async function latestMarks(db: Database, submissionId: string) {
	const rows = await db
		.select()
		.from(submissionMarks)
		.where(eq(submissionMarks.submissionId, submissionId))
		.orderBy(desc(submissionMarks.version));
	const latest = new Map<string, SubmissionMark>();
	for (const row of rows) if (!latest.has(row.role)) latest.set(row.role, row);
	return latest;
}

/**
 * What a grader may see of the markings: their own (draft or not); the other blind marking only once
 * both are in, and then to the lead; the decided final marking and its history to every grader.
 */
export async function gradingView(
	db: Database,
	grader: GraderViewer,
	submission: Submission,
	assignment: Assignment
) {
	const rubric = rubricOf(submission, assignment);
	const [role, latest, lead, history] = await Promise.all([
		markingRole(db, grader, submission),
		latestMarks(db, submission.id),
		isLeadGrader(db, grader, submission.courseId),
		db
			.select({
				id: submissionMarks.id,
				version: submissionMarks.version,
				graderId: submissionMarks.graderId,
				points: submissionMarks.points,
				passed: submissionMarks.passed,
				outcome: submissionMarks.outcome,
				updatedAt: submissionMarks.updatedAt
			})
			.from(submissionMarks)
			.where(
				and(
					eq(submissionMarks.submissionId, submission.id),
					eq(submissionMarks.role, 'final'),
					eq(submissionMarks.draft, false)
				)
			)
			.orderBy(desc(submissionMarks.version))
	]);
	const first = latest.get('first');
	const second = latest.get('second');
	const bothIn = Boolean(first && !first.draft && second && !second.draft);
	const own = role ? latest.get(role) : undefined;
	const mine = own && (own.graderId === grader.id || !own.draft) ? own : undefined;
	return {
		rubric,
		role,
		lead,
		/** The grader's own marking in progress, or the decided one to start a regrade from. */
		marking:
			mine ?? (role === 'final' && !latest.get('final')?.draft ? latest.get('final') : undefined),
		moderation:
			submission.moderated && bothIn && lead && first && second
				? {
						first,
						second,
						differences: markDifferences(rubric, first.levels, second.levels)
					}
				: null,
		history
	};
}

/**
 * Saves a grader's marking of a handed-in submission and, when asked, decides it: graded (points and
 * pass from the rubric) or returned for revision. A draft stays the grader's own; a decision after an
 * earlier one is a regrade, a new version beside the old. A pass may complete the course and issue
 * (or renew) its certificate, in the same transaction.
 */
export async function saveMarking(
	db: Database,
	input: { grader: GraderViewer; submissionId: string; marking: MarkingInput; now?: Date }
): Promise<MarkingResult> {
	const now = input.now ?? new Date();
	const { grader, marking } = input;
	let feedback: { name: string; type: string; bytes: Uint8Array } | null = null;
	if (marking.feedbackFile && marking.feedbackFile.bytes.byteLength > 0) {
		const check = checkHandIn(
			marking.feedbackFile.name,
			marking.feedbackFile.bytes,
			[...handInTypes],
			20
		);
		if (!check.ok) return { ok: false, reason: 'file', refusal: check };
		feedback = { name: check.name, type: check.type, bytes: marking.feedbackFile.bytes };
	}
	return db.transaction(async (tx): Promise<MarkingResult> => {
		const [submission] = await tx
			.select()
			.from(submissions)
			.where(eq(submissions.id, input.submissionId))
			.for('update');
		if (!submission || !(await mayGradeCourse(tx, grader, submission.courseId)))
			return { ok: false, reason: 'not_grader' };
		if (submission.state === 'draft') return { ok: false, reason: 'not_handed_in' };
		const [assignment] = await tx
			.select()
			.from(assignments)
			.where(eq(assignments.id, submission.assignmentId));
		const rubric = rubricOf(submission, assignment);
		const role = await markingRole(tx, grader, submission);
		if (!role) return { ok: false, reason: 'already_marked' };
		if (role === 'final' && submission.moderated && submission.state === 'submitted') {
			if (!(await isLeadGrader(tx, grader, submission.courseId)))
				return { ok: false, reason: 'not_lead' };
		}
		const levels = cleanChoice(rubric, marking.levels);
		const score = scoreRubric(rubric, levels);
		if (marking.decide === 'graded' && !score.complete) return { ok: false, reason: 'incomplete' };
		const definition = definitionOf(assignment);
		if (marking.decide === 'returned' && role === 'final') {
			const handedIn = await tx
				.select({ n: sql<number>`count(*)::int` })
				.from(submissions)
				.where(
					and(
						eq(submissions.assignmentId, submission.assignmentId),
						eq(submissions.userId, submission.userId),
						sql`${submissions.state} <> 'draft'`
					)
				);
			if (Number(handedIn[0].n) > definition.resubmissions)
				return { ok: false, reason: 'no_rounds_left' };
		}
		const comments = Object.fromEntries(
			rubric.criteria
				.map((c) => [c.id, (marking.comments[c.id] ?? '').trim().slice(0, MAX_COMMENT_CHARS)])
				.filter(([, text]) => text)
		);
		const values = {
			levels,
			comments,
			overall: marking.overall?.trim().slice(0, MAX_COMMENT_CHARS) || null,
			points: score.complete ? score.points : null,
			passed: marking.decide === 'graded' ? score.passed : null,
			outcome: marking.decide,
			draft: marking.decide === null,
			updatedAt: now
		};
		const [latest] = await tx
			.select()
			.from(submissionMarks)
			.where(and(eq(submissionMarks.submissionId, submission.id), eq(submissionMarks.role, role)))
			.orderBy(desc(submissionMarks.version))
			.limit(1);
		// A draft is the grader's own working copy: saved over. A decided marking is never changed:
		// a regrade is a new version, so the history shows what was decided when, and by whom.
		const [mark] =
			latest && latest.draft
				? await tx
						.update(submissionMarks)
						.set({ ...values, graderId: grader.id })
						.where(eq(submissionMarks.id, latest.id))
						.returning()
				: await tx
						.insert(submissionMarks)
						.values({
							submissionId: submission.id,
							graderId: grader.id,
							role,
							version: (latest?.version ?? 0) + 1,
							createdAt: now,
							...values
						})
						.returning();
		if (feedback) {
			await tx.insert(submissionFiles).values({
				submissionId: submission.id,
				kind: 'feedback',
				name: feedback.name,
				type: feedback.type,
				size: feedback.bytes.byteLength,
				sha256: sha256Hex(feedback.bytes),
				content: feedback.bytes,
				uploadedBy: grader.id,
				createdAt: now
			});
		}
		// A blind marking decides nothing by itself: the lead's final marking does.
		if (!marking.decide || role !== 'final') return { ok: true, mark, decided: false };

		const regrade = submission.state === 'graded' || submission.state === 'returned';
		await tx
			.update(submissions)
			.set({
				state: marking.decide,
				points: score.complete ? score.points : null,
				maxPoints: score.max,
				passed: marking.decide === 'graded' ? score.passed : null,
				decidedAt: now,
				updatedAt: now
			})
			.where(eq(submissions.id, submission.id));
		await recordAudit(tx, {
			actorId: grader.id,
			action: regrade
				? 'submission.regraded'
				: marking.decide === 'graded'
					? 'submission.graded'
					: 'submission.returned',
			subjectId: submission.userId,
			details: {
				submission: submission.id,
				assignment: assignment.title.vi,
				round: submission.round,
				version: mark.version,
				points: score.complete ? score.points : null,
				max: score.max,
				passed: marking.decide === 'graded' ? score.passed : null
			}
		});
		const [course] = await tx
			.select({ slug: courses.slug, title: courses.title })
			.from(courses)
			.where(eq(courses.id, submission.courseId));
		await notify(
			tx,
			[
				{
					userId: submission.userId,
					kind: 'graded',
					key: `graded:${submission.id}:${mark.version}`,
					params: {
						course: course.title.vi,
						...(course.title.en ? { courseEn: course.title.en } : {}),
						slug: course.slug,
						assignment: assignment.slug,
						...(marking.decide === 'returned' ? { returned: true } : { passed: score.passed })
					},
					link: `/courses/${course.slug}/assignment/${assignment.slug}`
				}
			],
			{ now }
		);
		if (marking.decide === 'graded' && score.passed) await completeAfterPass(tx, submission, now);
		await refreshSummaries(tx, { userId: submission.userId, courseIds: [submission.courseId] });
		return { ok: true, mark, decided: true };
	});
}

/**
 * What a passed assignment means for the course: it may complete it (and issue the certificate); for
 * a course already complete it renews a certificate that has expired or expires soon, as passing the
 * assessment again does for quizzes.
 */
async function completeAfterPass(tx: Database, submission: Submission, now: Date) {
	const [enrolment] = await tx
		.select({ id: enrolments.id, completedAt: enrolments.completedAt })
		.from(enrolments)
		.where(
			and(eq(enrolments.userId, submission.userId), eq(enrolments.courseId, submission.courseId))
		);
	if (!enrolment) return;
	if (enrolment.completedAt) {
		await issueCertificate(tx, {
			userId: submission.userId,
			courseId: submission.courseId,
			now,
			completedAt: submission.submittedAt ?? now
		});
		return;
	}
	await evaluateCompletion(tx, enrolment.id, now);
}
