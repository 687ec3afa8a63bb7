import ExcelJS from 'exceljs';

export type Cell = string | number | null;

export interface Sheet {
	/** At most 31 characters, none of : \ / ? * [ ]; longer or odd names are trimmed. */
	name: string;
	header: string[];
	rows: Cell[][];
}

/** A cell as written: text that a spreadsheet would take for a formula gets a leading apostrophe. */
export function xlsxCell(value: Cell): Cell {
	if (typeof value !== 'string') return value;
	return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

function sheetName(name: string, taken: Set<string>): string {
	let base = name.replace(/[:\\/?*[\]]/g, ' ').slice(0, 31) || 'Sheet';
	for (let i = 2; taken.has(base); i++) base = `${base.slice(0, 28)} ${i}`;
	taken.add(base);
	return base;
}

/** One worksheet per breakdown, header row in bold and frozen; strings never become formulas. */
export function reportWorkbook(sheets: Sheet[], meta: { title: string; creator: string }) {
	const workbook = new ExcelJS.Workbook();
	workbook.creator = meta.creator;
	workbook.title = meta.title;
	workbook.created = new Date();
	const taken = new Set<string>();
	for (const sheet of sheets) {
		const ws = workbook.addWorksheet(sheetName(sheet.name, taken), {
			views: [{ state: 'frozen', ySplit: 1 }]
		});
		ws.addRow(sheet.header.map(xlsxCell)).font = { bold: true };
		for (const row of sheet.rows) ws.addRow(row.map(xlsxCell));
		ws.columns.forEach((column, i) => {
			column.width = i === 0 ? 36 : 16;
		});
	}
	return workbook;
}

/** The workbook as bytes, for a download. */
export async function workbookBytes(workbook: ExcelJS.Workbook): Promise<ArrayBuffer> {
	const buffer = (await workbook.xlsx.writeBuffer()) as unknown as Uint8Array;
	return buffer.buffer.slice(
		buffer.byteOffset,
		buffer.byteOffset + buffer.byteLength
	) as ArrayBuffer;
}
