import type { Localised } from '$db/schema';
import type { Cell } from './cells';
import type { Credential } from './import';
import type { Matrix, WorkCell } from './matrix';
import { vietnamDay } from '$lib/vietnam-time';
import { workbookStream, type Cell as ExportCell } from '../reports/xlsx';

export type { ExportCell };

/** A spreadsheet cell that cannot run as a formula: =, +, -, @ (and tab, CR) get a leading quote. */
export function safeText(value: ExportCell): string {
	if (value instanceof Date) return value.toISOString().slice(0, 10);
	const text = value === null ? '' : String(value);
	return /^[=+\-@\t\r]/.test(text) && typeof value !== 'number' ? `'${text}` : text;
}

const csvCell = (value: ExportCell) => `"${safeText(value).replace(/"/g, '""')}"`;

/** CSV with a byte-order mark, so spreadsheet programs read the Vietnamese as UTF-8; days as ISO. */
export function toCsv(rows: ExportCell[][]): string {
	return '\uFEFF' + rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/** One sheet, the first row as its header; streamed (see reports/xlsx.ts). */
export function toXlsx(
	sheetName: string,
	rows: ExportCell[][],
	creator = 'Sạch Hơn'
): ReadableStream<Uint8Array> {
	const [header = [], ...body] = rows;
	return workbookStream([{ name: sheetName, header: header.map((h) => safeText(h)), rows: body }], {
		title: sheetName,
		creator
	});
}

export interface MatrixLabels {
	learner: string;
	identifier: string;
	/** A course's column of a kind: "Khóa A — % hoàn thành". */
	column: (course: string, kind: MatrixColumn) => string;
	/** The state in words, without numbers: "Đang học". */
	state: (cell: Cell) => string;
	title: (title: Localised) => string;
	/** An assignment's column of a kind: "Bài thực hành … — Điểm". */
	workColumn: (assignment: string, kind: WorkColumn) => string;
	/** The work's status in words: "Đã nộp, chờ chấm". */
	work: (work: WorkCell) => string;
	/** The late column's words: handed in late ("Nộp muộn"), not handed in past due ("Quá hạn nộp"). */
	late: string;
	overdue: string;
}

export const WORK_COLUMNS = ['status', 'points', 'maxPoints', 'gradedOn', 'late'] as const;
export type WorkColumn = (typeof WORK_COLUMNS)[number];

export const MATRIX_COLUMNS = ['state', 'percent', 'best', 'completedOn', 'certificate'] as const;
export type MatrixColumn = (typeof MATRIX_COLUMNS)[number];

/** The calendar day in Vietnam as a date cell (UTC midnight of that day): what a spreadsheet shows. */
function dayCell(instant: Date | null): Date | null {
	return instant && new Date(`${vietnamDay(instant)}T00:00:00Z`);
}

/** The values a spreadsheet can count with, one column each, beside the state in words. */
export function cellValues(cell: Cell, state: string): ExportCell[] {
	return [
		state,
		cell.percent,
		cell.bestPercent === null ? null : Math.round(cell.bestPercent * 10) / 10,
		dayCell(cell.completedAt),
		cell.certificateCode
	];
}

/** An assignment's status in words, points and maximum (once graded), day decided, late. */
export function workValues(
	work: WorkCell,
	status: string,
	words: { late: string; overdue: string }
): ExportCell[] {
	const lateness = work.late ? words.late : work.overdue ? words.overdue : null;
	return [status, work.points, work.maxPoints, dayCell(work.decidedAt), lateness];
}

/**
 * One row per learner; per assigned course its state in words, percent complete, best score (%),
 * completion day and certificate code, each in its own column; then per assignment of those
 * courses its status, points, maximum, day graded and whether it came in late (never the work).
 */
export function matrixTable(matrix: Matrix, labels: MatrixLabels): ExportCell[][] {
	const header = [
		labels.learner,
		labels.identifier,
		...matrix.courses.flatMap((c) =>
			MATRIX_COLUMNS.map((kind) => labels.column(labels.title(c.title), kind))
		),
		...matrix.assignments.flatMap((a) =>
			WORK_COLUMNS.map((kind) => labels.workColumn(labels.title(a.title), kind))
		)
	];
	return [
		header,
		...matrix.rows.map((row) => [
			row.fullName,
			row.identifier,
			...row.cells.flatMap((cell) => cellValues(cell, labels.state(cell))),
			...row.work.flatMap((work) => workValues(work, labels.work(work), labels))
		])
	];
}

export function credentialsTable(
	credentials: Pick<Credential, 'fullName' | 'identifier' | 'password'>[],
	header: [string, string, string]
) {
	return [header, ...credentials.map((c) => [c.fullName, c.identifier, c.password])];
}
