/**
 * Writing a worksheet into an exceljs workbook: input cells (yellow, unlocked), formula cells (grey,
 * locked, written with their cached result), headers and notes, A4 print setup, and a table helper
 * so a form's example and blank sheets share one layout and differ only in what is typed in.
 */
import ExcelJS from 'exceljs';
import { unzipSync, zipSync } from 'fflate';
import { address, columnLetters, evaluateSheet, isError, type CellInput } from './formula';
import { FIXED_DATE, type Column, type Row } from './model';

const GREEN = 'FF14532D';
const INPUT_FILL = 'FFFFF2CC';
const FORMULA_FILL = 'FFE7E6E6';
const BORDER = { style: 'thin' as const, color: { argb: 'FFA6A6A6' } };
const BOX = { top: BORDER, left: BORDER, bottom: BORDER, right: BORDER };

export type TextStyle = 'title' | 'subtitle' | 'section' | 'label' | 'note' | 'header' | 'strong';

const FONTS: Record<TextStyle, Partial<ExcelJS.Font>> = {
	title: { bold: true, size: 14, color: { argb: GREEN } },
	subtitle: { italic: true, size: 10, color: { argb: 'FF404040' } },
	section: { bold: true, size: 12, color: { argb: GREEN } },
	label: { size: 11 },
	strong: { bold: true, size: 11 },
	note: { italic: true, size: 10, color: { argb: 'FF404040' } },
	header: { bold: true, size: 10, color: { argb: 'FFFFFFFF' } }
};

export class SheetBuilder {
	readonly ws: ExcelJS.Worksheet;
	private cells = new Map<string, CellInput>();
	private formats = new Map<string, string>();
	private breaks = 0;

	constructor(
		wb: ExcelJS.Workbook,
		name: string,
		readonly widths: number[],
		landscape: boolean,
		footer: string
	) {
		this.ws = wb.addWorksheet(name, {
			pageSetup: {
				paperSize: 9,
				orientation: landscape ? 'landscape' : 'portrait',
				fitToPage: true,
				fitToWidth: 1,
				fitToHeight: 0,
				horizontalCentered: true,
				margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.6, header: 0.3, footer: 0.3 }
			},
			headerFooter: { oddFooter: `&L&8${footer}&R&8Trang &P/&N` },
			views: [{ showGridLines: false }]
		});
		widths.forEach((w, i) => (this.ws.getColumn(i + 1).width = w));
	}

	/** Text across columns `from`–`to` of a row (merged when it spans more than one column). */
	text(row: number, from: number, to: number, text: string, style: TextStyle = 'label'): void {
		const cell = this.ws.getCell(row, from);
		cell.value = text;
		cell.font = FONTS[style];
		cell.alignment = { wrapText: true, vertical: 'top' };
		if (style === 'header') {
			cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: GREEN } };
			cell.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
			cell.border = BOX;
		}
		if (to > from) this.ws.mergeCells(row, from, row, to);
		this.cells.set(address(from, row), { value: text });
	}

	/** A cell the user fills in: yellow, unlocked, optionally limited to a list or a range. */
	input(row: number, col: number, value: number | string | null, column?: Partial<Column>): void {
		const cell = this.ws.getCell(row, col);
		cell.value = value;
		cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: INPUT_FILL } };
		cell.border = BOX;
		cell.protection = { locked: false };
		cell.alignment = { wrapText: true, vertical: 'top' };
		if (column?.numFmt) cell.numFmt = column.numFmt;
		if (column?.list)
			cell.dataValidation = {
				type: 'list',
				allowBlank: true,
				formulae: [`"${column.list.join(',')}"`],
				showErrorMessage: true,
				errorTitle: 'Giá trị không có trong danh sách',
				error: 'Chọn một giá trị trong danh sách thả xuống.'
			};
		if (column?.range)
			cell.dataValidation = {
				type: column.range.whole ? 'whole' : 'decimal',
				operator: 'between',
				allowBlank: true,
				formulae: [column.range.min, column.range.max],
				showErrorMessage: true,
				errorTitle: 'Ngoài khoảng cho phép',
				error: `Nhập một số từ ${column.range.min} đến ${column.range.max}.`
			};
		this.cells.set(address(col, row), { value });
	}

	/** A computed cell: grey, locked; its cached result is filled in by finish(). */
	formula(row: number, col: number, formula: string, numFmt?: string, bold = false): void {
		const cell = this.ws.getCell(row, col);
		cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: FORMULA_FILL } };
		cell.border = BOX;
		cell.font = { bold };
		cell.alignment = { wrapText: true, vertical: 'top' };
		if (numFmt) this.formats.set(address(col, row), numFmt);
		this.cells.set(address(col, row), { formula });
	}

	/** A plain locked cell inside a table (row numbers, fixed labels). */
	fixed(row: number, col: number, value: string | number, bold = false): void {
		const cell = this.ws.getCell(row, col);
		cell.value = value;
		cell.border = BOX;
		cell.font = { bold };
		cell.alignment = { wrapText: true, vertical: 'top' };
		this.cells.set(address(col, row), { value });
	}

	/** A label and its input cell side by side: "Cơ sở:" [ … ]. */
	field(
		row: number,
		label: string,
		labelCols: [number, number],
		valueCols: [number, number],
		value: string | number | null,
		column?: Partial<Column>
	): void {
		this.text(row, labelCols[0], labelCols[1], label, 'strong');
		this.input(row, valueCols[0], value, column);
		if (valueCols[1] > valueCols[0]) this.ws.mergeCells(row, valueCols[0], row, valueCols[1]);
	}

	/**
	 * A table: a header row, a row of column numbers (the PDF form and the rules refer to them),
	 * then `count` rows; input columns take the row's data, formula columns their template.
	 * Returns the first and last data row.
	 */
	table(
		top: number,
		columns: Column[],
		rows: Row[],
		count: number,
		left = 1
	): { first: number; last: number } {
		const at = (i: number) => left + i;
		columns.forEach((c, i) => this.text(top, at(i), at(i), c.header, 'header'));
		columns.forEach((c, i) => {
			const cell = this.ws.getCell(top + 1, at(i));
			cell.value = c.rule ? `(${i + 1}) ${c.rule}` : `(${i + 1})`;
			cell.font = { italic: true, size: 9 };
			cell.alignment = { horizontal: 'center', wrapText: true };
			cell.border = BOX;
			this.cells.set(address(at(i), top + 1), { value: String(cell.value) });
		});
		const first = top + 2;
		for (let k = 0; k < count; k++) {
			const r = first + k;
			columns.forEach((c, i) => {
				if (c.kind === 'number') {
					this.fixed(r, at(i), k + 1);
					this.ws.getCell(r, at(i)).alignment = { horizontal: 'center', vertical: 'top' };
				} else if (c.kind === 'formula')
					this.formula(r, at(i), c.formula!(r, first, first + count - 1), c.numFmt);
				else this.input(r, at(i), rows[k]?.[i] ?? null, c);
			});
		}
		return { first, last: first + count - 1 };
	}

	/** Starts a new printed page after `row`; a sheet without breaks prints on one page. */
	pageBreakAfter(row: number): void {
		this.ws.getRow(row).addPageBreak();
		this.breaks++;
	}

	/** Evaluates every formula, writes formula and cached result, sizes rows, locks the sheet. */
	async finish(): Promise<void> {
		const results = evaluateSheet(this.cells);
		for (const [key, c] of this.cells) {
			if (!('formula' in c)) continue;
			const raw = results.get(key) ?? null;
			const result = isError(raw) ? { error: raw.error } : raw === null ? 0 : raw;
			const cell = this.ws.getCell(key);
			cell.value = { formula: c.formula, result } as ExcelJS.CellFormulaValue;
			const fmt = this.formats.get(key);
			if (fmt) cell.numFmt = fmt;
		}
		this.sizeRows();
		if (this.breaks === 0) this.ws.pageSetup.fitToHeight = 1;
		await this.ws.protect('', {
			selectLockedCells: true,
			selectUnlockedCells: true,
			formatColumns: true,
			formatRows: true
		});
	}

	/** Excel does not grow a row for wrapped text by itself: estimate each row's lines. */
	private sizeRows(): void {
		const spans = new Map<string, number>();
		for (const range of Object.keys((this.ws as unknown as { _merges: object })._merges)) {
			const merge = (
				this.ws as unknown as {
					_merges: Record<string, { model: { left: number; right: number } }>;
				}
			)._merges[range];
			const width = this.widths
				.slice(merge.model.left - 1, merge.model.right)
				.reduce((a, b) => a + b, 0);
			spans.set(range, width);
		}
		this.ws.eachRow((row) => {
			let lines = 1;
			let size = 11;
			row.eachCell((cell) => {
				if (cell.isMerged && cell.master !== cell) return;
				const text = typeof cell.value === 'string' ? cell.value : '';
				const fontSize = cell.font?.size ?? 11;
				const width = spans.get(cell.address) ?? this.widths[Number(cell.col) - 1] ?? 10;
				const perLine = Math.max(4, (width * 0.95 * 11) / fontSize);
				const n = text
					.split('\n')
					.reduce((sum, part) => sum + Math.max(1, Math.ceil(part.length / perLine)), 0);
				if (n * fontSize > lines * size) {
					lines = n;
					size = fontSize;
				}
			});
			if (lines > 1 || size > 11) row.height = Math.ceil(lines * size * 1.35 + 3);
		});
	}
}

/** A workbook with fixed dates, so re-running the generator writes the same file. */
export function newWorkbook(title: string, subject: string): ExcelJS.Workbook {
	const wb = new ExcelJS.Workbook();
	wb.creator = 'Sạch Hơn';
	wb.lastModifiedBy = 'Sạch Hơn';
	wb.title = title;
	wb.subject = subject;
	wb.company = 'Sạch Hơn';
	wb.created = FIXED_DATE;
	wb.modified = FIXED_DATE;
	wb.calcProperties.fullCalcOnLoad = true;
	return wb;
}

/** exceljs stamps every zip entry with the current time: repack with a fixed one. */
export async function workbookBytes(wb: ExcelJS.Workbook): Promise<Uint8Array> {
	const raw = new Uint8Array(await wb.xlsx.writeBuffer());
	const entries = unzipSync(raw);
	return zipSync(entries, { level: 9, mtime: FIXED_DATE });
}

export const col = columnLetters;
