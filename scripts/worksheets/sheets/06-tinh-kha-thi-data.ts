/** Phiếu 06's fixed content: the checklists, the economic inputs and the worked example's answers. */
import { DECIMAL, PERCENT } from '../model';

/** Years of the cash-flow table: an option's life n may be anything from 1 to this. */
export const YEARS = 15;

export const FLOW_HEADERS = [
	'Năm',
	'Dòng tiền trước thuế',
	'Khấu hao',
	'Thuế TNDN tăng thêm',
	'Dòng tiền sau thuế',
	'Hệ số chiết khấu',
	'Giá trị hiện tại (sau thuế)',
	'Lũy kế giá trị hiện tại',
	'Dòng tiền sau thuế, kịch bản xấu'
];

export const FLOW_RULES = [
	'',
	'−I₀ ở năm 0; S đến năm n',
	'= I₀ ÷ n',
	'= t × [(2) − (3)]',
	'= (2) − (4)',
	'= 1 ÷ (1 + r)^năm',
	'= (5) × (6)',
	'cộng dồn (7)',
	'như (5), với S giảm'
];

export const ANSWERS = ['Đạt', 'Chưa đạt', 'Cần kiểm tra', 'Không áp dụng'];

export const TECHNICAL: [string, string, string][] = [
	[
		'Thiết bị, vật tư có sẵn trên thị trường; nhà cung cấp hỗ trợ kỹ thuật, phụ tùng',
		'Đạt',
		'Ống, bể, bơm nước ngưng thông dụng; cần nhà thầu lắp đặt'
	],
	[
		'Đủ mặt bằng, điện, nước, hơi, khí nén cho thiết bị mới',
		'Cần kiểm tra',
		'Chọn vị trí bể thu hồi gần lò hơi'
	],
	['Tương thích với dây chuyền, không làm chậm nhịp sản xuất', 'Đạt', ''],
	[
		'Chất lượng sản phẩm, an toàn thực phẩm không bị ảnh hưởng; đã hỏi khách hàng nếu cần họ chấp thuận',
		'Cần kiểm tra',
		'Kiểm tra nước ngưng có bị nhiễm bẩn không trước khi đưa về lò'
	],
	['Công nhân đủ tay nghề, hoặc đã rõ cần đào tạo gì', 'Đạt', 'Hướng dẫn người vận hành lò hơi'],
	[
		'Thời gian dừng sản xuất để lắp đặt chấp nhận được (làm vào mùa thấp điểm, ngày nghỉ)',
		'Cần kiểm tra',
		''
	],
	[
		'Không tạo rủi ro an toàn lao động, cháy nổ mới, hoặc đã có biện pháp phòng ngừa',
		'Cần kiểm tra',
		'Đường ống nước ngưng nóng: bảo ôn, che chắn'
	]
];

export const INPUTS: [string, number, string | undefined, string][] = [
	[
		'Vốn đầu tư ban đầu I₀ (triệu đồng)',
		300,
		DECIMAL,
		'Thiết bị, vận chuyển, lắp đặt, thiết kế, đào tạo, chạy thử, thiệt hại do dừng sản xuất'
	],
	[
		'Lợi ích ròng hằng năm S (triệu đồng)',
		90,
		DECIMAL,
		'Tiết kiệm đo được ở bước 2 + thu từ sản phẩm phụ − chi phí vận hành tăng thêm'
	],
	['Đời dự án n (năm, 1–15)', 5, undefined, 'Không tính giá trị thu hồi cuối đời dự án'],
	[
		'Suất chiết khấu r',
		0.12,
		PERCENT,
		'Lãi suất vay của cơ sở hoặc mức lợi nhuận tối thiểu chủ đầu tư chấp nhận'
	],
	[
		'Thuế suất thuế TNDN t',
		0.2,
		PERCENT,
		'Khấu hao đều I₀ ÷ n; cơ sở có ưu đãi thuế thì kế toán điều chỉnh'
	],
	[
		'Kịch bản xấu: lợi ích thấp hơn ước tính',
		0.1,
		PERCENT,
		'Thử ít nhất một kịch bản xấu trước khi trình lãnh đạo'
	]
];

export const ENVIRONMENT: [string, string][] = [
	['Nước', 'm³/tấn'],
	['Điện', 'kWh/tấn'],
	['Nhiên liệu', 'kg/tấn'],
	['Nguyên liệu', 'tấn/tấn'],
	['Nước thải', 'm³/tấn'],
	['Tải lượng COD', 'kg/tấn'],
	['Chất thải rắn', 'kg/tấn']
];

export const ENV_QUESTIONS: [string, string, string][] = [
	[
		'Không chuyển ô nhiễm sang môi trường khác (từ nước sang chất thải rắn, khí), hoặc đã có nơi tiêu thụ, xử lý phần chuyển sang',
		'Đạt',
		'Bớt nhiên liệu đốt nên bớt khói, tro'
	],
	['Không dùng thêm hóa chất độc hại, không tạo chất thải nguy hại mới', 'Đạt', ''],
	[
		'Giúp đạt quy chuẩn đang bị vượt, nếu có (nước thải công nghiệp: QCVN 40:2025/BTNMT)',
		'Không áp dụng',
		'Giải pháp không nhằm vào nước thải'
	],
	[
		'Không làm xấu điều kiện làm việc (nhiệt, bụi, tiếng ồn, khói)',
		'Đạt',
		'Bảo ôn kèm theo làm giảm nhiệt tỏa ra xưởng'
	]
];

export const DECISIONS: string[][] = [
	[
		'Bảo ôn đường ống hơi và nồi chần',
		'Khả thi, tự làm',
		'Hoàn vốn dưới 1 năm (ước tính)',
		'Giảm nhiên liệu, giảm khói',
		'Thực hiện, ưu tiên 1'
	],
	[
		'Thu hồi nước ngưng',
		'Khả thi, cần nhà thầu',
		'Hoàn vốn 3,3 năm; NPV sau thuế dương nhưng âm trong kịch bản xấu; IRR sau thuế ≈ 12,4%',
		'Giảm nhiên liệu và nước cấp',
		'Thực hiện sau khi đo lại lượng nước ngưng'
	],
	[
		'Thay lò hơi mới',
		'Khả thi',
		'Chưa đạt yêu cầu với giá nhiên liệu hiện nay',
		'Tốt',
		'Để lại cho vòng đánh giá sau'
	]
];
