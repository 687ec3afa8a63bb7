import type { TableLimits } from './limits';

/** Why an uploaded table was not read; `cell` names the cell that stopped the read ("AE1"). */
export type TableRefusal =
	| { reason: 'not_a_table' }
	| { reason: 'too_large' }
	| { reason: 'unreadable' }
	| { reason: 'encoding' }
	| { reason: 'beyond_bounds'; cell: string }
	| { reason: 'cell_too_long'; cell: string }
	| { reason: 'too_many_cells' }
	| { reason: 'unpacks_too_large' }
	| { reason: 'too_slow' };

/** The rows of the table as text, row 1 (the header) first; blank rows kept, so numbers match. */
export type TableRead = { ok: true; rows: string[][] } | { ok: false; refusal: TableRefusal };

/** 1 → A, 30 → AD, 16384 → XFD. */
export function columnLetters(column: number): string {
	let letters = '';
	for (let n = column; n > 0; n = Math.floor((n - 1) / 26))
		letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
	return letters;
}

/**
 * The one place the bounds of an uploaded table are enforced, cell by cell as a reader meets them,
 * whatever the format: a cell with something in it beyond the last row or column stops the read;
 * empty cells beyond (a spreadsheet's formatted but unused rows, a CSV's trailing commas) are
 * counted, never stored.
 */
export class Grid {
	private readonly cells: string[][] = [];
	private width = 0;
	private met = 0;
	refusal: TableRefusal | null = null;

	constructor(readonly limits: TableLimits) {}

	/** A cell at `row`, `column` (both from 1). False once the read must stop (see `refusal`). */
	put(row: number, column: number, text: string): boolean {
		if (this.refusal) return false;
		if (++this.met > this.limits.cells) return this.refuse({ reason: 'too_many_cells' });
		if (text === '') return true;
		const cell = () => `${columnLetters(column)}${row}`;
		if (row > this.limits.rows || column > this.limits.columns)
			return this.refuse({ reason: 'beyond_bounds', cell: cell() });
		if (text.length > this.limits.cellChars)
			return this.refuse({ reason: 'cell_too_long', cell: cell() });
		(this.cells[row - 1] ??= [])[column - 1] = text;
		if (column > this.width) this.width = column;
		return true;
	}

	refuse(refusal: TableRefusal): false {
		this.refusal ??= refusal;
		return false;
	}

	/** Every row up to the last with content, each as wide as the widest: missing cells are ''. */
	result(): TableRead {
		if (this.refusal) return { ok: false, refusal: this.refusal };
		const rows = Array.from(this.cells, (cells) =>
			Array.from({ length: this.width }, (_, i) => cells?.[i] ?? '')
		);
		return { ok: true, rows };
	}
}
