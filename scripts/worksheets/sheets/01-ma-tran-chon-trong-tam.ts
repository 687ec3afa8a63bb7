/** Phiếu 01: the weighted scoring matrix for choosing the assessment's focus (task 3). */
import { formHeading, pdfColumns, sheetHeading } from '../common';
import { PERCENT, type Column, type Row, type Worksheet } from '../model';

/** Criteria rows 9–12 (name, weight), the scoring table's data rows 18–27. */
const CRITERIA_ROW = 9;
const TABLE_TOP = 16;
const ROWS = 10;
const weight = (k: number) => `$C$${CRITERIA_ROW + k}`;

const CRITERIA: Row[] = [
	[
		'A',
		'Chi phí nguyên liệu, nước, năng lượng tiêu thụ và giá trị phần bị mất',
		3,
		null,
		'Hóa đơn, sổ vật tư; 5 = công đoạn tốn nhiều tiền nhất'
	],
	[
		'B',
		'Lượng và mức độ độc hại của dòng thải; chỉ tiêu đang vượt quy chuẩn',
		2,
		null,
		'Sơ đồ dòng, kết quả quan trắc; 5 = dòng thải lớn hoặc độc nhất'
	],
	[
		'C',
		'Tiềm năng cải thiện nhận thấy khi khảo sát',
		2,
		null,
		'Danh mục quan sát hiện trường; 5 = nhiều lãng phí thấy rõ'
	],
	[
		'D',
		'Sự sẵn sàng của bộ phận và khả năng có số liệu đo',
		1,
		null,
		'Trao đổi với quản đốc; 5 = bộ phận hợp tác, đo được ngay'
	]
];

const columns: Column[] = [
	{ header: 'STT', width: 5, kind: 'number' },
	{ header: 'Công đoạn hoặc hệ thống phụ trợ', width: 30, kind: 'input' },
	...['A', 'B', 'C', 'D'].map((c): Column => ({
		header: `Điểm ${c} (1–5)`,
		width: 9,
		kind: 'input',
		range: { min: 1, max: 5, whole: true }
	})),
	{
		header: 'Tổng điểm có trọng số',
		width: 11,
		kind: 'formula',
		rule: '= tổng (điểm × trọng số)',
		formula: (r) =>
			`IF(COUNT(C${r}:F${r})=0,"",C${r}*${weight(0)}+D${r}*${weight(1)}+E${r}*${weight(2)}+F${r}*${weight(3)})`
	},
	{
		header: '% điểm tối đa',
		width: 9,
		kind: 'formula',
		rule: '= (7) ÷ tối đa',
		numFmt: PERCENT,
		formula: (r) => `IF(G${r}="","",G${r}/$D$${CRITERIA_ROW + 4})`
	},
	{
		header: 'Xếp hạng',
		width: 8,
		kind: 'formula',
		rule: '1 = cao nhất',
		formula: (r, first, last) => `IF(G${r}="","",RANK(G${r},$G$${first}:$G$${last}))`
	},
	{ header: 'Căn cứ cho điểm (số liệu, quan sát)', width: 34, kind: 'input' }
];

const EXAMPLE: Row[] = [
	[
		null,
		'Tách gáo, gọt vỏ lụa',
		4,
		2,
		3,
		3,
		null,
		null,
		null,
		'Nước dừa, vỏ lụa, gáo ra ở công đoạn này (sơ đồ dòng)'
	],
	[
		null,
		'Rửa cơm dừa',
		2,
		4,
		3,
		4,
		null,
		null,
		null,
		'Dòng nước thải rửa lớn; có đồng hồ nhánh, đo được ngay'
	],
	[
		null,
		'Chần, sấy và lò hơi',
		5,
		3,
		4,
		3,
		null,
		null,
		null,
		'Nhiên liệu lò hơi, hơi và điện sấy là khoản chi lớn nhất; khói, tro'
	],
	[
		null,
		'Vệ sinh thiết bị, nhà xưởng',
		2,
		3,
		3,
		5,
		null,
		null,
		null,
		'Nước thải vệ sinh; tổ vệ sinh sẵn sàng, dễ có số liệu'
	]
];

export const matrix: Worksheet = {
	file: '01-ma-tran-chon-trong-tam',
	title: 'Ma trận chọn trọng tâm đánh giá',
	tasks: 'Bước 1, nhiệm vụ 3',
	lesson: 'Khởi động, sơ đồ dòng và chọn trọng tâm đánh giá',
	purpose:
		'Chọn một công đoạn (hoặc một hệ thống phụ trợ) lãng phí nhất làm trọng tâm cho đánh giá chi tiết, ' +
		'bằng cách cho điểm có trọng số và ghi lại căn cứ, để vòng đánh giá sau biết vì sao đã xếp hạng như vậy.',
	steps: [
		'Thống nhất với lãnh đạo cơ sở bốn tiêu chí và trọng số của chúng (có thể đổi tên tiêu chí, đổi trọng số).',
		'Liệt kê các công đoạn theo bảng công đoạn và định mức tiêu thụ của nhiệm vụ 2; gộp công đoạn nhỏ với phụ trợ gắn liền (ví dụ chần, sấy và lò hơi).',
		'Cho điểm từng công đoạn theo từng tiêu chí từ 1 (thấp nhất) đến 5 (cao nhất), cả nhóm cùng thảo luận, và ghi căn cứ của điểm.',
		'Tổng điểm = điểm A × trọng số A + … + điểm D × trọng số D; công đoạn hạng 1 là trọng tâm đề xuất.',
		'Trình lãnh đạo cơ sở ký xác nhận trọng tâm. Tránh chọn nơi “dễ làm” thay vì nơi lãng phí nhất, và tránh chọn cả nhà máy.'
	],
	exampleSource:
		'Cơ sở cơm dừa nạo sấy trong bài học “Khởi động, sơ đồ dòng và chọn trọng tâm đánh giá”: trọng số và điểm là số liệu minh họa của bài tập; căn cứ cho điểm được viết thêm để làm mẫu.',
	landscape: true,
	headers: columns.map((c) => c.header),
	widths: columns.map((c) => c.width),

	sheet(s, example) {
		let row = sheetHeading(s, this, example);
		s.text(row, 1, 10, '1. Tiêu chí và trọng số (thống nhất với lãnh đạo cơ sở)', 'section');
		row++;
		['Mã', 'Tiêu chí', 'Trọng số', 'Điểm tối đa (= 5 × trọng số)'].forEach((h, i) =>
			s.text(row, i + 1, i + 1, h, 'header')
		);
		s.text(row, 5, 10, 'Căn cứ và cách cho điểm', 'header');
		CRITERIA.forEach((c, k) => {
			const r = CRITERIA_ROW + k;
			s.fixed(r, 1, String(c[0]), true);
			s.input(r, 2, c[1]);
			s.input(r, 3, example ? c[2] : null, { range: { min: 0, max: 10 } });
			s.formula(r, 4, `IF(C${r}="","",5*C${r})`);
			s.input(r, 5, c[4]);
			s.ws.mergeCells(r, 5, r, 10);
		});
		const total = CRITERIA_ROW + 4;
		s.text(total, 1, 2, 'Tổng trọng số; điểm tối đa', 'strong');
		s.formula(total, 3, `SUM(C${CRITERIA_ROW}:C${total - 1})`, undefined, true);
		s.formula(total, 4, `5*C${total}`, undefined, true);
		s.text(
			TABLE_TOP - 1,
			1,
			10,
			'2. Cho điểm từng công đoạn (1 = thấp nhất, 5 = cao nhất)',
			'section'
		);
		const { first, last } = s.table(TABLE_TOP, columns, example ? EXAMPLE : [], ROWS);
		const result = last + 2;
		s.text(result, 1, 2, 'Trọng tâm đề xuất (hạng 1):', 'strong');
		s.formula(
			result,
			3,
			`IFERROR(INDEX(B${first}:B${last},MATCH(1,I${first}:I${last},0)),"")`,
			undefined,
			true
		);
		s.ws.mergeCells(result, 3, result, 7);
		s.text(
			result + 1,
			1,
			10,
			'Lãnh đạo cơ sở xác nhận (họ tên, chữ ký, ngày): ……………………………………………',
			'label'
		);
		if (example)
			s.text(
				result + 2,
				1,
				10,
				'Cụm “chần, sấy và lò hơi” đạt 32/40 điểm và được chọn. Khi có hai công đoạn sát điểm nhau, hãy xem lại căn cứ của từng điểm trước khi quyết định.',
				'note'
			);
	},

	form(doc) {
		formHeading(doc, this);
		doc.table(
			[
				{ header: 'Mã', width: 5, align: 'center' },
				{ header: 'Tiêu chí', width: 40 },
				{ header: 'Trọng số', width: 9 },
				{ header: 'Điểm tối đa (= 5 × trọng số)', width: 12 },
				{ header: 'Căn cứ và cách cho điểm', width: 45 }
			],
			CRITERIA.map((c) => [String(c[0]), String(c[1]), '', '', '']),
			{ size: 8.5, title: '1. Tiêu chí và trọng số' }
		);
		const { columns: cols, subheaders } = pdfColumns(columns);
		doc.table(cols, [], {
			subheaders,
			blankRows: 8,
			blankHeight: 24,
			title: '2. Cho điểm từng công đoạn'
		});
		doc.fields(['Trọng tâm được chọn:', 'Lãnh đạo cơ sở xác nhận:']);
	}
};
