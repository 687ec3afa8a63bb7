import { cellRank } from './cells';
import type { MatrixRow } from './matrix';

/** "name", or a course's position in the matrix: those most in need of attention first. */
export function sortRows(rows: MatrixRow[], sort: string | null, descending: boolean): MatrixRow[] {
	const column = sort === null || sort === 'name' ? null : Number(sort);
	const byName = (a: MatrixRow, b: MatrixRow) => a.fullName.localeCompare(b.fullName, 'vi');
	const compare =
		column === null || !Number.isInteger(column)
			? byName
			: (a: MatrixRow, b: MatrixRow) =>
					cellRank(a.cells[column] ?? a.cells[0]) - cellRank(b.cells[column] ?? b.cells[0]) ||
					byName(a, b);
	const sorted = [...rows].sort(compare);
	return descending ? sorted.reverse() : sorted;
}
