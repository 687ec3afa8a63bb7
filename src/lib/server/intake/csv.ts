// A small RFC 4180 reader for class lists saved from spreadsheet programs, bounded while it reads
// (intake/table.ts) and in slices (intake/slices.ts): each character is looked at once.
import { TABLE_LIMITS, type TableLimits } from './limits';
import { atOnce, inSlices, SLICE, type Sliced } from './slices';
import { columnLetters, Grid, type TableRead } from './table';

const QUOTE = 34;
const LF = 10;
const CR = 13;

/**
 * Reads CSV text into `grid`: quotes, doubled quotes, CRLF or LF; a leading BOM is dropped. Stops
 * as soon as the grid refuses a cell, or a field runs on past what a cell may hold.
 */
function* parse(text: string, grid: Grid): Sliced<void> {
	const start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
	const n = text.length;
	if (start >= n) return;
	const delimiter = guessDelimiter(text, start);
	const ends = (code: number) => code === delimiter || code === LF || code === CR;
	// A field's text is at least half its length in the file (doubled quotes): a field longer than
	// twice the longest cell is refused there, without reading on to its end.
	const longest = 2 * grid.limits.cellChars + 2;
	let next = start + SLICE;
	let row = 1;
	let column = 1;
	let i = start;
	const tooLong = () => grid.refuse({ reason: 'cell_too_long', cell: columnLetters(column) + row });
	for (;;) {
		const from = i;
		const parts: string[] = [];
		// A field in quotes (only when the quote opens it); text after its closing quote is kept.
		if (text.charCodeAt(i) === QUOTE) {
			i++;
			for (;;) {
				const q = text.indexOf('"', i);
				if ((q < 0 ? n : q) - from > longest) return void tooLong();
				parts.push(text.slice(i, q < 0 ? n : q));
				i = q < 0 ? n : q + 1;
				if (q < 0 || text.charCodeAt(i) !== QUOTE) break;
				parts.push('"');
				if (++i >= next) {
					yield;
					next = i + SLICE;
				}
			}
		}
		const tail = i;
		while (i < n && !ends(text.charCodeAt(i))) {
			// The bound is checked once a slice: it is more than a slice long.
			if (++i >= next) {
				if (i - from > longest) return void tooLong();
				yield;
				next = i + SLICE;
			}
		}
		parts.push(text.slice(tail, i));
		if (!grid.put(row, column, parts.join('')) || i >= n) return;
		const code = text.charCodeAt(i++);
		if (code === delimiter) column++;
		else {
			if (code === CR && text.charCodeAt(i) === LF) i++;
			row++;
			column = 1;
		}
		if (i >= next) {
			yield;
			next = i + SLICE;
		}
	}
}

/**
 * Spreadsheet programs set to Vietnamese often save with semicolons; the header line tells (its
 * first 64 K characters: a class list's header is a few dozen).
 */
function guessDelimiter(text: string, start: number): number {
	let commas = 0;
	let semicolons = 0;
	for (let i = start; i < text.length && i < start + SLICE; i++) {
		const code = text.charCodeAt(i);
		if (code === LF || code === CR) break;
		if (code === 44) commas++;
		else if (code === 59) semicolons++;
	}
	return semicolons > commas ? 59 : 44;
}

/**
 * The text of an uploaded CSV, or null when it is not UTF-8 (Excel on Vietnamese Windows saves
 * "CSV" in the ANSI code page unless "CSV UTF-8" is chosen).
 */
export function decodeUtf8(data: ArrayBuffer | Uint8Array): string | null {
	try {
		return new TextDecoder('utf-8', { fatal: true }).decode(data);
	} catch {
		return null;
	}
}

/** An uploaded CSV, within `limits`, pausing for the event loop between slices. */
export async function readCsv(
	bytes: Uint8Array,
	limits: TableLimits,
	deadline: number
): Promise<TableRead> {
	if (bytes.length > limits.bytes) return { ok: false, refusal: { reason: 'too_large' } };
	const text = decodeUtf8(bytes);
	if (text === null) return { ok: false, refusal: { reason: 'encoding' } };
	const grid = new Grid(limits);
	if ((await inSlices(parse(text, grid), deadline)) === 'too_slow')
		return { ok: false, refusal: { reason: 'too_slow' } };
	return grid.result();
}

/**
 * CSV text the server already holds (tests, fixtures), read at once within the same limits; throws
 * on a refusal. Uploads go through readSpreadsheet (intake/spreadsheet.ts).
 */
export function parseCsv(text: string, limits: TableLimits = TABLE_LIMITS): string[][] {
	const grid = new Grid(limits);
	atOnce(parse(text, grid));
	const read = grid.result();
	if (!read.ok) throw new Error(`CSV refused: ${read.refusal.reason}`);
	return read.rows;
}
