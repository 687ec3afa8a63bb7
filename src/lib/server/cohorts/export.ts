import type { Localised } from '$db/schema';
import type { Cell } from './cells';
import type { Credential } from './import';
import type { Matrix } from './matrix';
import { workbookStream } from '../reports/xlsx';

/** A spreadsheet cell that cannot run as a formula: =, +, -, @ (and tab, CR) get a leading quote. */
export function safeText(value: string | number | null): string {
	const text = value === null ? '' : String(value);
	return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

const csvCell = (value: string | number | null) => `"${safeText(value).replace(/"/g, '""')}"`;

/** CSV with a byte-order mark, so spreadsheet programs read the Vietnamese as UTF-8. */
export function toCsv(rows: (string | number | null)[][]): string {
	return '\uFEFF' + rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/** One sheet, the first row as its header; streamed (see reports/xlsx.ts). */
export function toXlsx(
	sheetName: string,
	rows: (string | number | null)[][],
	creator = 'Sạch Hơn'
): ReadableStream<Uint8Array> {
	const [header = [], ...body] = rows;
	return workbookStream(
		[{ name: sheetName, header: header.map((h) => String(h ?? '')), rows: body }],
		{ title: sheetName, creator }
	);
}

export interface MatrixLabels {
	learner: string;
	identifier: string;
	state: (cell: Cell) => string;
	title: (title: Localised) => string;
}

/** One row per learner, one column per assigned course: the state, the progress and the best score. */
export function matrixTable(matrix: Matrix, labels: MatrixLabels): (string | number | null)[][] {
	const header = [
		labels.learner,
		labels.identifier,
		...matrix.courses.map((c) => labels.title(c.title))
	];
	return [
		header,
		...matrix.rows.map((row) => [row.fullName, row.identifier, ...row.cells.map(labels.state)])
	];
}

export function credentialsTable(
	credentials: Pick<Credential, 'fullName' | 'identifier' | 'password'>[],
	header: [string, string, string]
) {
	return [header, ...credentials.map((c) => [c.fullName, c.identifier, c.password])];
}
