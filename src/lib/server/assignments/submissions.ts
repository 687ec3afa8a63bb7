import { and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import {
	assignments,
	enrolments,
	submissionFiles,
	submissionMarks,
	submissions,
	type Assignment,
	type Submission
} from '$db/schema';
import { addDays, dayEnd, parseDay, vietnamDay } from '$lib/vietnam-time';
import type { Database } from '../db';
import { checkHandIn, sha256Hex, type HandInRefusal } from './files';
import type { AssignmentDefinition, HandInType, Rubric } from './format';

// A learner's work on an assignment, round by round: draft → submitted → returned (a new round
// follows) or graded. Every rule of time and number is the server's, in Vietnam time.

export function definitionOf(assignment: Pick<Assignment, 'definition'>): AssignmentDefinition {
	return assignment.definition as unknown as AssignmentDefinition;
}

/** The assignment of a course by slug, if the current version has it. */
export async function getAssignment(
	db: Database,
	courseId: string,
	slug: string
): Promise<Assignment | undefined> {
	const [row] = await db
		.select()
		.from(assignments)
		.where(
			and(
				eq(assignments.courseId, courseId),
				eq(assignments.slug, slug),
				isNull(assignments.retiredAt)
			)
		);
	return row;
}

/** The deadline: the end (Vietnam time) of the day named, or of the Nth day after enrolling. */
export function dueAtFor(definition: AssignmentDefinition, enrolledAt: Date | null): Date | null {
	const due = definition.due;
	if (!due) return null;
	if ('date' in due) {
		const day = parseDay(due.date);
		return day ? dayEnd(day) : null;
	}
	if (!enrolledAt) return null;
	return dayEnd(addDays(vietnamDay(enrolledAt), due.daysAfterEnrolment));
}

/** Every round of a learner's work on an assignment, oldest first. */
export async function roundsOf(db: Database, assignmentId: string, userId: string) {
	return db
		.select()
		.from(submissions)
		.where(and(eq(submissions.assignmentId, assignmentId), eq(submissions.userId, userId)))
		.orderBy(asc(submissions.round));
}

export type RoundRefusal = 'waiting' | 'passed' | 'no_rounds_left' | 'closed';

/**
 * Whether the learner may work on a new round now, given their rounds so far: the first round always
 * (unless the deadline passed and lateness is refused); a next one after a round returned for
 * revision or graded as not passed, while resubmissions remain.
 */
export function nextRoundAllowed(
	definition: AssignmentDefinition,
	rounds: Pick<Submission, 'state' | 'passed'>[],
	dueAt: Date | null,
	now: Date
): { ok: true } | { ok: false; reason: RoundRefusal } {
	const last = rounds.at(-1);
	if (last?.state === 'draft') return { ok: true };
	if (last?.state === 'submitted') return { ok: false, reason: 'waiting' };
	if (last?.state === 'graded' && last.passed) return { ok: false, reason: 'passed' };
	if (last && rounds.length > definition.resubmissions)
		return { ok: false, reason: 'no_rounds_left' };
	// A resubmission asked for by the grader is never refused as late: the grader asked for it.
	if (!last && dueAt && now >= dueAt && definition.late === 'refuse')
		return { ok: false, reason: 'closed' };
	return { ok: true };
}

export interface NewFile {
	name: string;
	bytes: Uint8Array;
}

export type HandInResult =
	| { ok: true; submission: Submission }
	| {
			ok: false;
			reason:
				| RoundRefusal
				| 'not_enrolled'
				| 'no_content'
				| 'too_many_files'
				| 'text_too_long'
				| 'text_required';
	  }
	| ({ ok: false; file: string } & HandInRefusal);

/** The longest text a learner may hand in (characters). */
export const MAX_BODY_CHARS = 100_000;

/**
 * Saves the learner's work (text and new files) into their open round, opening one if allowed, and
 * with `handIn` hands it in — all in one transaction: the files, the text and the state change land
 * together or not at all. Late work is accepted and marked late unless the author refuses it.
 */
export async function saveWork(
	db: Database,
	input: {
		assignment: Assignment;
		userId: string;
		body?: string | null;
		files?: NewFile[];
		removeFileIds?: string[];
		handIn: boolean;
		now?: Date;
		/** Draws whether a submission is double-marked (tests); by default every n-th is (below). */
		draw?: () => number;
	}
): Promise<HandInResult> {
	const now = input.now ?? new Date();
	const definition = definitionOf(input.assignment);
	const files = input.files ?? [];
	if (input.body && input.body.length > MAX_BODY_CHARS)
		return { ok: false, reason: 'text_too_long' };
	if (files.length > 0 && !definition.handIn.files) return { ok: false, reason: 'too_many_files' };
	const checked: { type: HandInType; name: string; bytes: Uint8Array }[] = [];
	for (const file of files) {
		const limits = definition.handIn.files!;
		const check = checkHandIn(file.name, file.bytes, limits.types, limits.maxMegabytes);
		if (!check.ok) return { ...check, file: file.name };
		checked.push({ ...check, bytes: file.bytes });
	}
	return db
		.transaction(async (tx): Promise<HandInResult> => {
			// The enrolment row is locked: two tabs handing in at once take turns.
			const [enrolment] = await tx
				.select({ id: enrolments.id, enrolledAt: enrolments.enrolledAt, status: enrolments.status })
				.from(enrolments)
				.where(
					and(
						eq(enrolments.userId, input.userId),
						eq(enrolments.courseId, input.assignment.courseId)
					)
				)
				.for('update');
			if (!enrolment || enrolment.status !== 'active') return { ok: false, reason: 'not_enrolled' };
			const dueAt = dueAtFor(definition, enrolment.enrolledAt);
			const rounds = await roundsOf(tx, input.assignment.id, input.userId);
			const allowed = nextRoundAllowed(definition, rounds, dueAt, now);
			if (!allowed.ok) return allowed;
			let draft = rounds.at(-1)?.state === 'draft' ? rounds.at(-1)! : undefined;
			if (!draft) {
				[draft] = await tx
					.insert(submissions)
					.values({
						assignmentId: input.assignment.id,
						userId: input.userId,
						courseId: input.assignment.courseId,
						round: rounds.length + 1,
						state: 'draft',
						createdAt: now,
						updatedAt: now
					})
					.returning();
			}
			if (input.removeFileIds?.length) {
				for (const id of input.removeFileIds) {
					await tx
						.delete(submissionFiles)
						.where(
							and(
								eq(submissionFiles.id, id),
								eq(submissionFiles.submissionId, draft.id),
								eq(submissionFiles.kind, 'work')
							)
						);
				}
			}
			const [{ count }] = await tx
				.select({ count: sql<number>`count(*)::int` })
				.from(submissionFiles)
				.where(and(eq(submissionFiles.submissionId, draft.id), eq(submissionFiles.kind, 'work')));
			if (
				definition.handIn.files &&
				Number(count) + checked.length > definition.handIn.files.maxCount
			)
				return { ok: false, reason: 'too_many_files' };
			for (const file of checked) {
				await tx.insert(submissionFiles).values({
					submissionId: draft.id,
					kind: 'work',
					name: file.name,
					type: file.type,
					size: file.bytes.byteLength,
					sha256: sha256Hex(file.bytes),
					content: file.bytes,
					uploadedBy: input.userId,
					createdAt: now
				});
			}
			const body =
				definition.handIn.text === 'none'
					? null
					: input.body === undefined
						? draft.body
						: input.body?.trim() || null;
			const fileCount = Number(count) + checked.length;
			if (!input.handIn) {
				const [saved] = await tx
					.update(submissions)
					.set({ body, updatedAt: now })
					.where(eq(submissions.id, draft.id))
					.returning();
				return { ok: true, submission: saved };
			}
			if (definition.handIn.text === 'required' && !body)
				throw new Rollback({ ok: false, reason: 'text_required' });
			if (!body && fileCount === 0) throw new Rollback({ ok: false, reason: 'no_content' });
			const late = dueAt !== null && now >= dueAt;
			const moderated = definition.moderation
				? input.draw
					? input.draw() < definition.moderation.sample
					: await sampledForModeration(tx, input.assignment.id, definition.moderation.sample)
				: false;
			const [handed] = await tx
				.update(submissions)
				.set({
					body,
					state: 'submitted',
					submittedAt: now,
					dueAt,
					late,
					moderated,
					rubric: definition.rubric as unknown as Record<string, unknown>,
					updatedAt: now
				})
				.where(and(eq(submissions.id, draft.id), eq(submissions.state, 'draft')))
				.returning();
			return { ok: true, submission: handed };
		})
		.catch((error: unknown) => {
			// A refusal found after files were written takes them back with it.
			if (error instanceof Rollback) return error.result;
			throw error;
		});
}

/**
 * Whether the submission being handed in is one of the moderation sample: with a share of 0.2, every
 * fifth handed in (the 5th, 10th, …), so the sample is exactly the share asked and a lead can say
 * which ones it holds, rather than a draw that may pick none of a small class.
 */
async function sampledForModeration(tx: Database, assignmentId: string, share: number) {
	const [row] = await tx
		.select({ n: sql<number>`count(*)::int` })
		.from(submissions)
		.where(and(eq(submissions.assignmentId, assignmentId), sql`${submissions.state} <> 'draft'`));
	const before = Number(row?.n ?? 0);
	return Math.floor((before + 1) * share) > Math.floor(before * share);
}

/** Thrown inside saveWork's transaction to roll it back and answer with a refusal. */
class Rollback extends Error {
	constructor(readonly result: HandInResult) {
		super('rollback');
	}
}

/** The rubric a submission is graded on: the one it was handed in under. */
export function rubricOf(submission: Pick<Submission, 'rubric'>, assignment: Assignment): Rubric {
	return (submission.rubric ?? definitionOf(assignment).rubric) as Rubric;
}

/** The files of a submission without their bytes, in the order they came. */
export async function filesOf(db: Database, submissionIds: string[]) {
	if (submissionIds.length === 0) return [];
	return db
		.select({
			id: submissionFiles.id,
			submissionId: submissionFiles.submissionId,
			kind: submissionFiles.kind,
			name: submissionFiles.name,
			type: submissionFiles.type,
			size: submissionFiles.size,
			createdAt: submissionFiles.createdAt
		})
		.from(submissionFiles)
		.where(inArray(submissionFiles.submissionId, submissionIds))
		.orderBy(asc(submissionFiles.createdAt), asc(submissionFiles.name));
}

/** One file's bytes, if it belongs to the submission. */
export async function fileOf(db: Database, submissionId: string, fileId: string) {
	if (!/^[0-9a-f-]{36}$/i.test(fileId)) return undefined;
	const [file] = await db
		.select()
		.from(submissionFiles)
		.where(and(eq(submissionFiles.id, fileId), eq(submissionFiles.submissionId, submissionId)));
	return file;
}

/**
 * The decided marking the learner may read for each round: the newest final version of the final
 * marking (never a draft, never a moderator's own marking).
 */
export async function decisionsOf(db: Database, submissionIds: string[]) {
	if (submissionIds.length === 0) return new Map<string, typeof submissionMarks.$inferSelect>();
	const rows = await db
		.select()
		.from(submissionMarks)
		.where(
			and(
				inArray(submissionMarks.submissionId, submissionIds),
				eq(submissionMarks.role, 'final'),
				eq(submissionMarks.draft, false)
			)
		)
		.orderBy(desc(submissionMarks.version));
	const latest = new Map<string, typeof submissionMarks.$inferSelect>();
	for (const row of rows) if (!latest.has(row.submissionId)) latest.set(row.submissionId, row);
	return latest;
}

/** What the learner sees of an assignment: each round with its files and decided feedback. */
export async function learnerView(
	db: Database,
	assignment: Assignment,
	userId: string,
	now = new Date()
) {
	const definition = definitionOf(assignment);
	const [enrolment] = await db
		.select({ enrolledAt: enrolments.enrolledAt, status: enrolments.status })
		.from(enrolments)
		.where(and(eq(enrolments.userId, userId), eq(enrolments.courseId, assignment.courseId)));
	const dueAt = dueAtFor(definition, enrolment?.enrolledAt ?? null);
	const rounds = await roundsOf(db, assignment.id, userId);
	const ids = rounds.map((r) => r.id);
	const [files, decisions] = await Promise.all([filesOf(db, ids), decisionsOf(db, ids)]);
	const allowed = nextRoundAllowed(definition, rounds, dueAt, now);
	return {
		definition,
		dueAt,
		enrolled: enrolment?.status === 'active',
		next: allowed,
		roundsLeft: Math.max(
			0,
			definition.resubmissions + 1 - rounds.filter((r) => r.state !== 'draft').length
		),
		rounds: rounds.map((r) => {
			const decided = r.state === 'returned' || r.state === 'graded';
			const decision = decided ? decisions.get(r.id) : undefined;
			return {
				id: r.id,
				round: r.round,
				state: r.state,
				body: r.body,
				submittedAt: r.submittedAt,
				late: r.late,
				points: decided ? r.points : null,
				maxPoints: decided ? r.maxPoints : null,
				passed: r.state === 'graded' ? r.passed : null,
				decidedAt: decided ? r.decidedAt : null,
				feedback: decision
					? { levels: decision.levels, comments: decision.comments, overall: decision.overall }
					: null,
				// A grader's marked-up file is the learner's to read once the round is decided.
				files: files.filter((f) => f.submissionId === r.id && (f.kind === 'work' || decided))
			};
		})
	};
}
