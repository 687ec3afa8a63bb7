/** The teacher's guide's fixed text: the workshop session, its safety rules and the two rubrics. */

export interface Criterion {
	name: string;
	points: number;
	/** What the work looks like at each level: chưa đạt, đạt, khá, tốt. */
	levels: [string, string, string, string];
}

export const LEVELS = ['Chưa đạt', 'Đạt', 'Khá', 'Tốt'] as const;

/** Points of each level for a criterion worth `max`: about 0–39%, 40–64%, 65–84%, 85–100%. */
export function levelRanges(max: number): string[] {
	const b = [0.4, 0.65, 0.85].map((f) => Math.ceil(f * max));
	const range = (a: number, z: number) => (a === z ? `${a}` : `${a}–${z}`);
	return [range(0, b[0] - 1), range(b[0], b[1] - 1), range(b[1], b[2] - 1), range(b[2], max)];
}

/** The workshop walk-through itself, outside the lesson's 60 minutes in class. */
export const SESSION: { minutes: number; what: string; who: string }[] = [
	{
		minutes: 10,
		what: 'Tập trung ở cửa xưởng: kiểm tra đồ bảo hộ, nhắc quy tắc an toàn, giáo viên phụ trách xưởng chỉ khu vực được đi, máy nào đang chạy, chỗ nào nóng.',
		who: 'Giáo viên phụ trách xưởng, giáo viên bộ môn'
	},
	{
		minutes: 15,
		what: 'Bước 1–2: chọn phạm vi, liệt kê công việc, vẽ sơ đồ dòng nháp ngay tại xưởng.',
		who: 'Các nhóm'
	},
	{
		minutes: 45,
		what: 'Bước 3: đo trong lúc xưởng chạy bình thường: lưu lượng vòi, số đồng hồ nước, giờ máy chạy có tải và không tải, đèn thừa, tiếng xì khí nén, phế liệu. Giáo viên đo điện máy chạy không tải cho các nhóm.',
		who: 'Các nhóm; giáo viên làm phần đo điện'
	},
	{
		minutes: 10,
		what: 'Đọc đồng hồ nước lúc giờ nghỉ (không ai dùng nước); đánh dấu các chỗ xì khí nén nghe được khi máy nghỉ.',
		who: 'Người đo, người ghi'
	},
	{
		minutes: 25,
		what: 'Bước 4: ghi bảng số đo, quy đổi ra ngày, tuần; so số đồng hồ với tổng các chỗ dùng, ghi phần chênh lệch là chênh lệch.',
		who: 'Các nhóm; giáo viên đi từng nhóm'
	},
	{
		minutes: 20,
		what: 'Bước 5–6: hỏi “tại sao” đến gốc cho hai vấn đề lớn nhất; xếp ý tưởng vào ba cột.',
		who: 'Các nhóm'
	},
	{
		minutes: 10,
		what: 'Dọn dẹp, trả dụng cụ, giáo viên phụ trách xưởng kiểm tra lại máy móc và khu vực; hẹn buổi trình bày.',
		who: 'Cả lớp'
	}
];

export const SAFETY: { title: string; rules: string[] }[] = [
	{
		title: 'Người lớn có mặt',
		rules: [
			'Giáo viên phụ trách xưởng có mặt suốt buổi và là người quyết định cuối cùng về an toàn; mỗi nhóm luôn trong tầm nhìn của một giáo viên.',
			'Học sinh chỉ vào khu vực giáo viên phụ trách xưởng đã chỉ; không ai ở lại xưởng một mình.'
		]
	},
	{
		title: 'Điện',
		rules: [
			'Không mở tủ điện, hộp đấu dây, nắp máy, nắp ổ cắm, dù để tìm chỗ kẹp ampe kìm. Học sinh không chạm vào dây dẫn, công tắc tủ điện.',
			'Việc đo điện do giáo viên hoặc thợ điện của trường làm; học sinh đứng bên cạnh, đọc và ghi số.',
			'Ampe kìm chỉ đo đúng khi kẹp quanh một dây dẫn đơn; kẹp cả sợi dây nguồn nhiều lõi sẽ cho số gần bằng không. Với máy cắm phích, dùng ổ cắm đo điện năng hoặc bộ tách dây cắm giữa ổ và phích. Máy ba pha đấu cố định (máy nén khí, máy tiện lớn) thì không đo trong buổi học: ghi ước lượng 20–40% công suất định mức, nói rõ là ước lượng, hoặc nhờ thợ điện của trường đo ngoài giờ theo quy trình an toàn điện của trường.',
			'Không đo ở nơi sàn ướt, tay ướt; không dùng dụng cụ đo có vỏ hoặc dây đo hỏng.'
		]
	},
	{
		title: 'Máy đang chạy',
		rules: [
			'Giữ khoảng cách với máy đang quay, băng tải, dao cắt; tóc buộc gọn, không đeo khăn, dây đeo thẻ, găng tay vải gần máy quay.',
			'Không bật, tắt, chỉnh máy để “thử”; muốn quan sát máy chạy không tải thì hỏi người đứng máy.',
			'Bấm giờ, chụp ảnh từ chỗ an toàn; không đứng trong lối đi của xe đẩy, người mang vật nặng.'
		]
	},
	{
		title: 'Bề mặt nóng và hơi',
		rules: [
			'Không chạm vào đường ống hơi, nồi nấu, bàn ủi hơi, mỏ hàn, chi tiết vừa hàn, vỏ máy nén khí; nhiệt độ đánh giá bằng mắt và hỏi người vận hành, không bằng tay.',
			'Chỗ xì hơi, xì khí: nghe và đánh dấu trên sơ đồ, không đưa tay lại gần để “cảm nhận”.'
		]
	},
	{
		title: 'Hóa chất, dầu, sơn',
		rules: [
			'Không mở thùng hóa chất, dung môi, sơn; quan sát nhãn và nắp đậy, chụp ảnh.',
			'Khi cần cân phế liệu dính dầu hay giẻ dính dầu: đeo găng tay chống dầu, không để dính da; giẻ dính dầu là chất thải nguy hại, trả về thùng riêng có nắp.',
			'Khu sơn, khu hóa chất chỉ quan sát từ ngoài khi đang phun sơn hoặc pha hóa chất.'
		]
	},
	{
		title: 'Khi có sự cố',
		rules: [
			'Thấy nguy hiểm (dây điện hở, rò hóa chất, máy kêu lạ): dừng lại, báo ngay giáo viên, không tự xử lý.',
			'Nhóm vi phạm quy tắc an toàn thì dừng đo ngay; phần đo đó làm lại vào buổi khác. An toàn là điều kiện, không phải một tiêu chí để đổi lấy điểm.'
		]
	}
];

export const AUDIT_RUBRIC: Criterion[] = [
	{
		name: 'Sơ đồ dòng',
		points: 15,
		levels: [
			'Thiếu công việc chính, hoặc không ghi đầu vào, đầu ra.',
			'Đủ công việc chính, có đầu vào và đầu ra, còn thiếu điện, nước hoặc dòng vệ sinh cuối buổi.',
			'Đủ công việc, đủ đầu vào và đầu ra, có cả việc vệ sinh cuối buổi.',
			'Như mức Khá, đánh dấu ba chỗ thải nhiều nhất và ghi lượng lên mũi tên.'
		]
	},
	{
		name: 'Bảng số đo',
		points: 25,
		levels: [
			'Dưới năm hạng mục, hoặc không ghi cách đo, đơn vị.',
			'Ít nhất năm hạng mục, có cách đo và đơn vị.',
			'Có thêm ngày giờ, người đo; ghi rõ “số đo” hay “ước lượng”.',
			'Đo hai lần hoặc ở cả giờ chạy và giờ nghỉ; mỗi ước lượng có tỉ lệ và căn cứ.'
		]
	},
	{
		name: 'Quy đổi và điện máy chạy không tải',
		points: 15,
		levels: [
			'Lấy công suất trên nhãn nhân số giờ cho máy chạy không tải, hoặc sai đơn vị (W với kW, lít với m³).',
			'Quy đổi đúng ra ngày, tuần, năm; đổi đơn vị đúng.',
			'Điện không tải lấy từ số đo (ổ cắm đo điện năng, ampe kìm đo công suất) hoặc ước lượng 20–40% công suất định mức, ghi rõ là ước lượng.',
			'Như mức Khá, và nêu con số nào chắc, con số nào cần đo lại.'
		]
	},
	{
		name: 'Đồng hồ tổng và phần chênh lệch',
		points: 10,
		levels: [
			'Tính phần chênh lệch thành tiền như một chỗ rò, hoặc bỏ qua.',
			'Ghi phần chênh lệch đúng là chênh lệch chưa rõ nguyên nhân.',
			'Nêu ít nhất hai nguyên nhân có thể có (rò rỉ, chỗ dùng chưa đo, sai số, nguồn vào không qua đồng hồ, bồn chứa).',
			'Như mức Khá, và đề xuất cách tìm tiếp (đọc đồng hồ giờ nghỉ, đo thêm chỗ dùng).'
		]
	},
	{
		name: 'Nguyên nhân và xếp loại giải pháp',
		points: 20,
		levels: [
			'Giải pháp chung chung (“tiết kiệm điện”), không xếp loại.',
			'Ba cột làm ngay, nghiên cứu thêm, loại bỏ; mỗi ý tưởng có một câu lý do.',
			'Hỏi “tại sao” đến gốc cho ít nhất một vấn đề; gọi đúng kỹ thuật sản xuất sạch hơn.',
			'Giải pháp gắn với số đo; ý tưởng không an toàn bị loại có lý do; phân biệt nghĩa vụ về chất thải nguy hại với giải pháp sản xuất sạch hơn.'
		]
	},
	{
		name: 'An toàn và làm việc nhóm',
		points: 10,
		levels: [
			'Phải nhắc nhiều lần về bảo hộ, khu vực, quy tắc.',
			'Tuân thủ quy tắc, đủ đồ bảo hộ.',
			'Phân vai rõ, mọi thành viên đều tham gia đo và ghi.',
			'Tự nhắc nhau về an toàn, dọn dẹp, trả dụng cụ đúng chỗ.'
		]
	},
	{
		name: 'Trình bày 5 phút',
		points: 5,
		levels: [
			'Quá giờ, không có bằng chứng.',
			'Nêu được chỗ lãng phí lớn nhất.',
			'Có bằng chứng: số đo, ảnh.',
			'Trả lời câu hỏi bằng số liệu của nhóm.'
		]
	}
];

export const PROJECT_RUBRIC: Criterion[] = [
	{
		name: 'Vấn đề và số liệu hiện tại',
		points: 20,
		levels: [
			'Vấn đề chung chung, không có số liệu.',
			'Vấn đề cụ thể trong trường, có ít nhất một số liệu.',
			'Số liệu đếm hoặc đo có ngày giờ, ghi rõ số đo hay ước lượng.',
			'Số liệu nền đủ để so sánh sau này (nhiều ngày, cùng một cách đo).'
		]
	},
	{
		name: 'Giải pháp',
		points: 20,
		levels: [
			'Chỉ là khẩu hiệu, lời nhắc chung.',
			'Giải pháp cụ thể, gọi đúng kỹ thuật hoặc mảng việc của xanh hóa toàn trường.',
			'Có việc không tốn tiền làm trước, việc cần kinh phí làm sau.',
			'Đã cân nhắc an toàn và tác động phụ (không chuyển lãng phí sang chỗ khác).'
		]
	},
	{
		name: 'Kế hoạch',
		points: 15,
		levels: [
			'Thiếu người phụ trách hoặc thời hạn.',
			'Đủ bảy mục của bảng kế hoạch.',
			'Người phụ trách cụ thể; đã hỏi ý kiến người cần đồng ý.',
			'Có mốc kiểm tra giữa chừng và phương án khi chưa được duyệt.'
		]
	},
	{
		name: 'Tiền tiết kiệm và hoàn vốn',
		points: 20,
		levels: [
			'Không tính, hoặc lấy công suất trên nhãn nhân số giờ cho máy chạy không tải, hoặc tính tiền cho phần chênh lệch chưa rõ.',
			'Làm đủ bốn bước với đơn giá trên hóa đơn thật.',
			'Ghi rõ giả định và số nào đo, số nào ước lượng.',
			'Thử một giả định khác (giờ dùng, giá) và nói kết quả đổi ra sao.'
		]
	},
	{
		name: 'Thực hiện và đo kết quả',
		points: 15,
		levels: [
			'Chưa làm, không có cách đo kết quả.',
			'Có cách đo kết quả giống cách đo số liệu nền.',
			'Đã làm thử và có số đo sau.',
			'So sánh trước – sau bằng con số, giải thích chênh lệch so với dự kiến.'
		]
	},
	{
		name: 'Trình bày và làm việc nhóm',
		points: 10,
		levels: [
			'Một người làm hết, trình bày không có số liệu.',
			'Các thành viên đều có phần việc.',
			'Trình bày rõ, có số liệu, ảnh trước – sau.',
			'Thuyết phục được người có thẩm quyền bằng số liệu.'
		]
	}
];
