import { readCsv } from './csv';
import { TABLE_LIMITS, type TableLimits } from './limits';
import type { TableRead } from './table';
import { readXlsx } from './xlsx';

export type { TableRead, TableRefusal } from './table';

/**
 * The one intake for uploaded tables (a class list as CSV or XLSX): the size is checked before a
 * byte is parsed, rows, columns and cells while parsing (the read stops at the first cell beyond
 * them), and the parse runs in slices with pauses for the event loop, within a time limit
 * (intake/slices.ts says why slices rather than a worker thread).
 */
export async function readSpreadsheet(
	file: File,
	limits: TableLimits = TABLE_LIMITS
): Promise<TableRead> {
	const deadline = Date.now() + limits.ms;
	const xlsx = /\.xlsx$/i.test(file.name);
	if (!xlsx && !/\.(csv|txt)$/i.test(file.name))
		return { ok: false, refusal: { reason: 'not_a_table' } };
	// Before the bytes are even copied out of the request.
	if (file.size > limits.bytes) return { ok: false, refusal: { reason: 'too_large' } };
	const bytes = new Uint8Array(await file.arrayBuffer());
	return xlsx ? readXlsx(bytes, limits, deadline) : readCsv(bytes, limits, deadline);
}
