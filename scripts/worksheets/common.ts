/** The parts every worksheet shares: its heading, its instruction sheet, its PDF heading. */
import type ExcelJS from 'exceljs';
import type { Column, Worksheet } from './model';
import type { PdfDoc, TableColumn } from './pdf';
import { SheetBuilder } from './xlsx';

export const COURSE = 'Đánh giá sản xuất sạch hơn dành cho tư vấn viên';
export const SHEET_NAMES = { guide: 'Hướng dẫn', example: 'Ví dụ đã điền', blank: 'Phiếu trống' };

const LEGEND =
	'Ô nền vàng: nhập số liệu hoặc chọn trong danh sách. Ô nền xám: công thức, tự tính, đã khóa ' +
	'(trang tính được bảo vệ không mật khẩu; muốn sửa cấu trúc: Xem lại › Bỏ bảo vệ trang tính).';

export const footerOf = (w: Worksheet) => `Sạch Hơn · Phiếu ${w.file.slice(0, 2)}: ${w.title}`;

/** Title, tasks, legend and the "Cơ sở / Người lập / Ngày" fields; returns the next free row. */
export function sheetHeading(s: SheetBuilder, w: Worksheet, example: boolean): number {
	const last = s.widths.length;
	s.text(1, 1, last, `Phiếu ${w.file.slice(0, 2)}. ${w.title}`, 'title');
	s.text(2, 1, last, `${w.tasks} · Bài học: “${w.lesson}” · Khóa học: ${COURSE}`, 'subtitle');
	s.text(
		3,
		1,
		last,
		example
			? `VÍ DỤ ĐÃ ĐIỀN. ${w.exampleSource}`
			: 'PHIẾU TRỐNG: điền số liệu của cơ sở vào các ô nền vàng.',
		'strong'
	);
	s.text(4, 1, last, LEGEND, 'note');
	const half = Math.max(4, Math.floor(last / 2));
	s.field(5, 'Cơ sở:', [1, 2], [3, half], example ? 'Ví dụ minh họa trong bài học' : null);
	s.field(5, 'Người lập, ngày:', [half + 1, half + 2], [half + 3, last], null);
	return 7;
}

/** The first sheet of every workbook: what the form is for and how to fill it in. */
export function guideSheet(wb: ExcelJS.Workbook, w: Worksheet): SheetBuilder {
	const s = new SheetBuilder(wb, SHEET_NAMES.guide, [4, 100], false, footerOf(w));
	s.text(1, 1, 2, `Phiếu ${w.file.slice(0, 2)}. ${w.title}`, 'title');
	s.text(2, 1, 2, `${w.tasks} · Bài học: “${w.lesson}”`, 'subtitle');
	s.text(3, 1, 2, `Khóa học: ${COURSE} (nền tảng Sạch Hơn).`, 'subtitle');
	s.text(5, 1, 2, 'Phiếu này dùng để làm gì', 'section');
	s.text(6, 1, 2, w.purpose);
	s.text(8, 1, 2, 'Cách điền', 'section');
	let row = 9;
	w.steps.forEach((step, i) => {
		s.text(row, 1, 1, `${i + 1}.`, 'label');
		s.text(row++, 2, 2, step);
	});
	row++;
	s.text(row++, 1, 2, 'Các trang tính trong tệp', 'section');
	s.text(row++, 1, 2, `“${SHEET_NAMES.example}”: ${w.exampleSource}`);
	s.text(row++, 1, 2, `“${SHEET_NAMES.blank}”: cùng bố cục, chưa có số liệu, để dùng cho cơ sở.`);
	s.text(row++, 1, 2, LEGEND, 'note');
	s.text(
		row++,
		1,
		2,
		'Các ô công thức đã có sẵn kết quả tính, nên vẫn đọc được trên điện thoại hay trình xem không tự tính lại; ' +
			'Excel và LibreOffice tính lại khi mở tệp. Cùng phiếu này có bản PDF để in và điền tay.',
		'note'
	);
	return s;
}

/** PDF columns (same headers and proportions as the workbook) and their "(n) rule" line. */
export function pdfColumns(columns: Column[]): { columns: TableColumn[]; subheaders: string[] } {
	return {
		columns: columns.map((c) => ({
			header: c.header,
			width: c.width,
			align: c.kind === 'number' ? 'center' : 'left'
		})),
		subheaders: columns.map((c, i) => (c.rule ? `(${i + 1}) ${c.rule}` : `(${i + 1})`))
	};
}

/** Title, tasks and the fields at the top of a printed form, then its instructions. */
export function formHeading(doc: PdfDoc, w: Worksheet): void {
	doc.heading(`Phiếu ${w.file.slice(0, 2)}. ${w.title}`, 1);
	doc.paragraph(`${w.tasks} · Bài học: “${w.lesson}” · Khóa học: ${COURSE}`, {
		size: 8.5,
		italic: true
	});
	doc.fields(['Cơ sở:', 'Công đoạn, phạm vi:', 'Người lập:', 'Ngày:']);
	doc.space(4);
	doc.paragraph(`**Mục đích.** ${w.purpose}`, { size: 9 });
	doc.paragraph('**Cách điền:**', { size: 9 });
	doc.bullets(w.steps, true, 9);
}
