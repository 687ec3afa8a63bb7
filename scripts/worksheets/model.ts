/** The shapes the worksheets are described in, shared by the workbook and the PDF renderers. */
import type { PdfDoc } from './pdf';
import type { SheetBuilder } from './xlsx';

/** Every file carries this date, so re-running the generator reproduces the shipped files. */
export const FIXED_DATE = new Date(Date.UTC(2026, 0, 5, 0, 0, 0));

export type CellValue = number | string | null;
/** One row of a table's data: a value per column (ignored for number and formula columns). */
export type Row = CellValue[];

export interface Column {
	header: string;
	/** Width in spreadsheet characters; the PDF shares the page in the same proportions. */
	width: number;
	/** input: typed in; formula: computed; number: the row's number. */
	kind: 'input' | 'formula' | 'number';
	/** How the column is computed, in words, with the columns' numbers: "= (4) × (6)". */
	rule?: string;
	/** The formula of row r (the table's data rows run from first to last). */
	formula?: (r: number, first: number, last: number) => string;
	numFmt?: string;
	/** A drop-down list of allowed values. */
	list?: string[];
	range?: { min: number; max: number; whole?: boolean };
}

export interface Worksheet {
	/** File name without extension, e.g. 01-ma-tran-chon-trong-tam. */
	file: string;
	title: string;
	/** Which of the 18 tasks the form serves, e.g. "Bước 1, nhiệm vụ 3". */
	tasks: string;
	/** Title of the lesson that teaches it. */
	lesson: string;
	purpose: string;
	steps: string[];
	/** Where the worked example comes from. */
	exampleSource: string;
	landscape: boolean;
	/** The main table's column headers: the workbook and the printed form both show them. */
	headers: string[];
	/** Column widths of the example and blank sheets (spreadsheet characters). */
	widths: number[];
	/** Lays out one sheet: with the course's worked example, or blank. */
	sheet(s: SheetBuilder, example: boolean): void;
	/** Draws the blank printable form. */
	form(doc: PdfDoc): void;
}

/** The eight CP techniques, in the glossary's words and order. */
export const TECHNIQUES = [
	'Quản lý nội vi',
	'Thay đổi nguyên liệu đầu vào',
	'Kiểm soát quá trình tốt hơn',
	'Cải tiến thiết bị',
	'Thay đổi công nghệ',
	'Thu hồi và tái sử dụng tại chỗ',
	'Tạo ra sản phẩm phụ hữu ích',
	'Cải tiến sản phẩm'
] as const;

export const SCREENING = ['Thực hiện ngay', 'Nghiên cứu thêm', 'Loại bỏ'] as const;

export const VND = '#,##0';
export const DECIMAL = '#,##0.00';
export const ONE_DECIMAL = '#,##0.0';
export const PERCENT = '0.0%';
