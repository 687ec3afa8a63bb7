/** Phiếu 04: what each measured waste stream costs a year (task 6). */
import { formHeading, pdfColumns, sheetHeading } from '../common';
import { DECIMAL, PERCENT, VND, type Column, type Row, type Worksheet } from '../model';

const OUTPUT_ROW = 8;
const TABLE_TOP = 11;
const ROWS = 12;
const OUTPUT = `$D$${OUTPUT_ROW}`;

const columns: Column[] = [
	{ header: 'STT', width: 5, kind: 'number' },
	{ header: 'Dòng thải (đã đo hoặc ước tính có căn cứ)', width: 30, kind: 'input' },
	{ header: 'Công đoạn phát sinh', width: 16, kind: 'input' },
	{ header: 'Lượng theo tấn sản phẩm', width: 11, kind: 'input', numFmt: DECIMAL },
	{ header: 'Đơn vị', width: 7, kind: 'input' },
	{
		header: 'Lượng trong năm',
		width: 12,
		kind: 'formula',
		rule: '= (4) × sản lượng năm',
		numFmt: VND,
		formula: (r) => `IF(D${r}="","",D${r}*${OUTPUT})`
	},
	{
		header: 'Giá trị vật liệu, nước, năng lượng mất theo dòng (đ/đơn vị)',
		width: 15,
		kind: 'input',
		numFmt: VND
	},
	{
		header: 'Chi phí xử lý, thải bỏ, phí môi trường (đ/đơn vị)',
		width: 14,
		kind: 'input',
		numFmt: VND
	},
	{
		header: 'Chi phí năm (đồng)',
		width: 15,
		kind: 'formula',
		rule: '= (6) × [(7) + (8)]',
		numFmt: VND,
		formula: (r) => `IF(F${r}="","",F${r}*(G${r}+H${r}))`
	},
	{
		header: '% tổng chi phí',
		width: 9,
		kind: 'formula',
		rule: '= (9) ÷ tổng',
		numFmt: PERCENT,
		formula: (r, _f, last) => `IF(OR(I${r}="",I${last + 1}=0),"",I${r}/I${last + 1})`
	},
	{ header: 'Nguồn số liệu, ghi chú', width: 26, kind: 'input' }
];

const water = (name: string, step: string, perTonne: number, note: string | null): Row => [
	null,
	name,
	step,
	perTonne,
	'm³',
	null,
	12000,
	8000,
	null,
	null,
	note
];

const EXAMPLE: Row[] = [
	water(
		'Nước tràn bể chứa (van phao hỏng)',
		'Khu phi lê',
		1.8,
		'Cân bằng nước; đo bằng xô và đồng hồ bấm giây'
	),
	water('Nước vệ sinh thiết bị, nhà xưởng', 'Vệ sinh cuối ca', 7, 'Cân bằng nước; đo ở mương'),
	[
		null,
		'Thịt vụn, cá rơi vãi trôi theo nước rửa',
		'Phi lê, chỉnh hình',
		30,
		'kg',
		null,
		5000,
		null,
		null,
		null,
		'Cân bằng cá (0,03 tấn/tấn phi lê); rổ chắn tạm và quét gom, ba ca; giá bán phụ phẩm. Chưa tính phần COD tăng thêm'
	]
];

export const costing: Worksheet = {
	file: '04-chi-phi-dong-thai',
	title: 'Chi phí dòng thải',
	tasks: 'Bước 2, nhiệm vụ 6',
	lesson: 'Chi phí dòng thải và phân tích nguyên nhân',
	purpose:
		'Gắn giá tiền cho từng dòng thải đã đo trong cân bằng: lượng trong năm × (giá trị vật liệu, nước, năng lượng ' +
		'mất theo dòng + chi phí xử lý, thải bỏ). Con số này là mức trần của khoản có thể tiết kiệm, không phải ' +
		'khoản tiết kiệm chắc chắn, vì hiếm khi loại bỏ được hoàn toàn một dòng thải.',
	steps: [
		'Nhập sản lượng năm (tấn sản phẩm) của cơ sở từ sổ sách thực tế, không dùng sản lượng kế hoạch.',
		'Mỗi hàng là một dòng thải lấy từ bảng cân bằng (phiếu 03), với lượng theo tấn sản phẩm và đơn vị của nó (m³, kg, kWh).',
		'Đơn giá gồm hai phần: giá trị những gì đã mua rồi bỏ đi (nguyên liệu theo giá mua, hoặc giá bán nếu lẽ ra thành sản phẩm; tiền nước, nhiên liệu để đun) và chi phí xử lý, thu gom, phí môi trường. Dùng hóa đơn và sổ sách của cơ sở.',
		'Không có hàng cho “phần chưa xác định” của cân bằng: đó là khoảng chênh lệch, không phải một dòng. Muốn tính tiền cho nó, trước hết đo để biến nó thành dòng có số liệu (ví dụ đặt rổ chắn ở mương thu và cân cá vụn giữ lại).',
		'Ghi rõ những chi phí chưa tính được (ví dụ phần COD tăng thêm cho trạm xử lý khi chưa có kết quả phân tích mẫu).'
	],
	exampleSource:
		'Cơ sở chế biến thủy sản trong bài “Chi phí dòng thải và phân tích nguyên nhân”: 90 tấn thành phẩm mỗi tháng (1.080 tấn mỗi năm), đơn giá giả định cho bài tập: nước cấp 12.000 đ/m³, xử lý nước thải 8.000 đ/m³, cá vụn bán phụ phẩm 5.000 đ/kg; lượng theo tấn sản phẩm lấy từ các bảng cân bằng nước và cân bằng cá (minh họa).',
	landscape: true,
	headers: columns.map((c) => c.header),
	widths: columns.map((c) => c.width),

	sheet(s, example) {
		sheetHeading(s, this, example);
		s.text(OUTPUT_ROW - 1, 1, 11, '1. Sản lượng', 'section');
		s.field(OUTPUT_ROW, 'Sản lượng năm (tấn sản phẩm)', [1, 3], [4, 4], example ? 1080 : null, {
			numFmt: VND
		});
		s.text(
			OUTPUT_ROW,
			5,
			11,
			example ? '= 90 tấn mỗi tháng × 12 tháng' : 'Sản lượng thực tế, không phải kế hoạch.',
			'note'
		);
		s.text(TABLE_TOP - 1, 1, 11, '2. Chi phí của từng dòng thải', 'section');
		const { first, last } = s.table(TABLE_TOP, columns, example ? EXAMPLE : [], ROWS);
		const total = last + 1;
		s.text(total, 1, 8, 'Tổng chi phí dòng thải mỗi năm (đồng)', 'strong');
		s.formula(total, 9, `SUM(I${first}:I${last})`, VND, true);
		s.text(total + 1, 1, 8, 'Tổng, triệu đồng mỗi năm', 'label');
		s.formula(total + 1, 9, `I${total}/1000000`, DECIMAL);
		s.text(
			total + 3,
			1,
			11,
			'Không có hàng cho phần chưa xác định của cân bằng: nó được báo cáo là một khoảng chênh lệch ở phiếu 03, không được nhân với đơn giá.',
			'note'
		);
		if (example)
			s.text(
				total + 4,
				1,
				11,
				'Phần chưa xác định của cân bằng nước (0,7 m³/tấn) và của cân bằng cá (0,02 tấn/tấn) không có hàng nào ở đây: chúng được báo cáo là khoảng chênh lệch ở phiếu 03. Cá vụn trôi theo nước rửa có hàng vì nhóm đã đo nó. Nước tràn bể rẻ nhất trong bảng nhưng giải pháp (thay van phao) gần như không tốn tiền.',
				'note'
			);
	},

	form(doc) {
		formHeading(doc, this);
		doc.fields(['Sản lượng năm (tấn sản phẩm):', 'Kỳ số liệu đơn giá:']);
		const { columns: cols, subheaders } = pdfColumns(columns);
		doc.table(cols, [], {
			subheaders,
			blankRows: 10,
			blankHeight: 22,
			title: 'Chi phí của từng dòng thải'
		});
		doc.fields(['Tổng chi phí dòng thải mỗi năm (đồng):']);
		doc.note(
			'Không ghi hàng nào cho phần chưa xác định của cân bằng: đó là khoảng chênh lệch, không phải một dòng thải.'
		);
	}
};
