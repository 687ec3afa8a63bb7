/** Phiếu 07: the action plan with its indicators (task 14) and the monitoring log (task 16). */
import { formHeading, pdfColumns, sheetHeading } from '../common';
import {
	DECIMAL,
	ONE_DECIMAL,
	PERCENT,
	VND,
	type Column,
	type Row,
	type Worksheet
} from '../model';

const PLAN_TOP = 8;
const PLAN_ROWS = 10;
const FREQUENCIES = ['Hằng ca', 'Hằng ngày', 'Hằng tuần', 'Hằng tháng', 'Hằng quý'];

const planColumns: Column[] = [
	{ header: 'STT', width: 5, kind: 'number' },
	{ header: 'Giải pháp', width: 22, kind: 'input' },
	{ header: 'Việc cụ thể', width: 28, kind: 'input' },
	{ header: 'Người phụ trách (một người)', width: 14, kind: 'input' },
	{ header: 'Thời hạn', width: 10, kind: 'input' },
	{ header: 'Kinh phí (triệu đồng)', width: 10, kind: 'input', numFmt: DECIMAL },
	{ header: 'Nguồn kinh phí', width: 18, kind: 'input' },
	{ header: 'Chỉ số theo dõi (trên một đơn vị sản phẩm)', width: 17, kind: 'input' },
	{ header: 'Số liệu nền', width: 9, kind: 'input', numFmt: DECIMAL },
	{ header: 'Mục tiêu', width: 9, kind: 'input', numFmt: DECIMAL },
	{
		header: 'Mức giảm mục tiêu',
		width: 9,
		kind: 'formula',
		rule: '= [(9) − (10)] ÷ (9)',
		numFmt: PERCENT,
		formula: (r) => `IF(OR(I${r}="",J${r}="",I${r}=0),"",(I${r}-J${r})/I${r})`
	},
	{ header: 'Tần suất giám sát', width: 11, kind: 'input', list: FREQUENCIES },
	{ header: 'Ai đo, đo bằng gì', width: 16, kind: 'input' }
];

const monitorColumns: Column[] = [
	{ header: 'Kỳ (tháng)', width: 0, kind: 'input' },
	{ header: 'Sản lượng (tấn sản phẩm)', width: 0, kind: 'input', numFmt: DECIMAL },
	{ header: 'Lượng tiêu thụ (theo đơn vị của chỉ số)', width: 0, kind: 'input', numFmt: VND },
	{
		header: 'Chỉ số = (3) ÷ (2)',
		width: 0,
		kind: 'formula',
		rule: '= (3) ÷ (2)',
		numFmt: ONE_DECIMAL,
		formula: (r) => `IF(OR(C${r}=0,D${r}=""),"",D${r}/C${r})`
	},
	{
		header: 'So với số liệu nền',
		width: 0,
		kind: 'formula',
		rule: '= [(4) − nền] ÷ nền',
		numFmt: PERCENT,
		formula: (r) => `IF(OR(E${r}="",$E$MON_BASE=0),"",(E${r}-$E$MON_BASE)/$E$MON_BASE)`
	},
	{ header: 'Ghi chú (sản phẩm, sự cố)', width: 0, kind: 'input' }
];

const plan = (
	solution: string,
	work: string,
	who: string,
	when: string,
	cost: number | null,
	source: string,
	indicator: string
): Row => [
	null,
	solution,
	work,
	who,
	when,
	cost,
	source,
	indicator,
	null,
	null,
	null,
	'Hằng tháng',
	null
];

const PLAN_EXAMPLE: Row[] = [
	plan(
		'Sửa rò hơi, thay bẫy hơi hỏng',
		'Kiểm tra toàn bộ bẫy hơi, lập danh sách, thay thế',
		'Tổ cơ điện',
		'Tuần 1–2',
		null,
		'Thấp; chi phí sửa chữa thường xuyên',
		'kg nhiên liệu/tấn sản phẩm'
	),
	plan(
		'Che và phơi nhiên liệu',
		'Làm mái che kho gáo, quy định xoay vòng nhiên liệu cũ trước',
		'Quản đốc',
		'Tuần 1–4',
		null,
		'Thấp; chi phí sửa chữa nhỏ',
		'Độ ẩm nhiên liệu; kg nhiên liệu/tấn'
	),
	plan(
		'Điều chỉnh cấp gió lò hơi',
		'Hướng dẫn người đốt lò; lập nhật ký vận hành theo ca',
		'Trưởng nhóm SXSH',
		'Tuần 2',
		0,
		'Không tốn tiền',
		'Màu khói; kg nhiên liệu/tấn'
	),
	plan(
		'Bảo ôn đường ống và nồi chần',
		'Đo chiều dài ống chưa bảo ôn, mua vật tư, thi công ngày nghỉ',
		'Tổ cơ điện',
		'Tháng 2',
		null,
		'Nhỏ; vốn tự có',
		'kg nhiên liệu/tấn'
	),
	plan(
		'Thu hồi nước ngưng',
		'Đo lượng nước ngưng 4 tuần; lấy báo giá; quyết định',
		'Cán bộ kỹ thuật',
		'Tháng 2–4',
		300,
		'Ước tính; xem xét vốn vay, hỗ trợ khuyến công',
		'm³ nước cấp lò/tấn; kg nhiên liệu/tấn'
	)
];

const MONITOR_EXAMPLE: Row[] = [
	['Tháng 1', 88, 1920, null, null, null],
	['Tháng 2', 95, 2010, null, null, null],
	[
		'Tháng 3',
		70,
		1610,
		null,
		null,
		'Sản lượng thấp: phần nước gần như cố định mỗi ngày làm chỉ số tăng'
	]
];

const MONITOR_PARAMS: [string, string | number, string | undefined][] = [
	['Chỉ số theo dõi', 'm³ nước/tấn sản phẩm', undefined],
	['Số liệu nền (trước khi thực hiện)', 24, ONE_DECIMAL],
	['Sản lượng năm (tấn sản phẩm)', 1080, VND],
	['Đơn giá của một đơn vị tiêu thụ (đồng)', 20000, VND]
];

export const actionPlan: Worksheet = {
	file: '07-ke-hoach-hanh-dong-va-chi-so-giam-sat',
	title: 'Kế hoạch hành động và chỉ số giám sát',
	tasks: 'Bước 5, nhiệm vụ 14 và 16',
	lesson: 'Kế hoạch hành động, chỉ số và giám sát kết quả',
	purpose:
		'Biến danh sách giải pháp đã duyệt thành kế hoạch ai đọc cũng biết mình phải làm gì (việc, người phụ trách, ' +
		'thời hạn, kinh phí và nguồn, chỉ số, số liệu nền, mục tiêu, tần suất giám sát), rồi ghi nhật ký giám sát ' +
		'để so chỉ số sau khi thực hiện với số liệu nền.',
	steps: [
		'Làm các giải pháp không tốn tiền trước: kết quả nhanh, tạo lòng tin, và khoản tiết kiệm có thể dùng cho giải pháp đầu tư.',
		'Mỗi dòng một người chịu trách nhiệm (không ghi “phòng kỹ thuật” hay “cả nhóm”); việc phải dừng máy xếp vào mùa thấp điểm hoặc ngày nghỉ.',
		'Chỉ số là mức tiêu thụ trên một đơn vị sản phẩm (m³/tấn, kWh/tấn, kg nhiên liệu/tấn, kg COD/tấn), không phải tổng lượng: tổng lượng giảm có thể chỉ vì sản lượng giảm.',
		'Đo số liệu nền trước khi thay đổi, tốt nhất trung bình nhiều tháng cùng loại sản phẩm; sau đó đo cùng cách, cùng cơ sở tính, theo tần suất đã ghi.',
		'Nhật ký giám sát: chỉ số cả kỳ = tổng lượng tiêu thụ ÷ tổng sản lượng (không lấy trung bình các tháng). Tiết kiệm năm = (nền − chỉ số cả kỳ) × sản lượng năm × đơn giá.',
		'Không cộng trùng tiết kiệm của hai giải pháp cùng giảm một dòng; báo cáo trung thực cả giải pháp chưa đạt.'
	],
	exampleSource:
		'Kế hoạch hành động của cơ sở cơm dừa nạo sấy và bài tập theo dõi định mức nước của cơ sở thủy sản trong bài “Kế hoạch hành động, chỉ số và giám sát kết quả” (minh họa). Bài học chưa cho số liệu nền của các chỉ số nhiên liệu, nên các ô đó để trống: nhóm đo trong tuần đầu.',
	landscape: true,
	headers: [...planColumns, ...monitorColumns].map((c) => c.header),
	widths: planColumns.map((c) => c.width),

	sheet(s, example) {
		sheetHeading(s, this, example);
		s.text(PLAN_TOP - 1, 1, 13, '1. Kế hoạch hành động (nhiệm vụ 14)', 'section');
		const planRows = s.table(PLAN_TOP, planColumns, example ? PLAN_EXAMPLE : [], PLAN_ROWS);
		const total = planRows.last + 1;
		s.text(total, 1, 5, 'Tổng kinh phí đã lượng hóa (triệu đồng)', 'strong');
		s.formula(total, 6, `SUM(F${planRows.first}:F${planRows.last})`, DECIMAL, true);
		let r = total + 2;
		s.pageBreakAfter(r - 1);
		s.text(r++, 1, 13, '2. Nhật ký giám sát một chỉ số (nhiệm vụ 16)', 'section');
		const at: string[] = [];
		MONITOR_PARAMS.forEach(([label, value, fmt]) => {
			s.field(r, label, [2, 3], [5, 6], example ? value : null, { numFmt: fmt });
			at.push(`$E$${r}`);
			r++;
		});
		r++;
		const base = at[1].replace('$E$', '');
		const columns = monitorColumns.map((c, i) => ({
			...c,
			width: s.widths[i + 1],
			formula:
				c.formula &&
				((row: number, f: number, l: number) => c.formula!(row, f, l).replaceAll('MON_BASE', base))
		}));
		const { first, last } = s.table(r, columns, example ? MONITOR_EXAMPLE : [], 12, 2);
		const sum = last + 1;
		s.text(sum, 2, 2, 'Cả kỳ', 'strong');
		s.formula(sum, 3, `IF(COUNT(C${first}:C${last})=0,"",SUM(C${first}:C${last}))`, DECIMAL, true);
		s.formula(sum, 4, `IF(COUNT(D${first}:D${last})=0,"",SUM(D${first}:D${last}))`, VND, true);
		s.formula(sum, 5, `IF(OR(C${sum}="",D${sum}=""),"",D${sum}/C${sum})`, ONE_DECIMAL, true);
		s.formula(
			sum,
			6,
			`IF(OR(E${sum}="",${at[1]}=0),"",(E${sum}-${at[1]})/${at[1]})`,
			PERCENT,
			true
		);
		s.text(
			sum + 1,
			2,
			4,
			'Tiết kiệm năm (đồng) = (nền − chỉ số cả kỳ) × sản lượng năm × đơn giá',
			'strong'
		);
		s.formula(sum + 1, 5, `IF(E${sum}="","",(${at[1]}-E${sum})*${at[2]}*${at[3]})`, VND, true);
		s.ws.mergeCells(sum + 1, 5, sum + 1, 6);
		if (example)
			s.text(
				sum + 3,
				1,
				13,
				'Tháng 3 có sản lượng thấp nên chỉ số tăng lên 23,0: một phần nước (vệ sinh cuối ca, làm mát) gần như cố định mỗi ngày. Giải thích điều này với lãnh đạo trước khi ai đó kết luận giải pháp “hết tác dụng”, và dùng chỉ số cả kỳ (tổng chia tổng).',
				'note'
			);
	},

	form(doc) {
		formHeading(doc, this);
		const planCols = pdfColumns(planColumns);
		doc.table(planCols.columns, [], {
			subheaders: planCols.subheaders,
			blankRows: 8,
			blankHeight: 30,
			size: 8,
			title: '1. Kế hoạch hành động'
		});
		doc.newPage();
		doc.heading('2. Nhật ký giám sát một chỉ số', 3);
		doc.fields(['Chỉ số:', 'Số liệu nền:', 'Sản lượng năm:', 'Đơn giá:']);
		const mon = pdfColumns(
			monitorColumns.map((c, i) => ({ ...c, width: [12, 14, 18, 14, 14, 40][i] }))
		);
		doc.table(mon.columns, [], { subheaders: mon.subheaders, blankRows: 12, blankHeight: 22 });
		doc.fields([
			'Chỉ số cả kỳ = tổng (3) ÷ tổng (2):',
			'Tiết kiệm năm = (nền − chỉ số cả kỳ) × sản lượng năm × đơn giá:'
		]);
	}
};
