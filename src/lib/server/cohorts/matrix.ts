import { and, asc, desc, eq, inArray, isNull, ne, sql } from 'drizzle-orm';
import { assignments, enrolments, submissions, type Localised } from '$db/schema';
import type { AssignmentDefinition } from '../assignments/format';
import { dueAtFor } from '../assignments/submissions';
import { vietnamDay } from '$lib/vietnam-time';
import type { Database } from '../db';
import { queryRows } from '../db/rows';
import { cellFor, type Cell, type CellFacts, type CellState } from './cells';

export interface MatrixCourse {
	id: string;
	slug: string;
	title: Localised;
	dueOn: string | null;
}

/** An assignment of an assigned course (retired ones left out), in course order, required first. */
export interface MatrixAssignment {
	id: string;
	/** Its course's position in `courses`. */
	course: number;
	slug: string;
	title: Localised;
	required: boolean;
}

/**
 * Where a learner's work on an assignment stands, from its latest handed-in round (a draft being
 * revised leaves the last decision standing): status and points only. Managers never see the work's
 * files or the grader's comments (least access).
 */
export type WorkStatus = 'not_submitted' | 'submitted' | 'returned' | 'passed' | 'failed';

export interface WorkCell {
	status: WorkStatus;
	points: number | null;
	maxPoints: number | null;
	/** Handed in after its due time. */
	late: boolean;
	/** Not handed in, and its due time (a day, or days after enrolling) has passed. */
	overdue: boolean;
	/** When it was graded or returned. */
	decidedAt: Date | null;
}

export const WORK_STATUSES: readonly WorkStatus[] = [
	'not_submitted',
	'submitted',
	'returned',
	'passed',
	'failed'
] as const;

export interface MatrixRow {
	userId: string;
	fullName: string;
	identifier: string;
	cells: Cell[];
	completed: number;
	/** One per `Matrix.assignments`, in its order. */
	work: WorkCell[];
}

export interface Matrix {
	courses: MatrixCourse[];
	assignments: MatrixAssignment[];
	rows: MatrixRow[];
}

const NOT_SUBMITTED: WorkCell = {
	status: 'not_submitted',
	points: null,
	maxPoints: null,
	late: false,
	overdue: false,
	decidedAt: null
};

const OVERDUE: WorkCell = { ...NOT_SUBMITTED, overdue: true };

/** Work not handed in: overdue once its due time (a day, or days after enrolling) has passed. */
function overdueOrNot(
	due: AssignmentDefinition['due'] | null | undefined,
	enrolledAt: Date | null,
	now: Date
): WorkCell {
	const dueAt = due ? dueAtFor({ due } as AssignmentDefinition, enrolledAt) : null;
	return dueAt && now >= dueAt ? OVERDUE : NOT_SUBMITTED;
}

/** A latest handed-in round: assignment position, state, passed, points, max, late, decided (JSON). */
type WorkTuple = [
	j: number,
	state: string,
	passed: boolean | null,
	points: number | null,
	maxPoints: number | null,
	late: boolean,
	decidedAt: string | null
];

/** Status and points of a handed-in round (points only once graded). */
export function workCell([
	,
	state,
	passed,
	points,
	maxPoints,
	late,
	decidedAt
]: WorkTuple): WorkCell {
	const status: WorkStatus =
		state === 'graded'
			? passed
				? 'passed'
				: 'failed'
			: state === 'returned'
				? 'returned'
				: state === 'submitted'
					? 'submitted'
					: 'not_submitted';
	const graded = state === 'graded';
	return {
		status,
		points: graded ? points : null,
		maxPoints: graded ? maxPoints : null,
		late: status !== 'not_submitted' && late,
		overdue: false,
		decidedAt: decidedAt && (graded || state === 'returned') ? new Date(decidedAt) : null
	};
}

/**
 * A member's enrolment, from its summary (progress/summary.ts): the course's position, when it was
 * completed (JSON text) or null, whether any lesson or quiz was begun, required lessons done and
 * required (null when no summary was stored), best percentage, certificate code.
 */
type CellTuple = [
	i: number,
	completedAt: string | null,
	started: boolean,
	requiredDone: number,
	required: number | null,
	best: number | null,
	code: string | null,
	enrolledAt: string
];

/** One row: the courses in matrix order, and the members with their enrolments. */
interface MatrixResult {
	courses:
		[id: string, slug: string, title: Localised, dueOn: string | null, required: number][] | null;
	members:
		| [
				id: string,
				fullName: string,
				identifier: string,
				cells: CellTuple[] | null,
				work: WorkTuple[] | null
		  ][]
		| null;
	assignments:
		| [
				id: string,
				course: number,
				slug: string,
				title: Localised,
				required: boolean,
				due: AssignmentDefinition['due'] | null
		  ][]
		| null;
}

/**
 * Learners × assigned courses in one statement, whose cost follows the size of the class, not of
 * the platform: one enrolment summary per cell (progress/summary.ts keeps lessons done, best score
 * and certificate current), read through the enrolments' (user_id, course_id) index for the
 * members' ids (`= any(array(…))`; a join on cohort_members lets the planner prefer scanning whole
 * tables); progress and attempts are probed only for a cell with nothing done yet (begun or not). One statement also means one snapshot: the courses and
 * the cells agree. The result is one row of JSON arrays, parsed natively: 5,000 rows parsed by the
 * driver, or strings split in JavaScript, cost several times as much. The assignments' work comes
 * in the same statement: each member's latest handed-in round per assignment, through the
 * submissions' (user_id, course_id) index, status and points only (no files, no comments).
 */
export async function cohortMatrix(
	db: Database,
	cohortId: string,
	now = new Date()
): Promise<Matrix> {
	const [result] = await queryRows<MatrixResult>(
		db,
		sql`with cc as materialized (
			select cc.course_id, cc.due_on::text as due_on, c.slug, c.title,
				(select count(*)::int from lessons l where l.course_id = c.id and l.required and l.retired_at is null) as required,
				(row_number() over (order by c.slug, c.id))::int - 1 as i
			from cohort_courses cc join courses c on c.id = cc.course_id
			where cc.cohort_id = ${cohortId}::uuid
		),
		m as materialized (select user_id from cohort_members where cohort_id = ${cohortId}::uuid),
		a as materialized (
			select a.id, a.course_id, a.slug, a.title, a.required, a.definition->'due' as due, cc.i,
				(row_number() over (order by cc.i, a.required desc, a.slug, a.id))::int - 1 as j
			from assignments a join cc on cc.course_id = a.course_id
			where a.retired_at is null
		),
		w as (
			select s.user_id, json_agg(json_build_array(
				a.j, s.state, s.passed, s.points, s.max_points, s.late, s.decided_at)) as work
			from (
				select distinct on (s.user_id, s.assignment_id)
					s.user_id, s.assignment_id, s.state, s.passed, s.points, s.max_points, s.late, s.decided_at
				from submissions s
				where s.user_id = any(array(select user_id from m)) and s.course_id = any(array(select course_id from cc))
					and s.state <> 'draft'
				order by s.user_id, s.assignment_id, s.round desc
			) s join a on a.id = s.assignment_id
			group by s.user_id
		),
		cells as (
			select e.user_id, json_agg(json_build_array(
				array_position((select array_agg(course_id order by i) from cc), e.course_id) - 1,
				e.completed_at,
				-- Started: only a cell with nothing done and no score looks further, one index probe.
				case when e.completed_at is not null or s.lessons_done > 0 or s.best_percent is not null then true
					when exists (select 1 from lesson_progress p where p.user_id = e.user_id and p.course_id = e.course_id) then true
					else exists (select 1 from quiz_attempts a where a.user_id = e.user_id and a.course_id = e.course_id) end,
				coalesce(s.lessons_done, 0), s.lessons_required, s.best_percent,
				case when e.completed_at is not null then s.certificate_code end,
				e.enrolled_at)) as cells
			from enrolments e
			left join enrolment_summaries s on s.enrolment_id = e.id
			where e.user_id = any(array(select user_id from m)) and e.course_id = any(array(select course_id from cc))
			group by e.user_id
		)
		select
			(select json_agg(json_build_array(cc.course_id, cc.slug, cc.title, cc.due_on, cc.required) order by cc.i) from cc) as courses,
			(select json_agg(json_build_array(a.id, a.i, a.slug, a.title, a.required, a.due) order by a.j) from a) as assignments,
			(select json_agg(json_build_array(u.id, u.full_name, coalesce(u.username, u.email), cells.cells, w.work) order by u.full_name, u.id)
				from users u left join cells on cells.user_id = u.id left join w on w.user_id = u.id
				where u.id = any(array(select user_id from m))) as members`
	);
	const courseRows = json(result?.courses) ?? [];
	const memberRows = json(result?.members) ?? [];
	const assignmentRows = json(result?.assignments) ?? [];
	const assignments = assignmentRows.map(
		([id, course, slug, title, required]): MatrixAssignment => ({
			id,
			course,
			slug,
			title,
			required
		})
	);

	const today = vietnamDay(now);
	const courses = courseRows.map(([id, slug, title, dueOn]) => ({ id, slug, title, dueOn }));
	const facts = (i: number, over: Partial<CellFacts> = {}): CellFacts => ({
		completedAt: null,
		lessonsTouched: 0,
		requiredDone: 0,
		required: courseRows[i][4],
		attempts: 0,
		bestPercent: null,
		certificateCode: null,
		dueOn: courseRows[i][3],
		...over
	});
	// A course's cell for a member not enrolled (yet): one object per course, shared.
	const untouched = courseRows.map((_, i) => cellFor(facts(i), now, today));
	const rows = memberRows.map(([userId, fullName, identifier, enrolled, handedIn]): MatrixRow => {
		const work = assignments.map(() => NOT_SUBMITTED);
		for (const tuple of handedIn ?? []) if (tuple[0] in work) work[tuple[0]] = workCell(tuple);
		const cells = [...untouched];
		const enrolledAt: (Date | null)[] = courseRows.map(() => null);
		let completed = 0;
		for (const [column, done, started, requiredDone, required, best, code, since] of enrolled ??
			[]) {
			if (!(column in cells)) continue;
			enrolledAt[column] = since ? new Date(since) : null;
			const cell = cellFor(
				facts(column, {
					completedAt: done === null ? null : new Date(done),
					// The cell asks only whether anything was begun.
					lessonsTouched: started ? 1 : 0,
					requiredDone,
					...(required === null ? {} : { required }),
					attempts: 0,
					bestPercent: best,
					certificateCode: code
				}),
				now,
				today
			);
			cells[column] = cell;
			if (cell.state === 'completed') completed++;
		}
		// Not handed in past its due time (the assignment's own: a day, or days after enrolling).
		work.forEach((w, j) => {
			if (w.status !== 'not_submitted') return;
			work[j] = overdueOrNot(assignmentRows[j][5], enrolledAt[assignments[j].course], now);
		});
		return { userId, fullName, identifier, cells, completed, work };
	});
	return { courses, assignments, rows };
}

/**
 * One learner's work on the assignments of some courses, for the learner page of a class: each
 * assignment (required first) with the status and points of the latest handed-in round. Like the
 * matrix, it reads no work, files or comments.
 */
export async function learnerWork(
	db: Database,
	userId: string,
	courseIds: string[],
	now = new Date()
): Promise<(MatrixAssignment & { courseId: string; work: WorkCell })[]> {
	if (courseIds.length === 0) return [];
	const rows = await db
		.select({
			id: assignments.id,
			courseId: assignments.courseId,
			slug: assignments.slug,
			title: assignments.title,
			required: assignments.required,
			state: submissions.state,
			passed: submissions.passed,
			points: submissions.points,
			maxPoints: submissions.maxPoints,
			late: submissions.late,
			decidedAt: submissions.decidedAt,
			due: sql<AssignmentDefinition['due'] | null>`${assignments.definition}->'due'`,
			enrolledAt: enrolments.enrolledAt
		})
		.from(assignments)
		.leftJoin(
			enrolments,
			and(eq(enrolments.courseId, assignments.courseId), eq(enrolments.userId, userId))
		)
		.leftJoin(
			submissions,
			and(
				eq(submissions.assignmentId, assignments.id),
				eq(submissions.userId, userId),
				ne(submissions.state, 'draft')
			)
		)
		.where(and(inArray(assignments.courseId, courseIds), isNull(assignments.retiredAt)))
		.orderBy(
			asc(assignments.courseId),
			desc(assignments.required),
			asc(assignments.slug),
			asc(assignments.id),
			desc(submissions.round)
		);
	const seen = new Set<string>();
	const result: (MatrixAssignment & { courseId: string; work: WorkCell })[] = [];
	for (const r of rows) {
		if (seen.has(r.id)) continue;
		seen.add(r.id);
		result.push({
			id: r.id,
			course: courseIds.indexOf(r.courseId),
			courseId: r.courseId,
			slug: r.slug,
			title: r.title,
			required: r.required,
			work: r.state
				? workCell([
						0,
						r.state,
						r.passed,
						r.points,
						r.maxPoints,
						r.late ?? false,
						r.decidedAt?.toISOString() ?? null
					])
				: overdueOrNot(r.due, r.enrolledAt, now)
		});
	}
	return result;
}

/** postgres.js and PGlite parse json columns; a driver that did not would give text. */
function json<T>(value: T | string | null | undefined): T | null {
	return typeof value === 'string' ? (JSON.parse(value) as T) : (value ?? null);
}

export const CELL_STATES: readonly CellState[] = [
	'completed',
	'in_progress',
	'not_started',
	'overdue'
] as const;

/** Per course, how many learners are in each state, in the order of CELL_STATES. */
export function matrixSummary(matrix: Matrix): number[][] {
	const counts = matrix.courses.map(() => CELL_STATES.map(() => 0));
	for (const row of matrix.rows)
		row.cells.forEach((cell, i) => counts[i][CELL_STATES.indexOf(cell.state)]++);
	return counts;
}
