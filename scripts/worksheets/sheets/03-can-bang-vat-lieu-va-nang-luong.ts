/** Phiếu 03: the material and energy balance, with its unaccounted gap reported as a gap (task 5). */
import { formHeading, pdfColumns, sheetHeading } from '../common';
import { DECIMAL, PERCENT, type Column, type Row, type Worksheet } from '../model';

const SCOPE_TOP = 8;
const TABLE_TOP = 14;
const ROWS = 14;
const KINDS = ['Vào', 'Ra', 'Thay đổi tồn kho'];

const SCOPE: [string, string][] = [
	['Ranh giới (công đoạn, dây chuyền, cả cơ sở)', 'Khu phi lê và rửa của cơ sở chế biến thủy sản'],
	['Đại lượng (nước, tổng khối lượng, chất khô, năng lượng)', 'Nước'],
	['Khoảng thời gian đo', 'Ba ca liên tiếp, đo lại lần hai vào ban đêm'],
	['Cơ sở tính (đơn vị của cột 4)', 'm³/tấn sản phẩm']
];

const columns: Column[] = [
	{ header: 'STT', width: 5, kind: 'number' },
	{ header: 'Loại dòng', width: 13, kind: 'input', list: KINDS },
	{ header: 'Dòng (tên, vị trí)', width: 40, kind: 'input' },
	{ header: 'Lượng theo cơ sở tính', width: 12, kind: 'input', numFmt: DECIMAL },
	{
		header: '% so với tổng vào',
		width: 11,
		kind: 'formula',
		rule: '= (4) ÷ tổng vào',
		numFmt: PERCENT,
		formula: (r, _f, last) => `IF(OR(D${r}="",D${last + 2}=0),"",D${r}/D${last + 2})`
	},
	{ header: 'Số đo hay ước tính', width: 12, kind: 'input', list: ['Số đo', 'Ước tính'] },
	{ header: 'Cách đo, căn cứ ước tính', width: 36, kind: 'input' }
];

const EXAMPLE: Row[] = [
	[null, 'Vào', 'Nước cấp (đồng hồ tổng)', 24, null, 'Số đo', 'Đọc đồng hồ đầu và cuối ca, ba ca'],
	[null, 'Ra', 'Nước thải rửa nguyên liệu và phi lê', 9.5, null, 'Số đo', 'Đo ở mương thu'],
	[
		null,
		'Ra',
		'Nước thải vệ sinh thiết bị, nhà xưởng',
		7,
		null,
		'Số đo',
		'Đo cả lúc vệ sinh cuối ca'
	],
	[null, 'Ra', 'Nước thải rửa, phân cỡ sau chỉnh hình', 3.5, null, 'Số đo', null],
	[
		null,
		'Ra',
		'Tràn bể chứa nước rửa (van phao hỏng)',
		1.8,
		null,
		'Số đo',
		'Tìm thấy khi đo lại ban đêm; xô và đồng hồ bấm giây'
	],
	[null, 'Ra', 'Bay hơi ở tháp giải nhiệt', 1.5, null, 'Ước tính', 'Ước tính, ghi rõ căn cứ']
];

export const balance: Worksheet = {
	file: '03-can-bang-vat-lieu-va-nang-luong',
	title: 'Cân bằng vật liệu và năng lượng',
	tasks: 'Bước 2, nhiệm vụ 5',
	lesson: 'Cân bằng vật liệu và năng lượng',
	purpose:
		'So sánh tổng các dòng vào với tổng các dòng ra của công đoạn trọng tâm, trên cùng một cơ sở tính và cùng ' +
		'khoảng thời gian, để biết nước, nguyên liệu, năng lượng đi đâu và đi bao nhiêu. Phần chưa xác định được ' +
		'báo cáo là một khoảng chênh lệch, kèm cách đã tìm nó: không tính tiền cho nó như một dòng thải.',
	steps: [
		'Ghi bốn quyết định trước khi đo: ranh giới, đại lượng, khoảng thời gian, cơ sở tính (thường là một tấn sản phẩm).',
		'Mỗi dòng một hàng: chọn loại (Vào, Ra, Thay đổi tồn kho), ghi lượng đã quy đổi về cơ sở tính và đánh dấu số đo hay ước tính. Đo qua nhiều ca, cả lúc vệ sinh, khởi động, dừng máy.',
		'Đầu vào không có đồng hồ cũng là đầu vào: nước thoát ra từ nguyên liệu (nước dừa, ẩm trong cá), nước đá tan, nước mưa vào mương. Ghi chúng là “Vào”, ước tính và nêu căn cứ.',
		'Tồn kho hay lượng chứa trong bể, thiết bị thay đổi giữa đầu và cuối kỳ thì ghi một hàng “Thay đổi tồn kho”: số dương nếu tăng, số âm nếu giảm.',
		'Phần chưa xác định = tổng vào − tổng ra − thay đổi tồn kho. Khoảng 5% trở xuống khi các dòng chính đều đo: khép kín; đến khoảng 10% khi nhiều dòng ước tính: dùng được, ghi rõ; lớn hơn: quay lại hiện trường. Đây là kinh nghiệm thực hành, không phải quy định.',
		'Đầu ra lớn hơn đầu vào không chắc chắn là sai số đo: trước hết tìm đầu vào không có đồng hồ và thay đổi tồn kho chưa ghi, rồi mới kiểm tra đồng hồ, thời gian đo và sản lượng dùng để chia.',
		'Không “khép” cân bằng bằng cách gán phần chênh lệch cho một dòng nào đó. Cân bằng năng lượng dùng cùng bảng, với đơn vị như % năng lượng của nhiên liệu hoặc MJ/tấn sản phẩm.'
	],
	exampleSource:
		'Cân bằng nước lần đo thứ hai tại cơ sở chế biến thủy sản trong bài “Cân bằng vật liệu và năng lượng” (số liệu minh họa). Lần đo thứ nhất chưa có dòng tràn bể: tổng ra 21,5, chênh lệch 2,5 m³/tấn (khoảng 10,4%), nên nhóm quay lại hiện trường ban đêm.',
	landscape: true,
	headers: columns.map((c) => c.header),
	widths: columns.map((c) => c.width),

	sheet(s, example) {
		sheetHeading(s, this, example);
		s.text(SCOPE_TOP - 1, 1, 7, '1. Phạm vi của cân bằng', 'section');
		SCOPE.forEach(([label, value], k) => {
			s.field(SCOPE_TOP + k, label, [1, 3], [4, 7], example ? value : null);
		});
		s.text(TABLE_TOP - 1, 1, 7, '2. Các dòng vào, ra và thay đổi tồn kho', 'section');
		const { first, last } = s.table(TABLE_TOP, columns, example ? EXAMPLE : [], ROWS);
		const r = last + 2;
		const sumOf = (kind: string) => `SUMIF(B${first}:B${last},"${kind}",D${first}:D${last})`;
		const lines: [string, string, string | undefined][] = [
			['Tổng vào', sumOf('Vào'), DECIMAL],
			['Tổng ra', sumOf('Ra'), DECIMAL],
			['Thay đổi tồn kho (tăng +, giảm −)', sumOf('Thay đổi tồn kho'), DECIMAL],
			['Phần chưa xác định = vào − ra − thay đổi tồn kho', `D${r}-D${r + 1}-D${r + 2}`, DECIMAL],
			['Phần chưa xác định, % so với tổng vào', `IF(D${r}=0,"",D${r + 3}/D${r})`, PERCENT],
			['Tổng ra, % so với tổng vào', `IF(D${r}=0,"",D${r + 1}/D${r})`, PERCENT],
			['Số dòng là ước tính', `COUNTIF(F${first}:F${last},"Ước tính")`, undefined]
		];
		lines.forEach(([label, f, fmt], k) => {
			s.text(r + k, 1, 3, label, 'strong');
			s.formula(r + k, 4, f, fmt, true);
		});
		const gap = `D${r + 3}`;
		const pct = `D${r + 4}`;
		s.text(r + lines.length, 1, 3, 'Đọc kết quả', 'strong');
		s.formula(
			r + lines.length,
			4,
			`IF(${pct}="","",IF(ABS(${pct})<=5%,"Khép kín: chênh lệch trong khoảng 5% đầu vào (khi các dòng chính đều là số đo).",` +
				`IF(${gap}<0,"Đầu ra lớn hơn đầu vào: tìm đầu vào không có đồng hồ (nước từ nguyên liệu, nước đá tan, nước mưa) và thay đổi tồn kho chưa ghi, rồi mới kiểm tra sai số đo và cơ sở tính.",` +
				`IF(ABS(${pct})<=10%,"Chênh lệch 5–10%: dùng được để tìm cơ hội nếu nhiều dòng là ước tính, ghi rõ; nếu các dòng chính đều đo, quay lại hiện trường.",` +
				`"Chênh lệch trên 10%: còn dòng chưa đo; quay lại hiện trường tìm rò rỉ, tràn, bay hơi, nước đi theo sản phẩm hay chất thải rắn."))))`
		);
		s.ws.mergeCells(r + lines.length, 4, r + lines.length, 7);
		s.ws.getRow(r + lines.length).height = 48;
		s.text(
			r + lines.length + 2,
			1,
			7,
			'Phần chưa xác định là một khoảng chênh lệch, không phải một dòng thải: báo cáo nó kèm cách đã tìm, không nhân nó với đơn giá và không đưa vào bảng chi phí dòng thải (phiếu 04), không gán nó cho một dòng nào để cân bằng “đẹp”.',
			'note'
		);
		if (example)
			s.text(
				r + lines.length + 3,
				1,
				7,
				'Chỉ riêng việc đo để khép cân bằng đã tìm ra một giải pháp quản lý nội vi (thay van phao, 1,8 m³ mỗi tấn sản phẩm). Hai dòng lớn nhất, rửa nguyên liệu và vệ sinh, là nơi tìm cơ hội tiếp theo.',
				'note'
			);
	},

	form(doc) {
		formHeading(doc, this);
		doc.table(
			[
				{ header: 'Quyết định', width: 40 },
				{ header: 'Ghi vào đây', width: 89 }
			],
			SCOPE.map(([label]) => [label, '']),
			{ size: 9, shadeFirstColumn: true, title: '1. Phạm vi của cân bằng' }
		);
		const { columns: cols, subheaders } = pdfColumns(columns);
		doc.table(cols, [], {
			subheaders,
			blankRows: 12,
			blankHeight: 20,
			title: '2. Các dòng vào, ra và thay đổi tồn kho'
		});
		doc.table(
			[
				{ header: 'Dòng tổng hợp', width: 60 },
				{ header: 'Lượng', width: 20 },
				{ header: '% so với tổng vào', width: 20 },
				{ header: 'Nhận xét', width: 60 }
			],
			[
				['(A) Tổng vào', '', '100%', ''],
				['(B) Tổng ra', '', '', ''],
				['(C) Thay đổi tồn kho (tăng +, giảm −)', '', '', ''],
				['(D) Phần chưa xác định = A − B − C', '', '', ''],
				['Số dòng là ước tính', '', '', '']
			],
			{ size: 9, shadeFirstColumn: true, title: '3. Tổng hợp' }
		);
		doc.note(
			'Phần chưa xác định là một khoảng chênh lệch, không phải một dòng thải: báo cáo nó kèm cách đã tìm; không tính tiền cho nó, không gán nó cho một dòng nào. Đầu ra lớn hơn đầu vào: trước hết tìm đầu vào không có đồng hồ (nước từ nguyên liệu, nước đá tan, nước mưa) và thay đổi tồn kho.'
		);
	}
};
