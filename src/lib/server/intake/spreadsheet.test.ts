import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { parseRosterRows } from '../cohorts/roster';
import { TABLE_LIMITS } from './limits';
import { SLICE } from './slices';
import { readSpreadsheet } from './spreadsheet';
import { CLASS_HEADER, farCellWorkbook, inlineRow, workbook } from './test-workbooks';

const TODAY = '2026-11-29';

/** How many times the event loop let other work run while `work` went on: deterministic, no clock. */
async function loopTurnsDuring<T>(work: () => Promise<T>): Promise<{ result: T; turns: number }> {
	let turns = 0;
	let running = true;
	const turn = () => {
		if (!running) return;
		turns++;
		setImmediate(turn);
	};
	setImmediate(turn);
	const result = await work();
	running = false;
	return { result, turns };
}

const letter = (c: number) => String.fromCharCode(65 + c);
const file = (bytes: Uint8Array | string, name: string) =>
	new File([bytes as Uint8Array<ArrayBuffer> | string], name);

/** A class of `count` learners as ExcelJS (like a spreadsheet program) writes it. */
async function excelClass(count: number, extra: (sheet: ExcelJS.Worksheet) => void = () => {}) {
	const book = new ExcelJS.Workbook();
	const sheet = book.addWorksheet('Lớp 10A1');
	sheet.addRow(CLASS_HEADER);
	for (let i = 0; i < count; i++)
		sheet.addRow([`Học Viên ${i}`, `hs-${i}`, new Date(Date.UTC(2010, 8, 5)), 'Học sinh']);
	extra(sheet);
	return new Uint8Array((await book.xlsx.writeBuffer()) as ArrayBuffer);
}

describe('reading an uploaded XLSX', () => {
	it('refuses the 1.6 KB workbook with a cell at XFD1048576 at once, naming the cell', async () => {
		const attack = farCellWorkbook();
		expect(attack.length).toBeLessThan(1700);
		const { result, turns } = await loopTurnsDuring(() =>
			readSpreadsheet(file(attack, 'lop.xlsx'))
		);
		expect(result).toEqual({ ok: false, refusal: { reason: 'beyond_bounds', cell: 'XFD1048576' } });
		// A few pauses (two passes over a one-slice archive, a few parts): no row was walked.
		expect(turns).toBeLessThan(12);
	});

	it('refuses a 12,000-row workbook at its first row beyond 2,001', async () => {
		const big = await excelClass(12_000);
		const read = await readSpreadsheet(file(big, 'lop.xlsx'));
		expect(read).toEqual({ ok: false, refusal: { reason: 'beyond_bounds', cell: 'A2002' } });
	});

	it('never reads past the limit: rows after it that would not even read are not looked at', async () => {
		const rows = Array.from({ length: 12_000 }, (_, i) =>
			// Beyond row 2,002 every cell names a shared string that does not exist.
			i < 2002
				? inlineRow(i + 1, i === 0 ? CLASS_HEADER : [`Học Viên ${i}`, `hs-${i}`])
				: `<row r="${i + 1}"><c r="A${i + 1}" t="s"><v>999999</v></c></row>`
		);
		const read = await readSpreadsheet(file(workbook(rows.join('')), 'lop.xlsx'));
		expect(read).toEqual({ ok: false, refusal: { reason: 'beyond_bounds', cell: 'A2002' } });
		// The same broken row within the limit: the file is unreadable, so it was never reached above.
		const broken = inlineRow(1, CLASS_HEADER) + rows[2500].replace(/"A?2501"/g, '"A2"');
		expect(await readSpreadsheet(file(workbook(broken), 'lop.xlsx'))).toEqual({
			ok: false,
			refusal: { reason: 'unreadable' }
		});
	});

	it('reads a class of 500 as before: dates, formulas, numbers and booleans as they show', async () => {
		const bytes = await excelClass(500, (sheet) => {
			sheet.getCell('A2').value = { formula: 'CONCAT("Lê ","Mai")', result: 'Lê Mai' };
			sheet.getCell('E1').value = 'Ghi chú';
			sheet.getCell('E2').value = 1250000;
			sheet.getCell('E3').value = true;
			sheet.getCell('E4').value = { formula: 'NA()', result: { error: '#N/A' } };
		});
		const read = await readSpreadsheet(file(bytes, 'lop.xlsx'));
		expect(read.ok).toBe(true);
		if (!read.ok) return;
		expect(read.rows).toHaveLength(501);
		expect(read.rows[0]).toEqual([...CLASS_HEADER, 'Ghi chú']);
		expect(read.rows[1]).toEqual(['Lê Mai', 'hs-0', '05/09/2010', 'Học sinh', '1250000']);
		expect(read.rows[2]).toEqual(['Học Viên 1', 'hs-1', '05/09/2010', 'Học sinh', 'true']);
		expect(read.rows[3][4]).toBe('');
		expect(read.rows[500]).toEqual(['Học Viên 499', 'hs-499', '05/09/2010', 'Học sinh', '']);
		const roster = parseRosterRows(read.rows, TODAY);
		expect(roster.ok && roster.entries.length).toBe(500);
	});

	it('reads shared and inline strings, rich text, escapes, and the first tab only', async () => {
		const book = new ExcelJS.Workbook();
		const first = book.addWorksheet('Lớp');
		book.addWorksheet('Khác').addRow(['not', 'this']);
		first.addRow(['Họ và tên', 'Ghi chú']);
		first.addRow([
			{ richText: [{ text: 'Lê ' }, { text: 'Thị Mai', font: { bold: true } }] },
			'a < b & "c"'
		]);
		const bytes = new Uint8Array((await book.xlsx.writeBuffer()) as ArrayBuffer);
		expect(await readSpreadsheet(file(bytes, 'lop.xlsx'))).toEqual({
			ok: true,
			rows: [
				['Họ và tên', 'Ghi chú'],
				['Lê Thị Mai', 'a < b & "c"']
			]
		});
		const escaped = workbook(
			'<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><r><t>Mai</t></r>' +
				'<rPh><t>まい</t></rPh></is></c></row>',
			['dòng 1_x000D_']
		);
		expect(await readSpreadsheet(file(escaped, 'lop.xlsx'))).toEqual({
			ok: true,
			rows: [['dòng 1\r', 'Mai']]
		});
	});

	it('ignores formatted but empty cells far away, without walking the rows between', async () => {
		const styled = workbook(
			inlineRow(1, CLASS_HEADER) + '<row r="900000"><c r="ZZ900000" s="1"/></row>'
		);
		const { result, turns } = await loopTurnsDuring(() =>
			readSpreadsheet(file(styled, 'lop.xlsx'))
		);
		expect(result).toEqual({ ok: true, rows: [CLASS_HEADER] });
		expect(turns).toBeLessThan(12);
	});

	it('refuses content beyond column AD, too many cells, a DOCTYPE and what is not a zip', async () => {
		const wide = workbook(
			inlineRow(
				1,
				Array.from({ length: 31 }, (_, i) => `c${i}`)
			)
		);
		expect(await readSpreadsheet(file(wide, 'lop.xlsx'))).toEqual({
			ok: false,
			refusal: { reason: 'beyond_bounds', cell: 'AE1' }
		});
		// Formatted, empty cells A–Z down to row 4,000: nothing beyond the bounds, but 104,000 cells.
		const formatted = Array.from({ length: 4000 }, (_, r) => {
			const cells = Array.from({ length: 26 }, (_, c) => `<c r="${letter(c)}${r + 1}" s="1"/>`);
			return `<row r="${r + 1}">${cells.join('')}</row>`;
		});
		expect(await readSpreadsheet(file(workbook(formatted.join('')), 'lop.xlsx'))).toEqual({
			ok: false,
			refusal: { reason: 'too_many_cells' }
		});
		const doctype = workbook('<!DOCTYPE x [<!ENTITY a "aaaa">]>' + inlineRow(1, ['&a;']));
		expect(await readSpreadsheet(file(doctype, 'lop.xlsx'))).toEqual({
			ok: false,
			refusal: { reason: 'unreadable' }
		});
		expect(await readSpreadsheet(file('Họ và tên', 'lop.xlsx'))).toEqual({
			ok: false,
			refusal: { reason: 'unreadable' }
		});
		expect(await readSpreadsheet(file('x', 'lop.pdf'))).toEqual({
			ok: false,
			refusal: { reason: 'not_a_table' }
		});
	});

	it('refuses a workbook whose sheet unpacks to far more than any class list', async () => {
		// 4 MB of spaces after the header, a thousandth of that zipped: no sheet compresses so well.
		const padded = workbook(inlineRow(1, CLASS_HEADER) + ' '.repeat(4 * 1024 * 1024));
		expect(padded.length).toBeLessThan(TABLE_LIMITS.bytes);
		expect(await readSpreadsheet(file(padded, 'lop.xlsx'))).toEqual({
			ok: false,
			refusal: { reason: 'unpacks_too_large' }
		});
	});

	it('lets the event loop turn while it reads a full class', async () => {
		const rows = Array.from({ length: 2001 }, (_, i) =>
			inlineRow(
				i + 1,
				Array.from({ length: 20 }, (_, c) => `Ô ${c} của dòng ${i + 1}`)
			)
		).join('');
		const bytes = workbook(rows);
		const { result, turns } = await loopTurnsDuring(() => readSpreadsheet(file(bytes, 'lop.xlsx')));
		expect(result.ok && result.rows.length).toBe(2001);
		// A pause per 4 KB of archive in each of two passes, and per slice of sheet XML as it is read.
		const archiveSlices = 2 * Math.floor(bytes.length / 4096);
		expect(turns).toBeGreaterThanOrEqual(archiveSlices + Math.floor(rows.length / SLICE));
	});
});

describe('reading an uploaded CSV', () => {
	it('refuses a file over 2 MB before parsing it, such as a 10 MB single line', async () => {
		const line = 'a'.repeat(10 * 1024 * 1024);
		const { result, turns } = await loopTurnsDuring(() => readSpreadsheet(file(line, 'lop.csv')));
		expect(result).toEqual({ ok: false, refusal: { reason: 'too_large' } });
		expect(turns).toBe(0);
	});

	it('refuses a field longer than a cell holds where it passes the bound', async () => {
		const field = `${CLASS_HEADER.join(',')}\nMai,"${'a""'.repeat(600_000)}"`;
		const { result, turns } = await loopTurnsDuring(() => readSpreadsheet(file(field, 'lop.csv')));
		expect(result).toEqual({ ok: false, refusal: { reason: 'cell_too_long', cell: 'B2' } });
		// Stopped within the first 64 K characters of the field, not at its end 1.8 M further on.
		expect(turns).toBeLessThan(6);
	});

	it('refuses 100,000 columns at the first one beyond AD', async () => {
		const header = Array.from({ length: 100_000 }, (_, i) => `c${i}`).join(',');
		const { result, turns } = await loopTurnsDuring(() => readSpreadsheet(file(header, 'lop.csv')));
		expect(result).toEqual({ ok: false, refusal: { reason: 'beyond_bounds', cell: 'AE1' } });
		expect(turns).toBeLessThan(2);
	});

	it('refuses a row beyond 2,001 with content, and allows blank lines after the last', async () => {
		const lines = [
			CLASS_HEADER.join(','),
			...Array.from({ length: 3000 }, (_, i) => `A ${i},hs-${i}`)
		];
		expect(await readSpreadsheet(file(lines.join('\n'), 'lop.csv'))).toEqual({
			ok: false,
			refusal: { reason: 'beyond_bounds', cell: 'A2002' }
		});
		const trailing = lines.slice(0, 2001).join('\r\n') + '\r\n,,,,'.repeat(5000);
		const read = await readSpreadsheet(file(trailing, 'lop.csv'));
		expect(read.ok && read.rows.length).toBe(2001);
	});

	it('refuses a file that is not UTF-8', async () => {
		const windows1258 = new Uint8Array([0x4c, 0xea, 0x2c, 0x48, 0xf4, 0xcc]);
		expect(await readSpreadsheet(file(windows1258, 'lop.csv'))).toEqual({
			ok: false,
			refusal: { reason: 'encoding' }
		});
	});

	it('lets the event loop turn while it reads a full class', async () => {
		const rows = Array.from({ length: 2001 }, (_, i) =>
			Array.from({ length: 30 }, (_, c) => `"Ô ${c}, dòng ${i}"`).join(',')
		).join('\n');
		expect(rows.length).toBeLessThan(TABLE_LIMITS.bytes);
		const { result, turns } = await loopTurnsDuring(() => readSpreadsheet(file(rows, 'lop.csv')));
		expect(result.ok && result.rows.length).toBe(2001);
		expect(turns).toBeGreaterThanOrEqual(Math.floor(rows.length / SLICE));
	});
});
