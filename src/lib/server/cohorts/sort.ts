import { cellRank, type CellState } from './cells';
import type { MatrixRow } from './matrix';

// One collator for every comparison: localeCompare(…, 'vi') sets one up per call.
const collator = new Intl.Collator('vi');

/** "name", or a course's position in the matrix: those most in need of attention first. */
export function sortRows(rows: MatrixRow[], sort: string | null, descending: boolean): MatrixRow[] {
	const column = sort === null || sort === 'name' ? null : Number(sort);
	const byName = (a: MatrixRow, b: MatrixRow) => collator.compare(a.fullName, b.fullName);
	const compare =
		column === null || !Number.isInteger(column)
			? byName
			: (a: MatrixRow, b: MatrixRow) =>
					cellRank(a.cells[column] ?? a.cells[0]) - cellRank(b.cells[column] ?? b.cells[0]) ||
					byName(a, b);
	const sorted = [...rows].sort(compare);
	return descending ? sorted.reverse() : sorted;
}

/** Lower case without diacritics, đ as d: "Lê Thị Mai" is found by "le thi mai" and by "Mai". */
export function fold(text: string): string {
	return text.normalize('NFD').replace(/\p{M}/gu, '').replace(/[đĐ]/g, 'd').toLowerCase();
}

export interface RowFilter {
	/** Part of the name or the account, in any case, with or without diacritics. */
	q?: string;
	/** Learners with this state in the course at `course`, or in any course when it is null. */
	state?: CellState | null;
	course?: number | null;
}

export function filterRows(rows: MatrixRow[], filter: RowFilter): MatrixRow[] {
	const q = fold(filter.q?.trim() ?? '');
	const { state, course } = filter;
	if (!q && !state) return rows;
	return rows.filter(
		(row) =>
			(!q || fold(row.fullName).includes(q) || fold(row.identifier).includes(q)) &&
			(!state ||
				(course == null
					? row.cells.some((c) => c.state === state)
					: row.cells[course]?.state === state))
	);
}

/** Learners per page of the matrix: a class of 500 on one page was 1.9 MB of HTML. */
export const MATRIX_PAGE_SIZE = 100;

export interface PageRequest extends RowFilter {
	sort: string;
	descending: boolean;
	/** From 1; out of range is brought back in range. */
	page: number;
}

/** The learners matching the filter, sorted, and the page of them asked for. */
export function matrixPage(rows: MatrixRow[], request: PageRequest, size = MATRIX_PAGE_SIZE) {
	const matching = sortRows(filterRows(rows, request), request.sort, request.descending);
	const pages = Math.max(1, Math.ceil(matching.length / size));
	const page = Math.min(pages, Math.max(1, Math.trunc(request.page) || 1));
	const first = (page - 1) * size;
	return {
		rows: matching.slice(first, first + size),
		matched: matching.length,
		page,
		pages,
		first
	};
}
