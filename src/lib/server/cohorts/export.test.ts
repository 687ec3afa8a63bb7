import { describe, expect, it } from 'vitest';
import { readXlsx, safeText, toCsv, toXlsx } from './export';
import { parseRosterRows } from './roster';

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
		const file = await toXlsx('Lớp 10A1', rows);
		const read = await readXlsx(new Uint8Array(file).buffer);
		expect(read).toEqual(rows);
		expect(parseRosterRows(read, '2026-11-29').ok).toBe(true);
	});
});
