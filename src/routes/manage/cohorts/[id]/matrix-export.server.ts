import { localise } from '$lib/localise';
import { m } from '$lib/paraglide/messages';
import { matrixTable } from '$lib/server/cohorts/export';
import { cohortMatrix } from '$lib/server/cohorts/matrix';
import { requireCohort } from '../../access.server';
import { cellLabel } from '../../cell-label';

/** The matrix as rows of text, for the CSV and XLSX downloads. */
export async function matrixRows(locals: App.Locals, id: string) {
	const { cohort } = await requireCohort(locals, id);
	const matrix = await cohortMatrix(locals.db, cohort.id);
	const rows = matrixTable(matrix, {
		learner: m.matrix_learner(),
		identifier: m.matrix_identifier(),
		title: localise,
		state: (cell) =>
			[
				cellLabel(cell),
				cell.bestPercent === null
					? ''
					: m.matrix_best_score({ percent: Math.round(cell.bestPercent) })
			]
				.filter(Boolean)
				.join('; ')
	});
	// The class's own name: contentDisposition gives it an ASCII twin (tien-do-CD-Dien-…).
	return { cohort, rows, filename: `tien-do-${cohort.name}` };
}
