/** Phiếu 05: the list of CP opportunities, their technique, and the screening into three groups (tasks 8–9). */
import { formHeading, pdfColumns, sheetHeading } from '../common';
import { SCREENING, TECHNIQUES, type Column, type Row, type Worksheet } from '../model';

const TABLE_TOP = 8;
const ROWS = 16;
const COSTS = ['Không tốn tiền', 'Thấp', 'Cần đầu tư'];

const columns: Column[] = [
	{ header: 'STT', width: 5, kind: 'number' },
	{ header: 'Cơ hội SXSH (việc cụ thể)', width: 32, kind: 'input' },
	{ header: 'Nguyên nhân, dòng thải mà cơ hội xử lý', width: 24, kind: 'input' },
	{ header: 'Kỹ thuật (một trong tám)', width: 22, kind: 'input', list: [...TECHNIQUES] },
	{ header: 'Mức chi phí', width: 12, kind: 'input', list: COSTS },
	{ header: 'Nhóm sàng lọc', width: 14, kind: 'input', list: [...SCREENING] },
	{ header: 'Lý do (bắt buộc khi loại bỏ)', width: 34, kind: 'input' },
	{ header: 'Người theo dõi', width: 13, kind: 'input' },
	{
		header: 'Kiểm tra',
		width: 14,
		kind: 'formula',
		rule: 'tự nhắc',
		formula: (r) =>
			`IF(B${r}="","",IF(F${r}="","Chưa xếp nhóm",IF(AND(F${r}="Loại bỏ",G${r}=""),"Ghi lý do loại bỏ",IF(D${r}="","Chọn kỹ thuật",""))))`
	}
];

const EXAMPLE: Row[] = [
	[
		null,
		'Sửa các chỗ rò hơi, thay bẫy hơi hỏng',
		'Rò hơi ở mặt bích, van; bẫy hơi hỏng',
		'Quản lý nội vi',
		'Thấp',
		'Thực hiện ngay',
		'Chi phí thấp, thợ cơ điện của cơ sở tự làm được',
		'Tổ cơ điện'
	],
	[
		null,
		'Che mưa và phơi gáo dừa cho khô trước khi đốt',
		'Nhiên liệu ẩm, cháy không hết',
		'Thay đổi nguyên liệu đầu vào',
		'Thấp',
		'Thực hiện ngay',
		'Chỉ cần sắp xếp lại kho nhiên liệu',
		'Quản đốc'
	],
	[
		null,
		'Điều chỉnh cấp gió lò hơi theo màu khói, ghi nhật ký vận hành',
		'Không khí thừa hoặc thiếu; vận hành không được theo dõi',
		'Kiểm soát quá trình tốt hơn',
		'Không tốn tiền',
		'Thực hiện ngay',
		'Không tốn tiền; cần hướng dẫn người đốt lò',
		'Trưởng nhóm SXSH'
	],
	[
		null,
		'Bảo ôn đường ống hơi và nồi chần',
		'Tổn thất nhiệt qua bề mặt ống, nồi chưa bảo ôn',
		'Cải tiến thiết bị',
		'Thấp',
		'Thực hiện ngay',
		'Vật tư rẻ, lắp trong ngày nghỉ',
		'Tổ cơ điện'
	],
	[
		null,
		'Thu hồi nước ngưng về bể nước cấp lò hơi',
		'Nước ngưng nóng bị xả bỏ',
		'Thu hồi và tái sử dụng tại chỗ',
		'Cần đầu tư',
		'Nghiên cứu thêm',
		'Cần đầu tư đường ống, bể; cần kiểm tra nước ngưng có bị nhiễm bẩn không',
		'Cán bộ kỹ thuật'
	],
	[
		null,
		'Tận dụng nhiệt khói thải để gia nhiệt không khí sấy',
		'Tổn thất nhiệt theo khói thải',
		'Thu hồi và tái sử dụng tại chỗ',
		'Cần đầu tư',
		'Nghiên cứu thêm',
		'Cần thiết kế bộ trao đổi nhiệt, tính hiệu quả',
		null
	],
	[
		null,
		'Thay lò hơi cũ bằng lò hiệu suất cao',
		'Lò cũ, hiệu suất thấp',
		'Thay đổi công nghệ',
		'Cần đầu tư',
		'Nghiên cứu thêm',
		'Vốn lớn; cần so sánh với phương án cải tạo lò cũ',
		null
	],
	[
		null,
		'Chuyển lò hơi sang đốt dầu cho “sạch”',
		'Khói lò đốt sinh khối',
		'Thay đổi nguyên liệu đầu vào',
		'Cần đầu tư',
		'Loại bỏ',
		'Tăng chi phí nhiên liệu; bỏ nguồn nhiên liệu tại chỗ; thay nhiên liệu sinh khối bằng nhiên liệu hóa thạch',
		null
	]
];

export const options: Worksheet = {
	file: '05-danh-sach-va-sang-loc-giai-phap',
	title: 'Danh sách và sàng lọc các cơ hội SXSH',
	tasks: 'Bước 3, nhiệm vụ 8 và 9',
	lesson: 'Phát triển và sàng lọc các giải pháp SXSH',
	purpose:
		'Ghi mọi cơ hội nêu ra trong buổi động não, gắn mỗi cơ hội với nguyên nhân và dòng thải mà nó xử lý và với ' +
		'một trong tám kỹ thuật SXSH, rồi xếp vào ba nhóm: thực hiện ngay, nghiên cứu thêm, loại bỏ (có lý do).',
	steps: [
		'Đi lần lượt theo từng nguyên nhân đã kiểm chứng ở bước 2; ghi mọi ý kiến, không phê phán khi đang nêu ý tưởng. Để nhóm của cơ sở nói trước, tư vấn viên bổ sung sau.',
		`Với mỗi nguyên nhân quan trọng, đi qua cả tám kỹ thuật: ${TECHNIQUES.map((t, i) => `${i + 1} ${t}`).join('; ')}.`,
		'Sàng lọc: có làm được với công nghệ và tay nghề hiện có không? Chi phí khoảng bao nhiêu? Có ảnh hưởng chất lượng, an toàn thực phẩm, an toàn lao động không? Ai có quyền quyết định? Có chuyển chất thải sang chỗ khác không?',
		'Thực hiện ngay: rõ ràng khả thi, chi phí thấp hoặc bằng không, trong tầm quyết định của quản đốc. Nghiên cứu thêm: cần đầu tư, số liệu, thử nghiệm (chuyển sang phiếu 06). Loại bỏ: không khả thi, quá đắt so với lợi ích, trái quy định hoặc chuyển ô nhiễm sang nơi khác.',
		'Ghi lý do cho mọi cơ hội bị loại: ở vòng đánh giá sau, khi giá hay công nghệ thay đổi, nhóm sẽ xem lại. Việc tuân thủ pháp luật (ví dụ giao dầu thải cho đơn vị thu gom có giấy phép) là bắt buộc, không phải một cơ hội SXSH.'
	],
	exampleSource:
		'Bài tập sàng lọc cơ hội cho trọng tâm “chần, sấy và lò hơi” của cơ sở cơm dừa nạo sấy trong bài “Phát triển và sàng lọc các giải pháp SXSH” (minh họa); cột nguyên nhân và người theo dõi được điền thêm theo các bài của khóa học.',
	landscape: true,
	headers: columns.slice(0, -1).map((c) => c.header),
	widths: columns.map((c) => c.width),

	sheet(s, example) {
		sheetHeading(s, this, example);
		s.text(TABLE_TOP - 1, 1, 9, '1. Danh sách cơ hội và kết quả sàng lọc', 'section');
		const { first, last } = s.table(TABLE_TOP, columns, example ? EXAMPLE : [], ROWS);
		let r = last + 2;
		s.text(r++, 1, 9, '2. Tổng hợp', 'section');
		s.text(r, 2, 2, 'Nhóm sàng lọc', 'header');
		s.text(r, 3, 3, 'Số cơ hội', 'header');
		s.text(r, 4, 4, 'Kỹ thuật', 'header');
		s.text(r, 5, 5, 'Số cơ hội', 'header');
		r++;
		const groups = [...SCREENING, 'Chưa xếp nhóm'];
		TECHNIQUES.forEach((t, k) => {
			const row = r + k;
			if (k < groups.length) {
				s.fixed(row, 2, groups[k]);
				s.formula(
					row,
					3,
					k < SCREENING.length
						? `COUNTIF(F${first}:F${last},"${groups[k]}")`
						: `COUNTIF(I${first}:I${last},"Chưa xếp nhóm")`,
					undefined,
					true
				);
			}
			s.fixed(row, 4, `${k + 1}. ${t}`);
			s.formula(row, 5, `COUNTIF(D${first}:D${last},"${t}")`);
		});
	},

	form(doc) {
		formHeading(doc, this);
		doc.paragraph(
			`**Tám kỹ thuật:** ${TECHNIQUES.map((t, i) => `(${i + 1}) ${t}`).join(' · ')}. **Nhóm sàng lọc:** ${SCREENING.join(' · ')}.`,
			{ size: 9 }
		);
		const { columns: cols, subheaders } = pdfColumns(columns.slice(0, -1));
		doc.table(cols, [], { subheaders, blankRows: 14, blankHeight: 26 });
		doc.fields(['Số cơ hội thực hiện ngay:', 'Nghiên cứu thêm:', 'Loại bỏ:']);
	}
};
