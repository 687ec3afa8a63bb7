/**
 * The shipped worksheets and teacher's guide, read from the course folders (not freshly generated):
 * each workbook opens, has its sheets, and its key cells hold formulas whose cached results equal the
 * worked example computed here independently; each PDF is A4 and carries its columns; and the shipped
 * files are what `npm run worksheets` produces now.
 */
import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildAll, ROOT, TEACHER_GUIDE, WORKSHEET_DIR, WORKSHEETS } from './build';
import { checkPlans } from './teacher-guide/render';
import { readCourse } from './teacher-guide/course';

const EXAMPLE = 'Ví dụ đã điền';
const BLANK = 'Phiếu trống';
const shipped = (path: string) => new Uint8Array(readFileSync(join(ROOT, path)));
const xlsxPath = (file: string) => `${WORKSHEET_DIR}/${file}.xlsx`;

async function workbook(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
	const wb = new ExcelJS.Workbook();
	await wb.xlsx.load(bytes.slice().buffer);
	return wb;
}

const opened = new Map<string, ExcelJS.Workbook>();
async function sheet(file: string, name = EXAMPLE): Promise<ExcelJS.Worksheet> {
	if (!opened.has(file)) opened.set(file, await workbook(shipped(xlsxPath(file))));
	const ws = opened.get(file)!.getWorksheet(name);
	if (!ws) throw new Error(`${file}.xlsx has no sheet ${name}`);
	return ws;
}

function cells(ws: ExcelJS.Worksheet): ExcelJS.Cell[] {
	const all: ExcelJS.Cell[] = [];
	ws.eachRow((row) => row.eachCell((c) => all.push(c)));
	return all;
}

const textOf = (c: ExcelJS.Cell) => (typeof c.value === 'string' ? c.value : '');

/** The first cell whose text is `label`, and the row it is on. */
function find(ws: ExcelJS.Worksheet, label: string, column?: number): ExcelJS.Cell {
	const hit = cells(ws).find((c) => textOf(c) === label && (!column || Number(c.col) === column));
	if (!hit) throw new Error(`no cell reads “${label}” in ${ws.name}`);
	return hit;
}

/** The first formula cell right of `label` on its row. */
function formulaRightOf(ws: ExcelJS.Worksheet, label: string, column?: number): ExcelJS.Cell {
	const at = find(ws, label, column);
	const row = ws.getRow(Number(at.row));
	for (let c = Number(at.col) + 1; c <= ws.columnCount; c++) {
		if (row.getCell(c).formula) return row.getCell(c);
	}
	throw new Error(`no formula right of “${label}”`);
}

/** The cell on the row whose column-`keyColumn` text is `key`, under the header `header`. */
function at(ws: ExcelJS.Worksheet, key: string, header: string, keyColumn = 2): ExcelJS.Cell {
	return ws.getCell(Number(find(ws, key, keyColumn).row), Number(find(ws, header).col));
}

/** The cached result (exceljs drops a zero result from `value`, so read `result`). */
const resultOf = (c: ExcelJS.Cell) => c.result;

/** A formula (not a typed number) matching `pattern`, whose cached result is `expected`. */
function expectComputed(c: ExcelJS.Cell, pattern: RegExp, expected: number | string): void {
	expect(typeof c.formula, `${c.address} should hold a formula`).toBe('string');
	expect(c.formula).toMatch(pattern);
	if (typeof expected === 'number') expect(resultOf(c)).toBeCloseTo(expected, 6);
	else expect(resultOf(c)).toBe(expected);
}

// The worked examples, computed here without the generator's evaluator.
const npv = (rate: number, flows: number[]) =>
	flows.reduce((sum, cf, t) => sum + cf / (1 + rate) ** t, 0);
function irr(flows: number[]): number {
	let lo = 0;
	let hi = 1;
	for (let k = 0; k < 200; k++) {
		const mid = (lo + hi) / 2;
		if (npv(mid, flows) > 0) lo = mid;
		else hi = mid;
	}
	return (lo + hi) / 2;
}
const years = (first: number, each: number, n = 5) => [first, ...Array(n).fill(each)];
const afterTax = (saving: number) => saving - 0.2 * (saving - 300 / 5);

describe('the shipped workbooks', () => {
	it.each(WORKSHEETS.map((w) => w.file))(
		'%s opens with a guide, an example and a blank sheet, A4, protected',
		async (file) => {
			const wb = await workbook(shipped(xlsxPath(file)));
			expect(wb.worksheets.map((ws) => ws.name)).toEqual(['Hướng dẫn', EXAMPLE, BLANK]);
			for (const name of [EXAMPLE, BLANK]) {
				const ws = wb.getWorksheet(name)!;
				expect(ws.pageSetup.paperSize).toBe(9);
				// exceljs reads the sheet's protection but does not declare it in its types.
				const { sheetProtection } = ws as unknown as { sheetProtection?: { sheet?: boolean } };
				expect(sheetProtection?.sheet).toBe(true);
				const all = cells(ws);
				const formulas = all.filter((c) => c.formula);
				const inputs = all.filter((c) => c.protection?.locked === false);
				expect(formulas.length).toBeGreaterThan(0);
				expect(inputs.length).toBeGreaterThan(0);
				for (const c of formulas) {
					expect(c.protection?.locked, `${name}!${c.address} is a formula, locked`).not.toBe(false);
					expect((c.fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFE7E6E6');
				}
				for (const c of inputs)
					expect((c.fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFFFF2CC');
			}
			// The blank sheet is the same form: every formula of the example, at the same place.
			const example = new Map(
				cells(wb.getWorksheet(EXAMPLE)!)
					.filter((c) => c.formula)
					.map((c) => [c.address, c.formula])
			);
			const blank = new Map(
				cells(wb.getWorksheet(BLANK)!)
					.filter((c) => c.formula)
					.map((c) => [c.address, c.formula])
			);
			expect(blank).toEqual(example);
		}
	);

	it('01: total = Σ score × weight, its rank, and the focus chosen', async () => {
		const ws = await sheet('01-ma-tran-chon-trong-tam');
		const weights = [3, 2, 2, 1];
		const rows: [string, number[], number][] = [
			['Tách gáo, gọt vỏ lụa', [4, 2, 3, 3], 2],
			['Rửa cơm dừa', [2, 4, 3, 4], 3],
			['Chần, sấy và lò hơi', [5, 3, 4, 3], 1],
			['Vệ sinh thiết bị, nhà xưởng', [2, 3, 3, 5], 4]
		];
		for (const [step, scores, rank] of rows) {
			const total = scores.reduce((s, x, i) => s + x * weights[i], 0);
			expectComputed(at(ws, step, 'Tổng điểm có trọng số'), /\$C\$\d+/, total);
			expectComputed(at(ws, step, '% điểm tối đa'), /\//, total / 40);
			expectComputed(at(ws, step, 'Xếp hạng'), /RANK\(/, rank);
		}
		expectComputed(
			formulaRightOf(ws, 'Trọng tâm đề xuất (hạng 1):'),
			/INDEX\(/,
			'Chần, sấy và lò hơi'
		);
	});

	it('02: the water norm = water ÷ output', async () => {
		const ws = await sheet('02-so-do-dong-va-bang-dau-vao-dau-ra');
		expectComputed(at(ws, 'Tháng minh họa', 'Định mức nước (m³/tấn)', 1), /C\d+\/B\d+/, 2160 / 90);
		expectComputed(at(ws, 'Cả kỳ', 'Định mức nước (m³/tấn)', 1), /C\d+\/B\d+/, 24);
	});

	it('03: totals, the unaccounted gap and its %, reported and not costed', async () => {
		const ws = await sheet('03-can-bang-vat-lieu-va-nang-luong');
		const outputs = [9.5, 7, 3.5, 1.8, 1.5];
		const out = outputs.reduce((a, b) => a + b, 0);
		expectComputed(formulaRightOf(ws, 'Tổng vào'), /SUMIF\(.*"Vào"/, 24);
		expectComputed(formulaRightOf(ws, 'Tổng ra'), /SUMIF\(.*"Ra"/, out);
		expectComputed(
			formulaRightOf(ws, 'Phần chưa xác định = vào − ra − thay đổi tồn kho'),
			/D\d+-D\d+-D\d+/,
			24 - out
		);
		expectComputed(
			formulaRightOf(ws, 'Phần chưa xác định, % so với tổng vào'),
			/\//,
			(24 - out) / 24
		);
		const reading = formulaRightOf(ws, 'Đọc kết quả');
		expect(reading.formula).toMatch(/ABS\(/);
		expect(String(resultOf(reading))).toMatch(/^Khép kín/);
		expectComputed(
			at(ws, 'Nước thải rửa nguyên liệu và phi lê', '% so với tổng vào', 3),
			/\//,
			9.5 / 24
		);
	});

	it('04: cost per year = quantity × output × unit value, and the total; no row for the gap', async () => {
		const ws = await sheet('04-chi-phi-dong-thai');
		// name, quantity per tonne of product, value lost and treatment cost per unit (đồng)
		const streams: [string, number, number, number][] = [
			['Nước tràn bể chứa (van phao hỏng)', 1.8, 12000, 8000],
			['Nước vệ sinh thiết bị, nhà xưởng', 7, 12000, 8000],
			['Thịt vụn, cá rơi vãi trôi theo nước rửa', 30, 5000, 0]
		];
		let total = 0;
		for (const [name, perTonne, value, treatment] of streams) {
			const cost = perTonne * 1080 * (value + treatment);
			total += cost;
			expectComputed(at(ws, name, 'Lượng trong năm'), /D\d+\*\$D\$\d+/, perTonne * 1080);
			expectComputed(at(ws, name, 'Chi phí năm (đồng)'), /F\d+\*\(G\d+\+H\d+\)/, cost);
		}
		expectComputed(formulaRightOf(ws, 'Tổng chi phí dòng thải mỗi năm (đồng)'), /SUM\(/, total);
		expect(total).toBe(352_080_000);
		// Only streams are costed: no costed row is the balance's unaccounted gap.
		const costCol = Number(find(ws, 'Chi phí năm (đồng)').col);
		const costed = cells(ws).filter(
			(c) =>
				Number(c.col) === costCol &&
				typeof resultOf(c) === 'number' &&
				typeof ws.getRow(Number(c.row)).getCell(1).value === 'number'
		);
		const costedNames = costed.map((c) => textOf(ws.getRow(Number(c.row)).getCell(2)));
		expect(costedNames.filter(Boolean)).toHaveLength(streams.length);
		for (const name of costedNames) expect(name).not.toMatch(/chưa xác định|chênh lệch/i);
	});

	it('05: the screening counts and the techniques by their glossary names', async () => {
		const ws = await sheet('05-danh-sach-va-sang-loc-giai-phap');
		expectComputed(formulaRightOf(ws, 'Thực hiện ngay', 2), /COUNTIF\(/, 4);
		expectComputed(formulaRightOf(ws, 'Nghiên cứu thêm', 2), /COUNTIF\(/, 3);
		expectComputed(formulaRightOf(ws, 'Loại bỏ', 2), /COUNTIF\(/, 1);
		expectComputed(formulaRightOf(ws, '6. Thu hồi và tái sử dụng tại chỗ', 4), /COUNTIF\(/, 2);
		expectComputed(formulaRightOf(ws, '8. Cải tiến sản phẩm', 4), /COUNTIF\(/, 0);
	});

	it('06: payback = investment ÷ saving, NPV and IRR by the spreadsheet functions, before and after tax', async () => {
		const ws = await sheet('06-tinh-kha-thi');
		const before = years(-300, 90);
		const after = years(-300, afterTax(90));
		const worse = years(-300, afterTax(81));
		expectComputed(
			formulaRightOf(ws, 'Hoàn vốn giản đơn (năm) = I₀ ÷ S'),
			/\$D\$\d+\/\$D\$\d+/,
			300 / 90
		);
		expectComputed(
			formulaRightOf(ws, 'NPV trước thuế (triệu đồng), hàm NPV'),
			/NPV\(\$D\$\d+,B\d+:B\d+\)\+B\d+/,
			npv(0.12, before)
		);
		expectComputed(formulaRightOf(ws, 'IRR trước thuế, hàm IRR'), /IRR\(B\d+:B\d+\)/, irr(before));
		expectComputed(
			formulaRightOf(ws, 'NPV sau thuế (triệu đồng), hàm NPV'),
			/NPV\(/,
			npv(0.12, after)
		);
		expectComputed(formulaRightOf(ws, 'IRR sau thuế, hàm IRR'), /IRR\(/, irr(after));
		expectComputed(
			formulaRightOf(ws, 'NPV sau thuế, kịch bản xấu (triệu đồng)'),
			/NPV\(/,
			npv(0.12, worse)
		);
		expectComputed(
			formulaRightOf(ws, 'Kiểm tra: tổng cột (7) = NPV sau thuế'),
			/SUM\(/,
			npv(0.12, after)
		);
		// The lesson's rounded figures.
		expect(npv(0.12, before)).toBeCloseTo(24.43, 2);
		expect(irr(before)).toBeCloseTo(0.152, 3);
		expect(npv(0.12, after)).toBeCloseTo(2.8, 2);
		expect(irr(after)).toBeCloseTo(0.124, 3);
		expect(npv(0.12, worse)).toBeCloseTo(-23.15, 2);
	});

	it('07: the plan’s cost total, the period indicator as total ÷ total, and the saving', async () => {
		const ws = await sheet('07-ke-hoach-hanh-dong-va-chi-so-giam-sat');
		expectComputed(formulaRightOf(ws, 'Tổng kinh phí đã lượng hóa (triệu đồng)'), /SUM\(/, 300);
		const norm = (1920 + 2010 + 1610) / (88 + 95 + 70);
		const period = find(ws, 'Cả kỳ', 2);
		const row = ws.getRow(Number(period.row));
		expectComputed(row.getCell(5), /D\d+\/C\d+/, norm);
		expectComputed(row.getCell(6), /\$E\$\d+/, (norm - 24) / 24);
		expectComputed(
			formulaRightOf(ws, 'Tiết kiệm năm (đồng) = (nền − chỉ số cả kỳ) × sản lượng năm × đơn giá'),
			/\(\$E\$\d+-E\d+\)\*\$E\$\d+\*\$E\$\d+/,
			(24 - norm) * 1080 * 20000
		);
	});
});

async function pdfText(bytes: Uint8Array): Promise<string> {
	const doc = await getDocument({ data: bytes.slice(), useSystemFonts: false, verbosity: 0 })
		.promise;
	let text = '';
	for (let n = 1; n <= doc.numPages; n++) {
		const content = await (await doc.getPage(n)).getTextContent();
		text += content.items.map((item) => ('str' in item ? item.str : '')).join(' ') + ' ';
	}
	await doc.destroy();
	return text.replace(/\s+/g, ' ');
}

async function expectA4(bytes: Uint8Array): Promise<void> {
	const pdf = await PDFDocument.load(bytes);
	expect(pdf.getPageCount()).toBeGreaterThan(0);
	for (const page of pdf.getPages()) {
		const { width, height } = page.getSize();
		expect([Math.min(width, height), Math.max(width, height)].map(Math.round)).toEqual([595, 842]);
	}
}

describe('the shipped PDFs', () => {
	it.each(WORKSHEETS.map((w) => [w.file, w] as const))(
		'%s is A4 and prints the workbook’s columns',
		async (file, w) => {
			const bytes = shipped(`${WORKSHEET_DIR}/${file}.pdf`);
			await expectA4(bytes);
			const text = await pdfText(bytes);
			expect(text).toContain(w.title);
			for (const header of w.headers) expect(text, header).toContain(header);
			const ws = await sheet(file);
			const sheetText = cells(ws).map(textOf).join(' ');
			for (const header of w.headers) expect(sheetText, header).toContain(header);
		}
	);

	it('the teacher’s guide is A4 and covers every lesson with its minutes, the safety rules and both rubrics', async () => {
		const bytes = shipped(TEACHER_GUIDE);
		await expectA4(bytes);
		const text = await pdfText(bytes);
		const course = readCourse(join(ROOT, 'courses/sxsh-truong-nghe'));
		for (const lesson of course.lessons)
			expect(text).toContain(`${lesson.title} (${lesson.minutes} phút)`);
		for (const phrase of [
			'tủ điện',
			'ampe kìm',
			'20–40%',
			'Bề mặt nóng',
			'Hóa chất',
			'Giáo viên phụ trách xưởng',
			'Rubric chấm bài đánh giá nhanh',
			'Rubric chấm dự án trường xanh',
			'Dùng các bài kiểm tra'
		])
			expect(text).toContain(phrase);
	});

	it('each lesson plan fills exactly the lesson’s minutes', () => {
		expect(() => checkPlans(readCourse(join(ROOT, 'courses/sxsh-truong-nghe')))).not.toThrow();
	});
});

/** A workbook as its cells say: sheet names, merges, and each cell's formula or value and format. */
async function contents(bytes: Uint8Array) {
	const wb = await workbook(bytes);
	return wb.worksheets.map((ws) => ({
		name: ws.name,
		merges: [...(ws.model.merges ?? [])].sort(),
		cells: cells(ws).map((c) => [
			c.address,
			c.formula ?? null,
			c.formula ? resultOf(c) : c.value,
			c.numFmt ?? null,
			c.protection?.locked ?? null
		])
	}));
}

describe('the shipped files are what the generator makes now', () => {
	let fresh: Map<string, Uint8Array>;
	beforeAll(async () => {
		fresh = await buildAll();
	}, 120_000);

	it('every workbook, cell by cell', async () => {
		for (const w of WORKSHEETS) {
			const path = xlsxPath(w.file);
			expect(await contents(shipped(path)), `${path}: run npm run worksheets`).toEqual(
				await contents(fresh.get(path)!)
			);
		}
	});

	it('every PDF, byte for byte', () => {
		const pdfs = [...fresh.keys()].filter((p) => p.endsWith('.pdf'));
		expect(pdfs).toHaveLength(WORKSHEETS.length + 1);
		for (const path of pdfs) {
			const same = Buffer.compare(Buffer.from(shipped(path)), Buffer.from(fresh.get(path)!)) === 0;
			expect(same, `${path} differs from what npm run worksheets makes now`).toBe(true);
		}
	});
});
