import { fold } from '$lib/text';
import { cellRank, type CellState } from './cells';
import type { MatrixRow } from './matrix';

// One collator for every comparison: localeCompare(…, 'vi') sets one up per call. Vietnamese
// order: a ă â, d before đ, then the tones.
const collator = new Intl.Collator('vi');

/** "Nguyễn Văn Anh" → given name "Anh", family name "Nguyễn", middle "Văn". */
function nameParts(fullName: string): { given: string; family: string; middle: string } {
	const words = fullName.normalize('NFC').trim().split(/\s+/);
	const given = words.pop() ?? '';
	return { given, family: words.shift() ?? '', middle: words.join(' ') };
}

/**
 * The Vietnamese order of a class list: by given name (the last word), then family name, then the
 * middle names; `family` puts the family name first instead. "Nguyễn Văn Anh" < "Trần Thị Bình" <
 * "Lê Đức Chính".
 */
export function compareNames(a: string, b: string, by: 'given' | 'family' = 'given'): number {
	const x = nameParts(a);
	const y = nameParts(b);
	const keys: ('given' | 'family' | 'middle')[] =
		by === 'given' ? ['given', 'family', 'middle'] : ['family', 'middle', 'given'];
	for (const key of keys) {
		const order = collator.compare(x[key], y[key]);
		if (order !== 0) return order;
	}
	return 0;
}

/** Usernames and e-mail addresses in the same collation (hs-2 before hs-10). */
export function compareText(a: string, b: string): number {
	return numericCollator.compare(a, b);
}
const numericCollator = new Intl.Collator('vi', { numeric: true });

/** "name", or a course's position in the matrix: those most in need of attention first. */
export function sortRows(rows: MatrixRow[], sort: string | null, descending: boolean): MatrixRow[] {
	const column = sort === null || sort === 'name' ? null : Number(sort);
	const byName = (a: MatrixRow, b: MatrixRow) => compareNames(a.fullName, b.fullName);
	const compare =
		column === null || !Number.isInteger(column)
			? byName
			: (a: MatrixRow, b: MatrixRow) =>
					cellRank(a.cells[column] ?? a.cells[0]) - cellRank(b.cells[column] ?? b.cells[0]) ||
					byName(a, b);
	const sorted = [...rows].sort(compare);
	return descending ? sorted.reverse() : sorted;
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

/** The orders of a class's member list; the first is the default. */
export const MEMBER_ORDERS = ['given', 'family', 'username', 'progress'] as const;
export type MemberOrder = (typeof MEMBER_ORDERS)[number];

export function memberOrder(value: string | null): MemberOrder {
	return MEMBER_ORDERS.find((o) => o === value) ?? 'given';
}

export interface SortableMember {
	fullName: string;
	username: string | null;
	email: string | null;
	/** Mean percent complete over the assigned courses. */
	progress: number;
}

/**
 * Members in the order asked for: by given name (the Vietnamese way), family name, account, or
 * progress (least done first: who needs a word from the manager), names breaking ties.
 */
export function sortMembers<T extends SortableMember>(members: T[], order: MemberOrder): T[] {
	const byName = (a: T, b: T) => compareNames(a.fullName, b.fullName);
	const compare: Record<MemberOrder, (a: T, b: T) => number> = {
		given: byName,
		family: (a, b) => compareNames(a.fullName, b.fullName, 'family'),
		username: (a, b) =>
			compareText(a.username ?? a.email ?? '', b.username ?? b.email ?? '') || byName(a, b),
		progress: (a, b) => a.progress - b.progress || byName(a, b)
	};
	return [...members].sort(compare[order]);
}
