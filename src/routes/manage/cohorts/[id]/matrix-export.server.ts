import { localise } from '$lib/localise';
import { m } from '$lib/paraglide/messages';
import { matrixTable, type MatrixColumn, type WorkColumn } from '$lib/server/cohorts/export';
import { cohortMatrix } from '$lib/server/cohorts/matrix';
import { requireCohort } from '../../access.server';
import { stateLabel } from '../../cell-label';
import { workStatusLabel } from './matrix/work-label';

const columnName: Record<MatrixColumn, (inputs: { course: string }) => string> = {
	state: m.export_col_state,
	percent: m.export_col_percent,
	best: m.export_col_best,
	completedOn: m.export_col_completed_on,
	certificate: m.export_col_certificate
};

const workColumnName: Record<WorkColumn, (inputs: { assignment: string }) => string> = {
	status: m.export_col_work_status,
	points: m.export_col_work_points,
	maxPoints: m.export_col_work_max,
	gradedOn: m.export_col_work_graded_on,
	late: m.export_col_work_late
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
		state: (cell) => stateLabel(cell.state),
		// Assignments: status and points only (least access: no work, no feedback).
		workColumn: (assignment, kind) => workColumnName[kind]({ assignment }),
		work: (work) => workStatusLabel(work.status),
		late: m.work_late(),
		overdue: m.work_overdue()
	});
	// The class's own name: contentDisposition gives it an ASCII twin (tien-do-CD-Dien-…).
	return { cohort, rows, filename: `tien-do-${cohort.name}` };
}
