import { and, eq, isNull, sql } from 'drizzle-orm';
import {
	courses,
	enrolments,
	quizAttemptGrants,
	quizAttempts,
	quizzes,
	type Course,
	type Quiz
} from '$db/schema';
import type { StaffScope } from '../auth/staff';
import { mayViewCourseAs } from '../courses/access';
import type { Database } from '../db';
import { preparedQuery } from '../db/prepared';
import { allowedAttempts } from './allowance';
import { closeIfTimeUp, GRACE_MS } from './attempts';
import type { QuizDefinition } from './format';
import { drawSnapshot, type Random } from './snapshot';

// Starting an attempt: the moment a whole class presses "start" together. No lock is taken and no
// transaction opened: the two unique indexes on quiz_attempts (one attempt in progress per learner
// and quiz; attempt numbers unique per learner and quiz) decide between starts that meet, so one
// learner's starts wait only for each other, and a start that resumes costs one small query.

/** A learner's standing at a quiz, as a start needs it. */
export interface StartState {
	enrolled: boolean;
	/** The attempt in progress, if any, and its deadline. */
	openId: string | null;
	openDeadline: Date | null;
	/** Attempts made, and extra attempts granted (allowance.ts). */
	made: number;
	extra: number;
}

/** The quiz as a start needs it; its definition is read (once per course version) when missing. */
export type StartQuiz = Pick<Quiz, 'id' | 'courseId' | 'courseVersionId'> & {
	definition?: QuizDefinition;
};

export type Opened =
	| { ok: true; attemptId: string; resumed: boolean }
	| { ok: false; reason: 'not_enrolled' | 'no_attempts_left' };

const userParam = () => sql`${sql.placeholder('userId')}::uuid`;

/** StartState's columns, for a query over `quizzes` left-joined to the learner's open attempt. */
function stateColumns() {
	const userId = userParam();
	return {
		openId: quizAttempts.id,
		openDeadline: quizAttempts.deadlineAt,
		made: sql<number>`(select count(*)::int from ${quizAttempts} a
			where a.quiz_id = ${quizzes.id} and a.user_id = ${userId})`.mapWith(Number),
		extra: sql<number>`(select coalesce(sum(g.extra), 0)::int from ${quizAttemptGrants} g
			where g.quiz_id = ${quizzes.id} and g.user_id = ${userId})`.mapWith(Number)
	};
}

const openAttemptOf = () =>
	and(
		eq(quizAttempts.quizId, quizzes.id),
		eq(quizAttempts.userId, userParam()),
		eq(quizAttempts.state, 'in_progress')
	);

const stateQuery = preparedQuery('quiz_start_state', (db, name) =>
	db
		.select({
			...stateColumns(),
			enrolled: sql<boolean>`exists (select 1 from ${enrolments} e
				where e.user_id = ${userParam()} and e.course_id = ${quizzes.courseId} and e.status = 'active')`
		})
		.from(quizzes)
		.leftJoin(quizAttempts, openAttemptOf())
		.where(eq(quizzes.id, sql`${sql.placeholder('quizId')}::uuid`))
		.prepare(name)
);

/** What the quiz page's start reads, in one statement: course, quiz and the learner's standing. */
const contextQuery = preparedQuery('quiz_start_context', (db, name) =>
	db
		.select({
			course: {
				id: courses.id,
				currentVersionId: courses.currentVersionId,
				status: courses.status,
				organisationId: courses.organisationId
			},
			quiz: {
				id: quizzes.id,
				courseId: quizzes.courseId,
				courseVersionId: quizzes.courseVersionId
			},
			enrolment: enrolments.status,
			...stateColumns()
		})
		.from(courses)
		.innerJoin(
			quizzes,
			and(
				eq(quizzes.courseId, courses.id),
				eq(quizzes.slug, sql.placeholder('quizSlug')),
				isNull(quizzes.retiredAt)
			)
		)
		.leftJoin(
			enrolments,
			and(eq(enrolments.courseId, courses.id), eq(enrolments.userId, userParam()))
		)
		.leftJoin(quizAttempts, openAttemptOf())
		.where(eq(courses.slug, sql.placeholder('courseSlug')))
		.prepare(name)
);

export interface StartContext {
	course: Pick<Course, 'id' | 'currentVersionId' | 'status' | 'organisationId'>;
	quiz: StartQuiz;
	state: StartState;
}

/** The course and quiz by their slugs with the learner's standing, or undefined if either is not. */
export async function startContext(
	db: Database,
	courseSlug: string,
	quizSlug: string,
	userId: string
): Promise<StartContext | undefined> {
	const [row] = await contextQuery(db).execute({ courseSlug, quizSlug, userId });
	if (!row) return undefined;
	const { course, quiz, enrolment, ...rest } = row;
	return { course, quiz, state: { ...rest, enrolled: enrolment === 'active' } };
}

async function readState(db: Database, quizId: string, userId: string): Promise<StartState> {
	const [row] = await stateQuery(db).execute({ quizId, userId });
	if (!row) return { enrolled: false, openId: null, openDeadline: null, made: 0, extra: 0 };
	return row;
}

/**
 * A definition never changes within a course version (a new version gives the quiz a new
 * courseVersionId: courses/sync.ts), so one read per version serves every start of the quiz.
 */
const definitions = new Map<string, QuizDefinition>();
const DEFINITIONS_KEPT = 200;

const definitionQuery = preparedQuery('quiz_start_definition', (db, name) =>
	db
		.select({ definition: quizzes.definition, courseVersionId: quizzes.courseVersionId })
		.from(quizzes)
		.where(eq(quizzes.id, sql`${sql.placeholder('quizId')}::uuid`))
		.prepare(name)
);

/** The quiz's definition at its course version; the version read with it when it moved on since. */
async function definitionAt(
	db: Database,
	quiz: StartQuiz
): Promise<{ definition: QuizDefinition; courseVersionId: string }> {
	if (quiz.definition)
		return { definition: quiz.definition, courseVersionId: quiz.courseVersionId };
	const key = `${quiz.id}/${quiz.courseVersionId}`;
	const known = definitions.get(key);
	if (known) return { definition: known, courseVersionId: quiz.courseVersionId };
	const [row] = await definitionQuery(db).execute({ quizId: quiz.id });
	if (!row) throw new Error(`quiz ${quiz.id} is gone`);
	const definition = row.definition as unknown as QuizDefinition;
	if (definitions.size >= DEFINITIONS_KEPT) definitions.delete(definitions.keys().next().value!);
	definitions.set(`${quiz.id}/${row.courseVersionId}`, definition);
	return { definition, courseVersionId: row.courseVersionId };
}

const insertQuery = preparedQuery('quiz_start_insert', (db, name) => {
	const quizId = sql`${sql.placeholder('quizId')}::uuid`;
	const userId = userParam();
	const mine = sql`a.quiz_id = ${quizId} and a.user_id = ${userId}`;
	// Every column in the table's order, as insert … select requires.
	const row = db
		.select({
			id: sql`gen_random_uuid()`,
			quizId: quizId,
			userId: userId,
			courseId: sql`${sql.placeholder('courseId')}::uuid`,
			courseVersionId: sql`${sql.placeholder('courseVersionId')}::uuid`,
			// After the highest number, not the count: a start that did not see an attempt made
			// meanwhile asks for that attempt's number, and the unique index refuses it.
			number: sql`(select coalesce(max(a.number), 0) + 1 from ${quizAttempts} a where ${mine})`,
			state: sql`'in_progress'`,
			startedAt: sql`${sql.placeholder('startedAt')}::timestamptz`,
			deadlineAt: sql`${sql.placeholder('deadlineAt')}::timestamptz`,
			submittedAt: sql`null`,
			snapshot: sql`${sql.placeholder('snapshot')}::jsonb`,
			responses: sql`'{}'::jsonb`,
			marks: sql`null`,
			score: sql`null`,
			maxScore: sql`${sql.placeholder('maxScore')}::real`,
			percent: sql`null`,
			passed: sql`null`
		})
		.from(enrolments)
		.where(
			and(
				eq(enrolments.userId, userId),
				eq(enrolments.courseId, sql`${sql.placeholder('courseId')}::uuid`),
				eq(enrolments.status, 'active'),
				sql`(${sql.placeholder('limit')}::int is null or
					(select count(*) from ${quizAttempts} a where ${mine}) <
					${sql.placeholder('limit')}::int + (select coalesce(sum(g.extra), 0) from ${quizAttemptGrants} g
						where g.quiz_id = ${quizId} and g.user_id = ${userId}))`
			)
		);
	return db
		.insert(quizAttempts)
		.select(row as never)
		.onConflictDoNothing()
		.returning({ id: quizAttempts.id })
		.prepare(name);
});

/** Starts with another start in between (a double click meeting this one) are retried this often. */
const ROUNDS = 3;

/**
 * Starts an attempt, or resumes the one in progress. The limit (the quiz's plus any extra attempts
 * granted: allowance.ts) holds however many starts arrive at once: the insert counts the attempts
 * its own snapshot sees and takes the number after the highest, so a start that missed one made
 * meanwhile collides with it on the unique number, and a second attempt in progress collides on
 * the one-open index; a start that collides reads again and resumes the attempt that won. An
 * attempt in progress whose time ran out is handed in first, with what was saved.
 */
export async function openAttempt(
	db: Database,
	quiz: StartQuiz,
	userId: string,
	{ now = new Date(), random, state }: { now?: Date; random?: Random; state?: StartState } = {}
): Promise<Opened> {
	let known = state ?? (await readState(db, quiz.id, userId));
	for (let round = 0; round < ROUNDS; round++) {
		if (!known.enrolled) return { ok: false, reason: 'not_enrolled' };
		if (known.openId) {
			const timeUp = known.openDeadline && now.getTime() > known.openDeadline.getTime() + GRACE_MS;
			if (!timeUp) return { ok: true, attemptId: known.openId, resumed: true };
			await closeTimedOut(db, known.openId, userId, now);
			known = await readState(db, quiz.id, userId);
			continue;
		}
		const { definition, courseVersionId } = await definitionAt(db, quiz);
		const allowed = allowedAttempts(definition, known.extra);
		if (allowed !== null && known.made >= allowed) return { ok: false, reason: 'no_attempts_left' };
		const made = await insertAttempt(
			db,
			{ ...quiz, courseVersionId },
			definition,
			userId,
			now,
			random
		);
		if (made) return { ok: true, attemptId: made, resumed: false };
		known = await readState(db, quiz.id, userId);
	}
	throw new Error(`could not start quiz ${quiz.id} for ${userId}: starts kept colliding`);
}

async function closeTimedOut(db: Database, attemptId: string, userId: string, now: Date) {
	const [attempt] = await db
		.select()
		.from(quizAttempts)
		.where(and(eq(quizAttempts.id, attemptId), eq(quizAttempts.userId, userId)));
	if (attempt) await closeIfTimeUp(db, attempt, now);
}

async function insertAttempt(
	db: Database,
	quiz: Pick<Quiz, 'id' | 'courseId' | 'courseVersionId'>,
	definition: QuizDefinition,
	userId: string,
	now: Date,
	random?: Random
): Promise<string | undefined> {
	const snapshot = drawSnapshot(definition, random);
	const deadline = definition.timeLimitMinutes
		? new Date(now.getTime() + definition.timeLimitMinutes * 60_000)
		: null;
	const [made] = await insertQuery(db).execute({
		quizId: quiz.id,
		userId,
		courseId: quiz.courseId,
		courseVersionId: quiz.courseVersionId,
		startedAt: now.toISOString(),
		deadlineAt: deadline?.toISOString() ?? null,
		snapshot: JSON.stringify(snapshot),
		maxScore: snapshot.questions.reduce((sum, q) => sum + q.points, 0),
		limit: definition.attempts
	});
	return made?.id;
}

/** Starts of one learner at one quiz under way in this process, by learner, course and quiz. */
const underWay = new Map<string, Promise<QuizStart>>();

export type QuizStart = Opened | { ok: false; reason: 'not_found' };

/**
 * The quiz page's start: the course and quiz by their slugs, if this learner may see them, and the
 * attempt opened or resumed. Presses of "start" by one learner that arrive while one of theirs is
 * under way (a double click, a second press on a slow phone) wait for it and resume the attempt it
 * opened, rather than racing it to the database; the unique indexes still decide between starts
 * that reach it from two server instances.
 */
export function startQuiz(
	db: Database,
	courseSlug: string,
	quizSlug: string,
	user: { id: string; organisationId: string | null },
	scope: StaffScope
): Promise<QuizStart> {
	const key = `${user.id}/${courseSlug}/${quizSlug}`;
	const running = underWay.get(key);
	if (running) return running.then((r) => (r.ok ? { ...r, resumed: true } : r));
	const started = (async (): Promise<QuizStart> => {
		const found = await startContext(db, courseSlug, quizSlug, user.id);
		if (!found || !(await mayViewCourseAs(db, found.course, user, scope)))
			return { ok: false, reason: 'not_found' };
		return openAttempt(db, found.quiz, user.id, { state: found.state });
	})().finally(() => underWay.delete(key));
	underWay.set(key, started);
	return started;
}

/** A learner's attempts at a quiz as its page lists them, oldest first: no questions or answers. */
export function attemptsListed(db: Database, quizId: string, userId: string) {
	return db
		.select({
			id: quizAttempts.id,
			number: quizAttempts.number,
			state: quizAttempts.state,
			startedAt: quizAttempts.startedAt,
			percent: quizAttempts.percent,
			passed: quizAttempts.passed
		})
		.from(quizAttempts)
		.where(and(eq(quizAttempts.quizId, quizId), eq(quizAttempts.userId, userId)))
		.orderBy(quizAttempts.number);
}
