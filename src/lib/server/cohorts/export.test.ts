import { describe, expect, it } from 'vitest';
import { readSpreadsheet } from '../intake/spreadsheet';
import { cellFor, type CellFacts } from './cells';
import { MATRIX_COLUMNS, matrixTable, safeText, toCsv, toXlsx, WORK_COLUMNS } from './export';
import type { Matrix } from './matrix';
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

describe('the progress export', () => {
	const now = new Date('2026-11-29T03:00:00Z');
	const facts: CellFacts = {
		completedAt: null,
		lessonsTouched: 1,
		requiredDone: 1,
		required: 3,
		attempts: 1,
		bestPercent: 74.56,
		certificateCode: null,
		dueOn: null
	};
	// Completed at 23:30 on 30 November in Vietnam: 16:30 UTC the same day.
	const completedAt = new Date('2026-11-30T16:30:00Z');
	const matrix: Matrix = {
		courses: [
			{ id: 'c1', slug: 'sxsh', title: { vi: 'SXSH cơ bản', en: 'CP basics' }, dueOn: null }
		],
		assignments: [],
		rows: [
			{
				userId: 'u1',
				fullName: 'Lê Thị Mai',
				identifier: 'hs-mai',
				cells: [cellFor(facts, now)],
				completed: 0,
				work: []
			},
			{
				userId: 'u2',
				fullName: 'Trần Văn Bình',
				identifier: 'hs-binh',
				cells: [
					cellFor({ ...facts, completedAt, bestPercent: 90, certificateCode: 'ABCD2345EFGH' }, now)
				],
				completed: 1,
				work: []
			}
		]
	};
	const table = matrixTable(matrix, {
		learner: 'Học viên',
		identifier: 'Tài khoản',
		title: (t) => t.vi,
		column: (course, kind) => `${course}: ${kind}`,
		state: (cell) => cell.state,
		workColumn: (assignment, kind) => `${assignment}: ${kind}`,
		work: (work) => work.status,
		late: 'muộn',
		overdue: 'quá hạn'
	});

	it('gives every number a column of its own, beside the state in words', () => {
		expect(table[0]).toEqual([
			'Học viên',
			'Tài khoản',
			...MATRIX_COLUMNS.map((kind) => `SXSH cơ bản: ${kind}`)
		]);
		expect(table[1]).toEqual(['Lê Thị Mai', 'hs-mai', 'in_progress', 33, 74.6, null, null]);
		expect(table[2]).toEqual([
			'Trần Văn Bình',
			'hs-binh',
			'completed',
			100,
			90,
			new Date('2026-11-30T00:00:00Z'),
			'ABCD2345EFGH'
		]);
	});

	it('writes the completion day as ISO in CSV and as a date cell in XLSX', async () => {
		expect(toCsv(table).split('\r\n')[2]).toBe(
			'"Trần Văn Bình","hs-binh","completed","100","90","2026-11-30","ABCD2345EFGH"'
		);
		const ExcelJS = (await import('exceljs')).default;
		const book = new ExcelJS.Workbook();
		await book.xlsx.load(await new Response(toXlsx('Lớp', table)).arrayBuffer());
		const row = book.worksheets[0].getRow(3);
		expect(row.getCell(4).value).toBe(100);
		expect(row.getCell(5).value).toBe(90);
		expect(row.getCell(6).value).toEqual(new Date('2026-11-30T00:00:00Z'));
		expect(row.getCell(6).numFmt).toBe('dd/mm/yyyy');
		expect(book.worksheets[0].getRow(2).getCell(5).value).toBe(74.6);
	});

	it('adds per assignment its status, points, maximum, day marked and lateness, never the work', () => {
		const decidedAt = new Date('2026-11-30T16:30:00Z');
		const withWork: Matrix = {
			...matrix,
			assignments: [
				{ id: 'a1', course: 0, slug: 'thuc-hanh', title: { vi: 'Báo cáo' }, required: true }
			],
			rows: [
				{
					...matrix.rows[0],
					work: [
						{
							status: 'submitted',
							points: null,
							maxPoints: null,
							late: true,
							overdue: false,
							decidedAt: null
						}
					]
				},
				{
					...matrix.rows[1],
					work: [
						{ status: 'passed', points: 18, maxPoints: 21, late: false, overdue: false, decidedAt }
					]
				}
			]
		};
		const rows = matrixTable(withWork, {
			learner: 'Học viên',
			identifier: 'Tài khoản',
			title: (t) => t.vi,
			column: (course, kind) => `${course}: ${kind}`,
			state: (cell) => cell.state,
			workColumn: (assignment, kind) => `${assignment}: ${kind}`,
			work: (work) => work.status,
			late: 'muộn',
			overdue: 'quá hạn'
		});
		expect(rows[0].slice(-WORK_COLUMNS.length)).toEqual(
			WORK_COLUMNS.map((kind) => `Báo cáo: ${kind}`)
		);
		expect(rows[1].slice(-5)).toEqual(['submitted', null, null, null, 'muộn']);
		expect(rows[2].slice(-5)).toEqual(['passed', 18, 21, new Date('2026-11-30T00:00:00Z'), null]);
		expect(toCsv(rows).split('\r\n')[2]).toMatch(/"passed","18","21","2026-11-30",""$/);
	});
});
