import { describe, expect, it } from 'vitest';
import { readSpreadsheet } from '../intake/spreadsheet';
import { safeText, toCsv, toXlsx } from './export';
import { parseRosterRows } from './roster';

/** The rows of a workbook as the class import reads them. */
async function readXlsx(data: ArrayBuffer): Promise<string[][]> {
	const read = await readSpreadsheet(new File([data], 'lop.xlsx'));
	if (!read.ok) throw new Error(read.refusal.reason);
	return read.rows;
}

describe('exports', () => {
	it('neutralises cells that a spreadsheet would run as formulas', () => {
		expect(['=1+1', '+84', '-2', '@SUM(A1)', 'Mai'].map(safeText)).toEqual([
			"'=1+1",
			"'+84",
			"'-2",
			"'@SUM(A1)",
			'Mai'
		]);
		expect(toCsv([['=HYPERLINK("x")', 'Lê "Mai"']])).toBe(
			'\uFEFF"\'=HYPERLINK(""x"")","Lê ""Mai"""\r\n'
		);
	});

	it('writes and reads back an XLSX class list', async () => {
		const rows = [
			['Họ và tên', 'Tên đăng nhập', 'Ngày sinh', 'Nhóm'],
			['Lê Thị Mai', 'hs-mai', '05/09/2010', 'Học sinh']
		];
		const file = await new Response(toXlsx('Lớp 10A1', rows)).arrayBuffer();
		const read = await readXlsx(file);
		expect(read).toEqual(rows);
		expect(parseRosterRows(read, '2026-11-29').ok).toBe(true);
	});
});

describe('reading formula cells from an uploaded XLSX', () => {
	it('takes the value a formula shows, and a name that is a formula is refused', async () => {
		const ExcelJS = (await import('exceljs')).default;
		const book = new ExcelJS.Workbook();
		const sheet = book.addWorksheet('Lớp');
		sheet.addRow(['Họ và tên', 'Tên đăng nhập', 'Ngày sinh', 'Nhóm đối tượng']);
		sheet.addRow([
			{ formula: 'CONCAT("Lê ","Mai")', result: 'Lê Mai' },
			'hs-01',
			'01/01/2010',
			'Học sinh'
		]);
		sheet.addRow(['=HYPERLINK("http://x")', 'hs-02', '01/01/2010', 'Học sinh']);
		const rows = await readXlsx((await book.xlsx.writeBuffer()) as ArrayBuffer);
		expect(rows[1][0]).toBe('Lê Mai');
		const parsed = parseRosterRows(rows, '2026-11-29');
		expect(parsed.ok ? [] : parsed.problems).toEqual([
			{ row: 3, column: 'fullName', code: 'formula' }
		]);
	});
});
