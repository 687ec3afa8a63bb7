/** Phiếu 02: consumption norms (task 2) and the flow chart as an input/output table (task 4). */
import { formHeading, pdfColumns, sheetHeading } from '../common';
import { columnLetters } from '../formula';
import { DECIMAL, ONE_DECIMAL, VND, type Column, type Row, type Worksheet } from '../model';

const NORM_TOP = 8;
const NORM_ROWS = 12;
const FLOW_TOP = NORM_TOP + NORM_ROWS + 7;
const FLOW_ROWS = 14;

/** A norm column: the quantity in column `qty` divided by the production in column 2. */
const norm = (qty: number, header: string): Column => ({
	header,
	width: 0,
	kind: 'formula',
	rule: `= (${qty}) ÷ (2)`,
	numFmt: ONE_DECIMAL,
	formula: (r) => {
		const q = `${columnLetters(qty)}${r}`;
		return `IF(OR(B${r}=0,${q}=""),"",${q}/B${r})`;
	}
});

const WIDTHS = [9, 24, 26, 20, 26, 20, 12, 20];
const withWidths = (cols: Column[]) => cols.map((c, i) => ({ ...c, width: WIDTHS[i] }));

const normColumns: Column[] = withWidths([
	{ header: 'Kỳ (tháng)', width: 0, kind: 'input' },
	{ header: 'Sản lượng (tấn sản phẩm)', width: 0, kind: 'input', numFmt: DECIMAL },
	{ header: 'Nước cấp (m³)', width: 0, kind: 'input', numFmt: VND },
	norm(3, 'Định mức nước (m³/tấn)'),
	{ header: 'Điện (kWh)', width: 0, kind: 'input', numFmt: VND },
	norm(5, 'Định mức điện (kWh/tấn)'),
	{ header: 'Nhiên liệu (kg)', width: 0, kind: 'input', numFmt: VND },
	norm(7, 'Định mức nhiên liệu (kg/tấn)')
]);

const flowColumns: Column[] = withWidths([
	{ header: 'STT', width: 0, kind: 'number' },
	{ header: 'Công đoạn (theo dòng sản phẩm)', width: 0, kind: 'input' },
	{ header: 'Dòng vào (nguyên liệu, nước, hóa chất, năng lượng)', width: 0, kind: 'input' },
	{ header: 'Sản phẩm ra công đoạn sau', width: 0, kind: 'input' },
	{ header: 'Dòng thải, sản phẩm phụ (rắn, lỏng, khí, nhiệt)', width: 0, kind: 'input' },
	{ header: 'Số liệu (lượng, đơn vị, theo tấn sản phẩm)', width: 0, kind: 'input' },
	{ header: 'Số đo hay ước tính', width: 0, kind: 'input', list: ['Số đo', 'Ước tính'] },
	{ header: 'Ghi chú (dòng gián đoạn, thời điểm)', width: 0, kind: 'input' }
]);

const NORM_EXAMPLE: Row[] = [['Tháng minh họa', 90, 2160, null, null, null, null, null]];

const FLOW_EXAMPLE: Row[] = [
	[
		null,
		'Tiếp nhận cá sống',
		'Cá nguyên liệu',
		'Cá',
		'Nước vận chuyển',
		'2,6 tấn cá/tấn phi lê (định mức ngành)',
		'Ước tính',
		null
	],
	[null, 'Cắt tiết, rửa', 'Cá, nước', 'Cá đã cắt tiết', 'Nước thải lẫn máu', null, null, null],
	[
		null,
		'Phi lê',
		'Cá, nước',
		'Miếng phi lê',
		'Đầu, xương, nội tạng',
		'1,20 tấn/tấn phi lê (minh họa)',
		'Số đo',
		'Thu gom khô, không để lọt xuống cống'
	],
	[
		null,
		'Lạng da',
		'Miếng phi lê',
		'Phi lê không da',
		'Da cá',
		'0,15 tấn/tấn phi lê (minh họa)',
		'Số đo',
		null
	],
	[
		null,
		'Chỉnh hình',
		'Phi lê, nước',
		'Phi lê đã sửa',
		'Mỡ, thịt vụn',
		'0,20 tấn/tấn phi lê (minh họa)',
		'Số đo',
		null
	],
	[
		null,
		'Rửa, phân cỡ, phân loại',
		'Phi lê, nước, nước đá',
		'Phi lê theo cỡ',
		'Nước thải',
		null,
		null,
		'Nước đá tan thành nước thải'
	],
	[
		null,
		'Cấp đông',
		'Phi lê, điện (máy lạnh)',
		'Phi lê đông lạnh',
		'Nhiệt thải ở dàn ngưng',
		null,
		null,
		null
	],
	[
		null,
		'Mạ băng, đóng gói',
		'Phi lê, nước, bao bì',
		'Thành phẩm',
		'Nước, bao bì hỏng',
		null,
		null,
		null
	],
	[null, 'Bảo quản lạnh', 'Thành phẩm, điện', 'Thành phẩm', 'Không đáng kể', null, null, null],
	[
		null,
		'Vệ sinh cuối ca',
		'Nước, hóa chất tẩy rửa',
		null,
		'Nước thải vệ sinh',
		null,
		null,
		'Dòng gián đoạn: hay bị bỏ sót'
	]
];

export const flow: Worksheet = {
	file: '02-so-do-dong-va-bang-dau-vao-dau-ra',
	title: 'Định mức tiêu thụ, sơ đồ dòng và bảng đầu vào – đầu ra',
	tasks: 'Bước 1, nhiệm vụ 2 và bước 2, nhiệm vụ 4',
	lesson: 'Khởi động, sơ đồ dòng và chọn trọng tâm đánh giá',
	purpose:
		'Tính định mức tiêu thụ nước, điện, nhiên liệu trên một tấn sản phẩm theo từng tháng, rồi ghi sơ đồ dòng ' +
		'dưới dạng bảng: mỗi hàng là một công đoạn theo thứ tự, với dòng vào, sản phẩm ra công đoạn sau và dòng thải.',
	steps: [
		'Định mức: nhập sản lượng và lượng tiêu thụ của từng tháng (12 tháng gần nhất) từ sổ sách, hóa đơn; định mức = lượng tiêu thụ ÷ sản lượng. Hàng “Cả kỳ” lấy tổng chia tổng, không lấy trung bình các tháng.',
		'So sánh định mức thấp nhất và cao nhất khi sản phẩm không đổi: khoảng chênh thường là lãng phí do vận hành.',
		'Sơ đồ dòng: xác định ranh giới (cả cơ sở hay một công đoạn; có tính lò hơi, máy nén, hệ thống lạnh không), rồi đi theo sản phẩm từ cổng nhập nguyên liệu đến kho thành phẩm.',
		'Mỗi thao tác làm thay đổi vật liệu là một hàng. Ghi cả dòng gián đoạn: vệ sinh cuối ca, xả đáy lò hơi, rã đông, nước rửa khi đổi sản phẩm.',
		'Ghi số liệu theo một cơ sở tính thống nhất (một tấn sản phẩm) và đánh dấu số đo hay ước tính; kiểm tra lại với người vận hành.'
	],
	exampleSource:
		'Định mức nước của cơ sở chế biến thủy sản (2.160 m³ cho 90 tấn thành phẩm trong một tháng, số liệu minh họa) và sơ đồ dòng dây chuyền cá tra phi lê đông lạnh trong bài học; các lượng sản phẩm phụ lấy từ bảng cân bằng cá tra (minh họa) của bài “Cân bằng vật liệu và năng lượng”.',
	landscape: true,
	headers: [...normColumns, ...flowColumns].map((c) => c.header),
	widths: WIDTHS,

	sheet(s, example) {
		sheetHeading(s, this, example);
		s.text(NORM_TOP - 1, 1, 8, '1. Định mức tiêu thụ theo tháng (nhiệm vụ 2)', 'section');
		const { first, last } = s.table(NORM_TOP, normColumns, example ? NORM_EXAMPLE : [], NORM_ROWS);
		const total = last + 1;
		s.text(total, 1, 1, 'Cả kỳ', 'strong');
		for (const c of ['B', 'C', 'E', 'G']) {
			const n = c.charCodeAt(0) - 64;
			s.formula(
				total,
				n,
				`IF(COUNT(${c}${first}:${c}${last})=0,"",SUM(${c}${first}:${c}${last}))`,
				c === 'B' ? DECIMAL : VND,
				true
			);
		}
		for (const [c, q] of [
			['D', 'C'],
			['F', 'E'],
			['H', 'G']
		]) {
			const n = c.charCodeAt(0) - 64;
			s.formula(
				total,
				n,
				`IF(OR(B${total}="",${q}${total}=""),"",IFERROR(${q}${total}/B${total},""))`,
				ONE_DECIMAL,
				true
			);
			s.formula(
				total + 1,
				n,
				`IF(COUNT(${c}${first}:${c}${last})=0,"",MIN(${c}${first}:${c}${last}))`,
				ONE_DECIMAL
			);
			s.formula(
				total + 2,
				n,
				`IF(COUNT(${c}${first}:${c}${last})=0,"",MAX(${c}${first}:${c}${last}))`,
				ONE_DECIMAL
			);
		}
		s.text(total + 1, 1, 3, 'Định mức tháng thấp nhất', 'label');
		s.text(total + 2, 1, 3, 'Định mức tháng cao nhất', 'label');
		s.text(
			FLOW_TOP - 1,
			1,
			8,
			'2. Sơ đồ dòng dạng bảng: đầu vào và đầu ra của từng công đoạn (nhiệm vụ 4)',
			'section'
		);
		const flowEnd = s.table(FLOW_TOP, flowColumns, example ? FLOW_EXAMPLE : [], FLOW_ROWS).last;
		s.text(
			flowEnd + 2,
			1,
			8,
			example
				? 'Cần khoảng 2,6 kg cá nguyên liệu cho 1 kg phi lê: hơn một nửa khối lượng cá đi ra ở cột dòng thải, sản phẩm phụ. Đầu, xương, da, mỡ phải được thu gom khô: vừa là nguồn thu, vừa là nguồn ô nhiễm hữu cơ nếu lọt xuống cống.'
				: 'Phụ trợ (lò hơi, máy nén khí, hệ thống lạnh, xử lý nước cấp) ghi thành hàng riêng nếu nằm trong ranh giới.',
			'note'
		);
		s.pageBreakAfter(FLOW_TOP - 2);
	},

	form(doc) {
		formHeading(doc, this);
		const norms = pdfColumns(normColumns.map((c, i) => ({ ...c, width: i === 0 ? 10 : 13 })));
		doc.table(norms.columns, [], {
			subheaders: norms.subheaders,
			blankRows: 12,
			blankHeight: 14,
			title: '1. Định mức tiêu thụ theo tháng'
		});
		doc.newPage();
		doc.heading('2. Sơ đồ dòng (vẽ)', 3);
		doc.box(
			doc.height - 150,
			'Vẽ mỗi công đoạn thành một khối, nối bằng mũi tên theo dòng sản phẩm, từ trên xuống. Dòng vào bên trái, dòng ra bên phải; ghi lượng và đơn vị trên từng mũi tên, đánh dấu (Đ) số đo, (ƯT) ước tính.'
		);
		doc.newPage();
		const flows = pdfColumns(flowColumns);
		doc.table(flows.columns, [], {
			subheaders: flows.subheaders,
			blankRows: 14,
			blankHeight: 30,
			title: '3. Bảng đầu vào – đầu ra của từng công đoạn'
		});
	}
};
