// The parts of an XLSX that make its first worksheet a table: shared strings, which styles are
// dates, and the sheet's cells, each read in one pass (intake/xml.ts). Read as ExcelJS read them
// before, so class lists read the same: a formula shows the value it last had, a date cell reads
// DD/MM/YYYY, a boolean true/false, an error cell nothing.
import { dayOfDateOnly, formatDay } from '$lib/vietnam-time';
import type { Sliced } from './slices';
import type { Grid } from './table';
import { events, scanBytes, Unreadable, type Attributes } from './xml';

/** Excel's escape for characters XML cannot hold: _x000D_ is a carriage return. */
const unescape = (text: string) =>
	text.replace(/_x([0-9A-F]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));

/** The text of each shared string, rich text runs joined, phonetic guides left out. */
export function* sharedStrings(bytes: Uint8Array | undefined, maxText: number): Sliced<string[]> {
	const strings: string[] = [];
	if (!bytes) return strings;
	let parts: string[] | null = null;
	let inText = false;
	let phonetic = false;
	yield* scanBytes(
		bytes,
		events({
			open(name) {
				if (name === 'si') parts = [];
				else if (name === 'rPh') phonetic = true;
				else if (name === 't') inText = !phonetic;
			},
			close(name) {
				if (name === 'si' && parts) {
					strings.push(unescape(parts.join('')));
					parts = null;
				} else if (name === 'rPh') phonetic = false;
				else if (name === 't') inText = false;
			},
			text: (value) => void parts?.push(value),
			wantsText: () => inText && parts !== null
		}),
		maxText
	);
	return strings;
}

/** Built-in number formats that are dates or times (ECMA-376 §18.8.30), as ExcelJS knows them. */
const DATE_FORMAT_IDS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47]);

/** ExcelJS's test: day, month, year, hour or second outside [brackets] and "quoted text". */
function isDateFormat(code: string): boolean {
	return /[ymdhMsb]/.test(code.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''));
}

/** For each cell style (a cell's `s`), whether its number format shows a date. */
export function* dateStyles(bytes: Uint8Array | undefined, maxText: number): Sliced<boolean[]> {
	const custom = new Map<number, string>();
	const formats: number[] = [];
	let inCellXfs = false;
	if (bytes)
		yield* scanBytes(
			bytes,
			events({
				open(name, a) {
					if (name === 'numFmt') custom.set(Number(a.get('numFmtId')), a.get('formatCode') ?? '');
					else if (name === 'cellXfs') inCellXfs = true;
					else if (name === 'xf' && inCellXfs) formats.push(Number(a.get('numFmtId') ?? 0));
				},
				close(name) {
					if (name === 'cellXfs') inCellXfs = false;
				}
			}),
			maxText
		);
	return formats.map((id) =>
		custom.has(id) ? isDateFormat(custom.get(id)!) : DATE_FORMAT_IDS.has(id)
	);
}

/** A date cell holds the days since 1900 (or 1904): written as the day it reads. */
function serialDay(serial: number, date1904: boolean): string {
	const date = new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 86_400_000));
	return Number.isNaN(date.getTime()) ? String(serial) : formatDay(dayOfDateOnly(date));
}

interface OpenCell {
	row: number;
	column: number;
	type: string;
	style: number;
	parts: string[];
	/** A <v> or an inline string was met: without one, the cell holds nothing (a formula never run). */
	hasValue: boolean;
}

const REFERENCE = /^([A-Z]{1,3})([1-9][0-9]{0,6})$/i;

function columnNumber(letters: string): number {
	let n = 0;
	for (const ch of letters.toUpperCase()) n = n * 26 + ch.charCodeAt(0) - 64;
	return n;
}

/** Each cell of the worksheet into `grid`, stopping as soon as the grid refuses one. */
export function* worksheet(
	bytes: Uint8Array,
	grid: Grid,
	strings: string[],
	dates: boolean[],
	date1904: boolean
): Sliced<void> {
	let inData = false;
	let over = false;
	let row = 0;
	let column = 0;
	let cell: OpenCell | null = null;
	let inValue = false;
	let inline = false;
	let phonetic = false;
	const text = (c: OpenCell): string => {
		const raw = c.parts.join('');
		if (!c.hasValue) return '';
		switch (c.type) {
			case 's': {
				const string = strings[Number(raw)];
				if (string === undefined) throw new Unreadable();
				return string;
			}
			case 'inlineStr':
				return unescape(raw);
			case 'str':
				return raw;
			case 'b':
				return parseInt(raw, 10) !== 0 ? 'true' : 'false';
			case 'e':
				return '';
			case 'd': {
				const date = new Date(raw);
				return Number.isNaN(date.getTime()) ? raw : formatDay(dayOfDateOnly(date));
			}
			default: {
				if (raw.trim() === '') return '';
				const number = parseFloat(raw);
				if (Number.isNaN(number)) return raw;
				return dates[c.style] ? serialDay(number, date1904) : String(number);
			}
		}
	};
	yield* scanBytes(
		bytes,
		events({
			open(name, a: Attributes) {
				if (name === 'sheetData') inData = true;
				if (!inData) return;
				if (name === 'row') {
					const r = a.get('r');
					row = r === undefined ? row + 1 : Number(r);
					if (!Number.isInteger(row) || row < 1) throw new Unreadable();
					column = 0;
				} else if (name === 'c') {
					const reference = a.get('r');
					const match = reference === undefined ? null : REFERENCE.exec(reference);
					if (reference !== undefined && !match) throw new Unreadable();
					column = match ? columnNumber(match[1]) : column + 1;
					const cellRow = match ? Number(match[2]) : row;
					if (cellRow < 1) throw new Unreadable();
					const style = Number(a.get('s') ?? 0);
					cell = {
						row: cellRow,
						column,
						type: a.get('t') ?? 'n',
						style,
						parts: [],
						hasValue: false
					};
				} else if (cell && name === 'v') {
					inValue = true;
					cell.hasValue = true;
					cell.parts = [];
				} else if (cell && name === 'is') {
					inline = true;
					cell.hasValue = true;
				} else if (name === 'rPh') phonetic = true;
			},
			close(name) {
				if (name === 'sheetData') over = true;
				else if (name === 'v') inValue = false;
				else if (name === 'is') inline = false;
				else if (name === 'rPh') phonetic = false;
				else if (name === 'c' && cell) {
					const done = cell;
					cell = null;
					if (!grid.put(done.row, done.column, text(done))) over = true;
				}
			},
			text: (value) => void cell?.parts.push(value),
			// Inline strings: the text of <t> elements only, phonetic guides left out.
			wantsText: () => cell !== null && (inValue || (inline && !phonetic)),
			done: () => over
		}),
		grid.limits.cellChars
	);
}
