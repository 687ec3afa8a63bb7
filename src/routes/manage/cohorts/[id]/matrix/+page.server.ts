import {
	CELL_STATES,
	cohortMatrix,
	matrixSummary,
	WORK_STATUSES
} from '$lib/server/cohorts/matrix';
import { matrixPage } from '$lib/server/cohorts/sort';
import { requireCohort } from '../../../access.server';
import { encodeCells } from '../../../cell-label';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const { cohort } = await requireCohort(locals, params.id);
	const matrix = await cohortMatrix(locals.db, cohort.id);
	const query = url.searchParams;
	const column = (value: string | null) => {
		const i = value === null || value === '' ? NaN : Number(value);
		return Number.isInteger(i) && i >= 0 && i < matrix.courses.length ? i : null;
	};
	const sortColumn = column(query.get('sort'));
	const sort = sortColumn === null ? 'name' : String(sortColumn);
	const descending = query.get('dir') === 'desc';
	const q = (query.get('q') ?? '').trim().slice(0, 100);
	const state = CELL_STATES.find((s) => s === query.get('state')) ?? null;
	const course = column(query.get('course'));
	const shown = matrixPage(matrix.rows, {
		q,
		state,
		course,
		sort,
		descending,
		page: Number.parseInt(query.get('page') ?? '', 10)
	});
	// One course chosen: only its column, which a phone can show.
	const columns = course === null ? matrix.courses.map((_, i) => i) : [course];
	// The shown courses' assignments, after the courses: status and points, never the work.
	const work = matrix.assignments.flatMap((a, j) => (columns.includes(a.course) ? [j] : []));
	return {
		cohort: { id: cohort.id, name: cohort.name },
		courses: matrix.courses.map((c) => ({ id: c.id, title: c.title, dueOn: c.dueOn })),
		columns,
		// Short cells: the page is sent twice, as HTML and as the data that hydrates it.
		rows: shown.rows.map((r) => ({
			id: r.userId,
			name: r.fullName,
			login: r.identifier,
			cells: encodeCells(columns.map((i) => r.cells[i])),
			// [status, points, maximum, 1 late or 2 overdue]: short, like the cells.
			work: work.map((j) => {
				const w = r.work[j];
				return [
					WORK_STATUSES.indexOf(w.status),
					w.points,
					w.maxPoints,
					w.late ? 1 : w.overdue ? 2 : 0
				] as const;
			})
		})),
		assignments: work.map((j) => {
			const a = matrix.assignments[j];
			return { id: a.id, title: a.title, required: a.required };
		}),
		workStatuses: WORK_STATUSES,
		states: CELL_STATES,
		summary: matrixSummary(matrix),
		total: matrix.rows.length,
		matched: shown.matched,
		first: shown.first,
		page: shown.page,
		pages: shown.pages,
		sort,
		descending,
		q,
		state,
		course
	};
};
