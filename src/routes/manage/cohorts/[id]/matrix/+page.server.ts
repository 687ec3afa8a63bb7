import { cohortMatrix } from '$lib/server/cohorts/matrix';
import { sortRows } from '$lib/server/cohorts/sort';
import { requireCohort } from '../../../access.server';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const { cohort } = await requireCohort(locals, params.id);
	const matrix = await cohortMatrix(locals.db, cohort.id);
	const sort = url.searchParams.get('sort') ?? 'name';
	const descending = url.searchParams.get('dir') === 'desc';
	return {
		cohort: { id: cohort.id, name: cohort.name },
		courses: matrix.courses,
		rows: sortRows(matrix.rows, sort, descending),
		sort,
		descending
	};
};
