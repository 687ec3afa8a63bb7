import { PassThrough, Readable } from 'node:stream';
import ExcelJS from 'exceljs';

/** A Date is a calendar day: written as a date cell (dd/mm/yyyy), its UTC day. */
export type Cell = string | number | Date | null;

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

/**
 * The sheets as a streamed XLSX file: each row is written and zipped as it is added, so a large
 * export is sent as it is made instead of being built whole in memory first. One worksheet per
 * sheet, header row in bold and frozen; strings never become formulas.
 */
export function workbookStream(
	sheets: Sheet[],
	meta: { title: string; creator: string }
): ReadableStream<Uint8Array> {
	const output = new PassThrough();
	const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
		stream: output,
		useStyles: true,
		useSharedStrings: false
	});
	workbook.creator = meta.creator;
	workbook.title = meta.title;
	workbook.created = new Date();
	const taken = new Set<string>();
	(async () => {
		for (const sheet of sheets) {
			const ws = workbook.addWorksheet(sheetName(sheet.name, taken), {
				views: [{ state: 'frozen', ySplit: 1 }]
			});
			ws.columns = sheet.header.map((_, i) => ({ width: i === 0 ? 36 : 16 }));
			const header = ws.addRow(sheet.header.map(xlsxCell));
			header.font = { bold: true };
			header.commit();
			for (const row of sheet.rows) {
				const added = ws.addRow(row.map(xlsxCell));
				row.forEach((value, i) => {
					if (value instanceof Date) added.getCell(i + 1).numFmt = 'dd/mm/yyyy';
				});
				added.commit();
			}
			ws.commit();
		}
		await workbook.commit();
	})().catch((error) => output.destroy(error));
	return Readable.toWeb(output) as ReadableStream<Uint8Array>;
}
