/** The teacher's guide's running text: schedule, preparation, quiz advice, mistakes, references. */
import type { CourseInfo } from './course';

type Item = { lesson: string } | { text: string; minutes: number };

/** A suggested timetable in five class sessions; lesson minutes come from the course. */
const SESSIONS: Item[][] = [
	[
		{ lesson: 'tai-nguyen-va-moi-truong' },
		{ lesson: 'y-tuong-sxsh-va-tam-ky-thuat' },
		{ text: 'Kiểm tra nhanh phần 1', minutes: 10 }
	],
	[{ lesson: 'sxsh-trong-nghe-cua-ban' }, { lesson: 'danh-gia-nhanh-xuong-thuc-hanh' }],
	[{ text: 'Thực hành đánh giá nhanh tại xưởng', minutes: 135 }],
	[
		{ text: 'Các nhóm trình bày (khoảng 7 phút mỗi nhóm, sáu nhóm)', minutes: 45 },
		{ text: 'Kiểm tra nhanh phần 2', minutes: 10 },
		{ lesson: 'xanh-hoa-truong-nghe' }
	],
	[
		{ lesson: 'tinh-tien-tiet-kiem-va-hoan-von' },
		{ text: 'Kiểm tra nhanh phần 3', minutes: 10 },
		{ text: 'Kiểm tra cuối mô-đun', minutes: 25 }
	]
];

export function schedule(course: CourseInfo): string[][] {
	return SESSIONS.map((items, k) => {
		const parts = items.map((item) => {
			if ('text' in item) return { label: item.text, minutes: item.minutes };
			const lesson = course.lessons.find((l) => l.slug === item.lesson);
			if (!lesson)
				throw new Error(`the guide's timetable names a lesson the course lacks: ${item.lesson}`);
			return { label: `Bài ${lesson.number}. ${lesson.title}`, minutes: lesson.minutes };
		});
		const sum = parts.reduce((a, p) => a + p.minutes, 0);
		return [
			`Buổi ${k + 1}`,
			parts.map((p) => `${p.label} (${p.minutes} phút)`).join('; '),
			`khoảng ${sum} phút`
		];
	});
}

export const BEFORE_TEACHING = [
	'Tạo lớp trên nền tảng (Quản lý lớp › Tạo lớp mới), ghi danh học sinh vào mô-đun và thử mở một bài trên loại điện thoại các em hay dùng.',
	'Đọc trước cả sáu bài và làm thử các bài kiểm tra bằng tài khoản giảng viên: khi xem trước, nền tảng không ghi tiến độ.',
	'Gặp giáo viên phụ trách xưởng: chọn xưởng và buổi thực hành, máy nào được quan sát, dụng cụ đo điện trường có (ổ cắm đo điện năng, ampe kìm đo công suất, bộ tách dây), quy định an toàn riêng của xưởng.',
	'Hỏi phòng quản trị: hóa đơn điện, nước gần nhất (đơn giá thật cho bài 6), vị trí đồng hồ nước của xưởng, số điện, số nước hằng tháng của trường nếu có.',
	'In sẵn: bảng kiểm 5 phút cuối buổi, phiếu ghi số đo, bảng xếp loại ba cột, bảng kế hoạch dự án xanh và hai rubric ở cuối hướng dẫn này.'
];

export function quizAdvice(course: CourseInfo): string[] {
	const all = course.quizzes.reduce<Record<string, number>>((acc, q) => {
		for (const [k, n] of Object.entries(q.kinds)) acc[k] = (acc[k] ?? 0) + n;
		return acc;
	}, {});
	const count = Object.values(all).reduce((a, b) => a + b, 0);
	const applied = (all.scenario ?? 0) + (all.calculation ?? 0);
	const final = course.quizzes.find((q) => !q.after);
	const advice = [
		'**Các bài kiểm tra nhanh** dùng để học, không để lấy điểm: cho làm ngay cuối buổi học tương ứng (khoảng 10 phút) hoặc ở nhà. Học sinh làm lại bao nhiêu lần cũng được và xem lời giải sau mỗi lần.',
		'Sau mỗi bài kiểm tra nhanh, mở **Thống kê bài kiểm tra › Từng câu hỏi** để xem câu nào nhiều em sai. Dành 5 phút đầu buổi sau chữa những câu đó: cho một em đọc lời giải, một em khác giải thích lại bằng lời của mình.',
		`Trong các bài kiểm tra của mô-đun, ${applied} trên ${count} câu là câu tình huống hoặc tính toán: học sinh phải áp dụng, không chỉ nhớ. Khi chữa, hỏi “vì sao chọn như vậy” thay vì đọc đáp án.`
	];
	if (final) {
		const draw =
			final.asked < final.questions
				? `mỗi lần làm rút ngẫu nhiên ${final.asked} câu từ ngân hàng ${final.questions} câu, nên hai em ngồi cạnh nhau gặp những câu khác nhau; `
				: '';
		advice.push(
			`**Bài kiểm tra cuối mô-đun**: ${draw}cần đạt ${final.passMark}%${final.attempts ? `; mỗi học sinh có ${final.attempts} lần làm` : ''}. ${final.review === 'after_last' ? 'Đáp án và lời giải chỉ hiện khi em đã đạt hoặc đã dùng hết số lần làm, để không ai đoán mò qua các lần làm.' : ''}`,
			'Cho làm sau bài 6 và sau buổi trình bày đánh giá nhanh, trên lớp hoặc ở phòng máy, khoảng 25 phút, có máy tính cầm tay cho các câu tính toán. Nền tảng không giới hạn thời gian làm bài.',
			'Em chưa đạt lần đầu: xem câu sai trong thống kê, giao đọc lại bài tương ứng và làm lại bài kiểm tra nhanh của phần đó trước khi dùng lần làm tiếp theo.',
			'Em hoàn thành các bài học và đạt bài kiểm tra cuối mô-đun thì nền tảng cấp **giấy chứng nhận hoàn thành khóa học** (không phải chứng chỉ).'
		);
	}
	advice.push(
		'Nếu trường cần một điểm mô-đun, gợi ý: 30% bài kiểm tra cuối mô-đun, 40% bài đánh giá nhanh (rubric thứ nhất), 30% dự án trường xanh (rubric thứ hai).'
	);
	return advice;
}

export const COMMON_MISTAKES = [
	'**Lấy công suất trên nhãn nhân số giờ cho máy chạy không tải.** Con số phóng đại gấp vài lần. Đo bằng ổ cắm đo điện năng hoặc ampe kìm đo công suất; không đo được thì ước lượng trong khoảng 20–40% công suất định mức và ghi rõ là ước lượng.',
	'**Nhân phần chênh lệch giữa đồng hồ và tổng các chỗ dùng với giá nước, gọi là “tiền rò”.** Phần chênh lệch chưa biết gồm những gì: ghi là chênh lệch, đi tìm tiếp, không tính thành tiền.',
	'**Thấy số ra lớn hơn số vào là kết luận ngay “đo sai”.** Trước hết tìm nguồn vào không qua đồng hồ (nước mưa, bồn chứa đã bơm đầy từ trước, nước đá tan).',
	'**Xếp “giao dầu nhớt thải cho đơn vị có giấy phép” vào một kỹ thuật sản xuất sạch hơn.** Đó là nghĩa vụ theo luật về chất thải nguy hại; giải pháp sản xuất sạch hơn là làm cho dầu thải ít đi.',
	'**Gọi “m³ nước/tấn sản phẩm” là hiệu quả sinh thái.** Đó là định mức tiêu hao; hiệu quả sinh thái là giá trị tạo ra chia cho tác động môi trường.',
	'**Chỉ xếp hạng theo thời gian hoàn vốn.** Xét cả tiền tiết kiệm mỗi năm, độ chắc chắn của số liệu và an toàn; ý tưởng làm xưởng kém an toàn thì loại, dù có lời.',
	'**Nhầm đơn vị:** W với kW, lít với m³, phút với giờ. Cho học sinh viết đơn vị ở mọi bước của phép tính.'
];

export const REFERENCES = [
	'Các bài học và bài kiểm tra của mô-đun “Sản xuất sạch hơn trong trường nghề” trên nền tảng Sạch Hơn (2026): thời lượng, mục tiêu, thiết lập bài kiểm tra trong hướng dẫn này đọc trực tiếp từ các tệp của khóa học.',
	'Phương pháp đánh giá sản xuất sạch hơn sáu bước, ba nhóm giải pháp (thực hiện ngay, nghiên cứu thêm, loại bỏ), thời gian hoàn vốn giản đơn: https://scp.vn/danh-gia-sxsh-la-gi; https://laocpc.org (năm đăng chưa xác định).',
	'Xanh hóa giáo dục nghề nghiệp theo cách tiếp cận toàn trường của UNESCO-UNEVOC, GIZ phối hợp với cơ quan quản lý giáo dục nghề nghiệp: https://tvet-vietnam.org (năm đăng chưa xác định).',
	'Chính phủ, Nghị định 45/2025/NĐ-CP (28/2/2025) về tổ chức các cơ quan chuyên môn thuộc Ủy ban nhân dân cấp tỉnh: giáo dục nghề nghiệp chuyển về ngành giáo dục; lập Sở Nông nghiệp và Môi trường.',
	'Quốc hội, Luật Bảo vệ môi trường 2020; Chính phủ, Nghị định 08/2022/NĐ-CP: quản lý chất thải nguy hại, trong đó có dầu nhớt thải và giẻ dính dầu.',
	'Mức điện máy chạy không tải (khoảng 20–40% công suất định mức, khác nhau nhiều giữa các máy) và việc đo bằng dụng cụ thay vì lấy công suất trên nhãn nhân số giờ: ghi chú hiệu đính chuyên môn của nhóm biên soạn Sạch Hơn (2026), thống nhất với các bài học của mô-đun.',
	'Giấy chứng nhận hoàn thành khóa học dùng cho khóa học không chính quy; “chứng chỉ” dành cho văn bằng, chứng chỉ do Nhà nước quy định: ghi chú của nhóm biên soạn Sạch Hơn (2026).',
	'Các quy tắc an toàn trong hướng dẫn này là quy tắc tối thiểu cho một buổi quan sát có học sinh; nội quy an toàn của từng xưởng và quy trình an toàn điện của trường được ưu tiên áp dụng.'
];
