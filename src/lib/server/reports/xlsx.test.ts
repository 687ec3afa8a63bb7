import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { workbookStream, xlsxCell } from './xlsx';

describe('report workbook', () => {
	it('neutralises text a spreadsheet would run as a formula', () => {
		expect(xlsxCell('=HYPERLINK("http://x")')).toBe(`'=HYPERLINK("http://x")`);
		expect(xlsxCell('+84')).toBe(`'+84`);
		expect(xlsxCell('@SUM(A1)')).toBe(`'@SUM(A1)`);
		expect(xlsxCell('Châu Thành')).toBe('Châu Thành');
		expect(xlsxCell(-3)).toBe(-3);
		expect(xlsxCell(null)).toBeNull();
	});

	it('writes one sheet per breakdown that reads back', async () => {
		const stream = workbookStream(
			[
				{ name: 'Đối tượng', header: ['Nhóm', 'Số lượt ghi danh'], rows: [['Sinh viên', 5]] },
				{ name: 'Khu vực: a/b', header: ['Khu vực'], rows: [['=1+1']] }
			],
			{ title: 'Báo cáo', creator: 'Sạch Hơn' }
		);
		const bytes = await new Response(stream).arrayBuffer();
		const back = new ExcelJS.Workbook();
		await back.xlsx.load(bytes);
		expect(back.worksheets.map((w) => w.name)).toEqual(['Đối tượng', 'Khu vực  a b']);
		expect(back.worksheets[0].getRow(2).getCell(2).value).toBe(5);
		expect(
			back.worksheets[0].getRow(1).font?.bold ?? back.worksheets[0].getCell('A1').font?.bold
		).toBe(true);
		expect(back.worksheets[1].getRow(2).getCell(1).value).toBe("'=1+1");
	});
});
