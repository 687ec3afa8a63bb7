import { localise } from '$lib/localise';
import { m } from '$lib/paraglide/messages';
import { matrixTable, type MatrixColumn } from '$lib/server/cohorts/export';
import { cohortMatrix } from '$lib/server/cohorts/matrix';
import { requireCohort } from '../../access.server';
import { stateLabel } from '../../cell-label';

const columnName: Record<MatrixColumn, (inputs: { course: string }) => string> = {
	state: m.export_col_state,
	percent: m.export_col_percent,
	best: m.export_col_best,
	completedOn: m.export_col_completed_on,
	certificate: m.export_col_certificate
};

/** The matrix as rows of text, for the CSV and XLSX downloads. */
export async function matrixRows(locals: App.Locals, id: string) {
	const { cohort } = await requireCohort(locals, id);
	const matrix = await cohortMatrix(locals.db, cohort.id);
	const rows = matrixTable(matrix, {
		learner: m.matrix_learner(),
		identifier: m.matrix_identifier(),
		title: localise,
		column: (course, kind) => columnName[kind]({ course }),
		state: (cell) => stateLabel(cell.state)
	});
	// The class's own name: contentDisposition gives it an ASCII twin (tien-do-CD-Dien-…).
	return { cohort, rows, filename: `tien-do-${cohort.name}` };
}
