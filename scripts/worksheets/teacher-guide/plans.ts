/**
 * The lesson plans of the vocational module, keyed by lesson slug. Each plan's steps must add up to
 * the lesson's `minutes:` (the generator refuses otherwise), so the guide and the course agree.
 */

export interface Step {
	minutes: number;
	teacher: string;
	students: string;
}

export interface LessonPlan {
	prepare: string[];
	steps: Step[];
	notes: string[];
}

export const PLANS: Record<string, LessonPlan> = {
	'tai-nguyen-va-moi-truong': {
		prepare: [
			'Một hóa đơn tiền điện và một hóa đơn tiền nước thật (của trường hoặc của gia đình, che thông tin cá nhân).',
			'Bảng hoặc giấy khổ lớn để vẽ sơ đồ đầu vào → sản xuất → sản phẩm và chất thải.'
		],
		steps: [
			{
				minutes: 5,
				teacher:
					'Cho cả lớp xem hóa đơn: bao nhiêu kWh, bao nhiêu m³ trong một tháng, trả bao nhiêu tiền. Hỏi: thiết bị nào trong nhà dùng nhiều điện nhất?',
				students: 'Đoán, trả lời; ghi hai con số của hóa đơn vào sổ.'
			},
			{
				minutes: 10,
				teacher:
					'Giới thiệu ngắn “vùng đất sống nhờ nước” (hạn mặn mùa khô) và hai ngành dừa, thủy sản của tỉnh, nêu số liệu kèm năm như trong bài.',
				students:
					'Đọc hai mục đầu của bài trên nền tảng; mỗi em ghi một điều mới biết về tỉnh mình.'
			},
			{
				minutes: 10,
				teacher:
					'Vẽ mẫu trên bảng sơ đồ đầu vào → sản xuất → sản phẩm + chất thải cho một việc quen thuộc ở xưởng (ví dụ tiện một chi tiết).',
				students: 'Làm theo cặp: vẽ sơ đồ cho một việc trong nghề mình (mục “Thử làm”, việc 3).'
			},
			{
				minutes: 5,
				teacher:
					'Dẫn ý “mất tiền hai lần”: phần thành chất thải là phần đã mua mà không bán được, rồi còn tốn tiền xử lý.',
				students: 'Chỉ ra trên sơ đồ của mình hai lần mất tiền đó.'
			},
			{
				minutes: 5,
				teacher:
					'Nói ai lo việc này hôm nay (các sở sau sắp xếp năm 2025, như bài nêu) và giao việc về nhà: theo dấu một trái dừa, đọc hóa đơn ở nhà.',
				students: 'Ghi việc về nhà; hỏi lại chỗ chưa rõ.'
			}
		],
		notes: [
			'Số liệu về tỉnh luôn đọc kèm năm của nó (ví dụ diện tích dừa năm 2023). Tỉnh Vĩnh Long mới gồm Bến Tre, Trà Vinh và Vĩnh Long cũ từ ngày 1/7/2025; chỉ thị năm 2010 là chuyện của tỉnh Bến Tre cũ, nên kể như lịch sử.'
		]
	},
	'y-tuong-sxsh-va-tam-ky-thuat': {
		prepare: [
			'Bộ thẻ: 8 thẻ tên kỹ thuật (đúng tên và thứ tự trong bài) và 12–16 thẻ tình huống lấy từ các xưởng của trường.',
			'Một thẻ tình huống “giao dầu nhớt thải cho đơn vị thu gom có giấy phép” để thảo luận.'
		],
		steps: [
			{
				minutes: 5,
				teacher:
					'Nêu tình huống: nước thải của xưởng bẩn. Hai cách: xây bể xử lý lớn hơn, hoặc làm sao cho bớt bẩn ngay từ đầu. Cách nào là sản xuất sạch hơn?',
				students: 'Chọn, giải thích bằng lời của mình.'
			},
			{
				minutes: 10,
				teacher:
					'Giải thích định nghĩa của UNEP (phòng ngừa, liên tục, cho quá trình, sản phẩm, dịch vụ) và hai khái niệm họ hàng: phòng ngừa ô nhiễm; hiệu quả sinh thái = giá trị tạo ra ÷ tác động môi trường. Lưu ý: “m³ nước/tấn sản phẩm” là định mức tiêu hao, không phải hiệu quả sinh thái.',
				students: 'Nghe, ghi; mỗi em nêu một ví dụ phòng ngừa trong nghề mình.'
			},
			{
				minutes: 15,
				teacher:
					'Đi qua tám kỹ thuật bằng bảng trong bài, mỗi kỹ thuật một ví dụ theo nghề; phát bộ thẻ.',
				students:
					'Theo nhóm 4: xếp thẻ tình huống vào đúng kỹ thuật; nhóm nào xong trước giải thích cho cả lớp.'
			},
			{
				minutes: 5,
				teacher:
					'Chữa mục “Thử làm”: nhấn mạnh giao dầu nhớt thải cho đơn vị có giấy phép là nghĩa vụ theo luật về chất thải nguy hại, chưa phải một kỹ thuật sản xuất sạch hơn.',
				students: 'Tự chấm năm câu của mình, sửa chỗ sai.'
			},
			{
				minutes: 5,
				teacher:
					'Tóm tắt; giao bài tập vận dụng (năm ý tưởng cho xưởng, mỗi ý tưởng gắn một kỹ thuật) và bài kiểm tra nhanh phần 1.',
				students: 'Ghi việc cần làm.'
			}
		],
		notes: [
			'Nhiều giải pháp nằm giữa hai kỹ thuật: chấp nhận mọi cách xếp có lý do, miễn là học sinh gọi đúng tên tám kỹ thuật.'
		]
	},
	'sxsh-trong-nghe-cua-ban': {
		prepare: [
			'Ba đến bốn ảnh chụp lãng phí thật trong các xưởng của trường (vòi rò, máy chạy không tải, phoi lẫn giẻ, vải vụn…).',
			'Bảng kiểm “thói quen 5 phút cuối buổi” in sẵn, dán ở cửa xưởng.'
		],
		steps: [
			{
				minutes: 5,
				teacher: 'Chiếu ảnh lãng phí trong trường; hỏi: cái gì đang mất, ai trả tiền?',
				students: 'Gọi tên thứ bị lãng phí trong từng ảnh.'
			},
			{
				minutes: 15,
				teacher: 'Chia nhóm theo nghề (cơ khí, điện – điện lạnh, chế biến thực phẩm, may).',
				students:
					'Mỗi nhóm đọc phần nghề mình, chọn ba chỗ lãng phí, ghi cách làm tốt hơn và tên kỹ thuật.'
			},
			{
				minutes: 10,
				teacher: 'Điều phối chia sẻ chéo: mỗi nhóm nghề 2 phút.',
				students: 'Trình bày; nhóm khác hỏi “thuộc kỹ thuật nào?”.'
			},
			{
				minutes: 5,
				teacher:
					'Nhấn mạnh: an toàn luôn đi trước; máy chạy không tải vẫn lấy khoảng 20–40% công suất định mức (tùy máy); dầu thải, giẻ dính dầu là chất thải nguy hại, để riêng và giao đơn vị có giấy phép.',
				students: 'Ghi ba điều cần nhớ.'
			},
			{
				minutes: 5,
				teacher: 'Phát bảng kiểm 5 phút cuối buổi; giao việc “Thử làm” cho buổi thực hành tới.',
				students: 'Nhận việc; chọn người nhắc bảng kiểm trong tổ.'
			}
		],
		notes: [
			'Lớp chỉ có một nghề: dùng cả bốn phần nhưng cho mỗi nhóm tìm ví dụ trong xưởng của chính nghề đó.'
		]
	},
	'danh-gia-nhanh-xuong-thuc-hanh': {
		prepare: [
			'Dụng cụ đo cho mỗi nhóm: ca đong hoặc xô có vạch, điện thoại bấm giờ, sổ, thước dây; cân nếu có.',
			'Nếu trường có: một ổ cắm đo điện năng và một ampe kìm đo được công suất (W), kèm bộ tách dây để kẹp một dây dẫn đơn; giáo viên thử trước ở nhà xưởng.',
			'Phiếu ghi số đo và bảng xếp loại ba cột in sẵn; lịch buổi thực hành đã thống nhất với giáo viên phụ trách xưởng.'
		],
		steps: [
			{
				minutes: 10,
				teacher:
					'Nêu mục tiêu: tập nhìn – đo – ghi – hỏi tại sao – đề xuất. So sáu bước ở nhà máy với phiên bản thu nhỏ. Chia nhóm 3–5 em, phân vai: người đo, người ghi, người chụp ảnh, người hỏi.',
				students: 'Nhận nhóm, nhận vai.'
			},
			{
				minutes: 15,
				teacher:
					'Làm mẫu ngay trong lớp: đo lưu lượng một vòi bằng ca đong và đồng hồ bấm giờ; đọc đồng hồ nước; cách ổ cắm đo điện năng cho số kW của một máy cắm điện. Nhắc: điện năng = công suất đo được × số giờ; không lấy công suất trên nhãn nhân số giờ cho máy chạy không tải.',
				students: 'Mỗi nhóm tự đo lại một lần; quy đổi lít/phút ra lít/ngày.'
			},
			{
				minutes: 10,
				teacher:
					'Đọc to các quy tắc an toàn của buổi thực hành (mục an toàn của hướng dẫn này); nói rõ ai được làm gì.',
				students: 'Nhắc lại quy tắc; ký tên vào phiếu an toàn của nhóm.'
			},
			{
				minutes: 10,
				teacher:
					'Đi qua bảng ví dụ và mục “Khi số vào và số ra không khớp”: phần chênh lệch ghi là chênh lệch, không nhân với giá nước; số ra lớn hơn số vào chưa chắc là đo sai (nước mưa, bồn chứa, nước đá tan).',
				students: 'Trả lời hai câu hỏi tình huống giáo viên đưa ra.'
			},
			{
				minutes: 10,
				teacher:
					'Hướng dẫn hỏi “tại sao” đến gốc và xếp ý tưởng vào ba cột; giới thiệu mẫu báo cáo một trang.',
				students: 'Làm thử với một vấn đề mẫu (đèn góc kho).'
			},
			{
				minutes: 5,
				teacher:
					'Giao bài tập vận dụng, phát rubric đánh giá nhanh, chốt lịch buổi thực hành và buổi trình bày.',
				students: 'Ghi lịch, đọc rubric, hỏi lại.'
			}
		],
		notes: [
			'Bài học trên lớp chưa phải là buổi đo. Buổi thực hành tại xưởng tổ chức riêng (xem mục “Buổi thực hành đánh giá nhanh”), tốt nhất trong tuần đó, khi các em còn nhớ cách đo.'
		]
	},
	'xanh-hoa-truong-nghe': {
		prepare: [
			'Số điện, số nước hằng tháng của trường trong năm gần nhất (hỏi phòng quản trị), nếu có.',
			'Bảng kế hoạch dự án xanh (bảy mục của bài) in cho mỗi nhóm; rubric dự án trường xanh.'
		],
		steps: [
			{
				minutes: 5,
				teacher:
					'Nêu tình huống: một trường dạy tiết kiệm điện mà đèn xưởng sáng suốt đêm. Học sinh có tin bài học không?',
				students: 'Thảo luận nhanh, nêu ví dụ thật trong trường.'
			},
			{
				minutes: 10,
				teacher: 'Giải thích cách tiếp cận toàn trường và năm mảng việc.',
				students: 'Theo cặp: mỗi mảng việc tìm một việc học sinh làm được ở trường mình.'
			},
			{
				minutes: 5,
				teacher:
					'Điểm nhanh những việc cụ thể trong khuôn viên và ý tưởng câu lạc bộ xanh; nếu có, cho xem số điện, số nước của trường.',
				students: 'Ghi một việc muốn làm ngay.'
			},
			{
				minutes: 10,
				teacher: 'Hướng dẫn lập kế hoạch dự án xanh nhỏ theo bảy mục; đi từng nhóm góp ý.',
				students: 'Chọn một vấn đề, điền bảng kế hoạch, ghi số liệu hiện tại cần đo.'
			},
			{
				minutes: 5,
				teacher: 'Giao dự án: mốc nộp kế hoạch, mốc đo lại kết quả; phát rubric dự án trường xanh.',
				students: 'Phân công trong nhóm; ghi mốc thời gian.'
			}
		],
		notes: [
			'Dự án cần người có thẩm quyền đồng ý (tổ điện, quản lý ký túc xá, ban giám hiệu). Giáo viên chủ nhiệm giúp học sinh hẹn gặp, không làm thay.'
		]
	},
	'tinh-tien-tiet-kiem-va-hoan-von': {
		prepare: [
			'Máy tính cầm tay hoặc điện thoại; đơn giá điện, nước trên hóa đơn thật của trường.',
			'Bảng số đo của các nhóm từ buổi đánh giá nhanh và kế hoạch dự án xanh.'
		],
		steps: [
			{
				minutes: 5,
				teacher: 'Hỏi câu người quản lý nào cũng hỏi: “Bỏ ra bao nhiêu, bao lâu thì lấy lại?”',
				students: 'Đoán thời gian hoàn vốn của việc thay một vòi nước.'
			},
			{
				minutes: 10,
				teacher:
					'Giới thiệu công thức hoàn vốn giản đơn và bốn bước; làm mẫu bài tập 1 (vòi nhỏ giọt) trên bảng.',
				students: 'Tính theo, kiểm tra bằng máy tính hoàn vốn trong bài.'
			},
			{
				minutes: 10,
				teacher: 'Giao bài tập 2 (đèn LED); gợi ý đổi giả định số giờ sáng đèn.',
				students: 'Tự tính theo cặp; so kết quả khi đèn sáng 5 giờ mỗi ngày.'
			},
			{
				minutes: 10,
				teacher:
					'Bài tập 3 (máy nén khí quên tắt cuối tuần): ước lượng khoảng 30% công suất định mức, ghi rõ là ước lượng; so với con số phóng đại khi lấy nguyên công suất trên nhãn.',
				students:
					'Tính hai cách, giải thích vì sao cách lấy nguyên công suất nhãn làm mất lòng tin.'
			},
			{
				minutes: 10,
				teacher:
					'So sánh và xếp hạng ba ý tưởng: tiền tiết kiệm mỗi năm, hoàn vốn, độ chắc chắn của số liệu, an toàn. Nhắc: phần chênh lệch chưa rõ nguyên nhân không tính thành tiền tiết kiệm.',
				students: 'Xếp hạng, viết ba câu giải thích thứ tự.'
			},
			{
				minutes: 5,
				teacher:
					'Giao bài tập vận dụng (ba ý tưởng, đề xuất một trang), bài kiểm tra nhanh phần 3; hẹn lịch bài kiểm tra cuối mô-đun.',
				students: 'Ghi việc cần làm.'
			}
		],
		notes: [
			'Các số trong bài tập là giả định để luyện tập. Khi học sinh tính cho trường, dùng đơn giá trên hóa đơn thật và ghi rõ số nào đo, số nào ước lượng.'
		]
	}
};
