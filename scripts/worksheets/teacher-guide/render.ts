/** The vocational module's teacher's guide as an A4 PDF. */
import { PdfDoc } from '../pdf';
import {
	AUDIT_RUBRIC,
	LEVELS,
	PROJECT_RUBRIC,
	SAFETY,
	SESSION,
	levelRanges,
	type Criterion
} from './content';
import { readCourse, type CourseInfo, type QuizInfo } from './course';
import { PLANS } from './plans';
import { BEFORE_TEACHING, COMMON_MISTAKES, quizAdvice, REFERENCES, schedule } from './texts';

const total = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const minutes = (m: number) => `${m} phút`;

/** Every lesson has a plan and every plan fills exactly the lesson's minutes. */
export function checkPlans(course: CourseInfo): void {
	for (const lesson of course.lessons) {
		const plan = PLANS[lesson.slug];
		if (!plan) throw new Error(`the teacher's guide has no plan for lesson ${lesson.slug}`);
		const sum = total(plan.steps.map((s) => s.minutes));
		if (sum !== lesson.minutes)
			throw new Error(
				`the plan for ${lesson.slug} takes ${sum} minutes but the lesson says minutes: ${lesson.minutes}`
			);
	}
}

export async function renderTeacherGuide(courseDir: string): Promise<Uint8Array> {
	const course = readCourse(courseDir);
	checkPlans(course);
	const doc = await PdfDoc.create(
		{
			title: `Hướng dẫn giảng dạy: ${course.title}`,
			subject: 'Giáo án, buổi thực hành đánh giá nhanh, an toàn, rubric và cách dùng bài kiểm tra',
			footer: `Sạch Hơn · Hướng dẫn giảng dạy: ${course.title}`
		},
		false
	);
	overview(doc, course);
	lessonPlans(doc, course);
	workshop(doc);
	rubric(doc, 'Rubric chấm bài đánh giá nhanh xưởng thực hành', AUDIT_RUBRIC, [
		'Chấm theo nhóm, dựa trên các sản phẩm nộp (sơ đồ dòng, bảng số đo, bảng xếp loại) và phần trình bày 5 phút. Tổng 100 điểm; chia 10 để ra thang điểm 10.',
		'Xưởng không có đồng hồ nước: bỏ tiêu chí “Đồng hồ tổng và phần chênh lệch” và quy điểm còn lại về 100.',
		'An toàn là điều kiện: nhóm vi phạm quy tắc an toàn thì dừng đo, làm lại phần đo vào buổi khác trước khi được chấm.'
	]);
	rubric(doc, 'Rubric chấm dự án trường xanh', PROJECT_RUBRIC, [
		'Chấm sau khi nhóm nộp kế hoạch (bảy mục của bài 5) và đề xuất một trang có phép tính (bài 6), và sau lần đo lại kết quả nếu dự án được làm thật. Tổng 100 điểm.',
		'Nhà trường chưa cho làm thật: chấm tiêu chí “Thực hiện và đo kết quả” theo kế hoạch đo, tối đa mức Khá.'
	]);
	quizzes(doc, course);
	doc.heading('Những chỗ học sinh hay nhầm');
	doc.bullets(COMMON_MISTAKES);
	doc.heading('Tài liệu tham khảo');
	doc.bullets(REFERENCES, false, 9);
	return doc.save();
}

function overview(doc: PdfDoc, course: CourseInfo): void {
	doc.heading(`Hướng dẫn giảng dạy: ${course.title}`, 1);
	doc.paragraph(
		'Dành cho giáo viên trường trung cấp, cao đẳng dạy mô-đun này trên nền tảng Sạch Hơn: giáo án từng bài, buổi thực hành đánh giá nhanh tại xưởng cùng các quy tắc an toàn, hai rubric chấm và cách dùng các bài kiểm tra.',
		{ italic: true }
	);
	const lessonMinutes = total(course.lessons.map((l) => l.minutes));
	doc.heading('Mô-đun trong một trang');
	doc.paragraph(
		`Mô-đun có ${course.lessons.length} bài, tổng thời lượng các bài là ${lessonMinutes} phút; nền tảng ghi thời lượng học của cả mô-đun là khoảng ${course.hours} giờ, gồm cả bài tập vận dụng, buổi thực hành tại xưởng và các bài kiểm tra. Học sinh đọc bài trên điện thoại hoặc máy tính; giờ trên lớp dùng cho thảo luận, làm mẫu và thực hành theo giáo án dưới đây.`
	);
	const after = (slug: string) =>
		course.quizzes
			.filter((q) => q.after === slug)
			.map((q) => q.title)
			.join('; ');
	doc.table(
		[
			{ header: 'Bài', width: 6, align: 'center' },
			{ header: 'Tên bài', width: 50 },
			{ header: 'Thời lượng', width: 12 },
			{ header: 'Bài kiểm tra sau bài', width: 42 }
		],
		[
			...course.lessons.map((l) => [String(l.number), l.title, minutes(l.minutes), after(l.slug)]),
			[
				'',
				'**Cộng các bài**',
				`**${minutes(lessonMinutes)}**`,
				course.quizzes
					.filter((q) => !q.after)
					.map((q) => `Cuối mô-đun: ${q.title}`)
					.join('; ')
			]
		],
		{ size: 9 }
	);
	doc.heading('Lịch gợi ý: năm buổi', 3, 120);
	doc.table(
		[
			{ header: 'Buổi', width: 10 },
			{ header: 'Nội dung', width: 72 },
			{ header: 'Thời gian', width: 18 }
		],
		schedule(course),
		{ size: 9 }
	);
	doc.note(
		'Trường dạy theo tiết 45 phút thì ghép các bài theo tổng thời gian; buổi thực hành tại xưởng nên giữ liền một buổi.'
	);
	doc.heading('Trước khi dạy');
	doc.bullets(BEFORE_TEACHING);
}

function lessonPlans(doc: PdfDoc, course: CourseInfo): void {
	doc.newPage();
	doc.heading('Giáo án từng bài');
	doc.paragraph(
		'Thời gian của mỗi giáo án bằng đúng thời lượng ghi trên bài học. Các bài kiểm tra nhanh và buổi thực hành tại xưởng tính riêng.',
		{ size: 9, italic: true }
	);
	for (const lesson of course.lessons) {
		const plan = PLANS[lesson.slug];
		doc.heading(`Bài ${lesson.number}. ${lesson.title} (${minutes(lesson.minutes)})`, 3, 140);
		if (lesson.objectives.length) {
			doc.paragraph('**Mục tiêu** (trích từ bài học): sau bài này, học sinh có thể', { size: 9.5 });
			doc.bullets(lesson.objectives, false, 9.5);
		}
		doc.paragraph('**Chuẩn bị**', { size: 9.5 });
		doc.bullets(plan.prepare, false, 9.5);
		let t = 0;
		doc.table(
			[
				{ header: 'Thời gian', width: 11 },
				{ header: 'Giáo viên', width: 52 },
				{ header: 'Học sinh', width: 37 }
			],
			plan.steps.map((s) => {
				const row = [`${t}–${t + s.minutes} phút`, s.teacher, s.students];
				t += s.minutes;
				return row;
			}),
			{ size: 8.5 }
		);
		for (const note of plan.notes) doc.paragraph(`**Lưu ý.** ${note}`, { size: 9 });
		doc.space(6);
	}
}

function workshop(doc: PdfDoc): void {
	doc.newPage();
	doc.heading('Buổi thực hành đánh giá nhanh tại xưởng');
	doc.paragraph(
		`Đây là phần “Bài tập vận dụng” của bài 4, làm ở một xưởng thực hành của trường trong một buổi khoảng ${minutes(total(SESSION.map((s) => s.minutes)))} (ba tiết), có giáo viên phụ trách xưởng đi cùng. Mỗi nhóm 3–5 học sinh; một giáo viên theo dõi không quá ba nhóm.`
	);
	let t = 0;
	doc.table(
		[
			{ header: 'Thời gian', width: 12 },
			{ header: 'Việc', width: 62 },
			{ header: 'Ai làm', width: 26 }
		],
		SESSION.map((s) => {
			const row = [`${t}–${t + s.minutes} phút`, s.what, s.who];
			t += s.minutes;
			return row;
		}),
		{ size: 8.5 }
	);
	doc.heading('Đo điện của máy chạy không tải', 3);
	doc.paragraph(
		'Máy chạy không tải lấy ít điện hơn nhiều so với công suất ghi trên nhãn (công suất định mức, khi chạy đủ tải): thường vào khoảng 20–40% công suất định mức, khác nhau nhiều giữa các máy. Vì vậy **không dạy** cách lấy công suất trên nhãn nhân số giờ chạy không tải: con số đó phóng đại gấp vài lần.'
	);
	doc.bullets(
		[
			'**Đo được thì đo:** giáo viên dùng ổ cắm đo điện năng (máy cắm phích) hoặc ampe kìm đo được công suất kẹp quanh một dây dẫn đơn qua bộ tách dây; đọc số kW lúc máy chạy không tải, học sinh ghi số và bấm giờ. Điện năng (kWh) = công suất đo được (kW) × số giờ.',
			'**Ampe kìm chỉ đo dòng điện (A):** lấy dòng nhân điện áp ra số lớn hơn công suất thật khi máy chạy không tải; giáo viên điện giải thích và quy đổi, học sinh ghi đó là ước lượng.',
			'**Không đo được thì ước lượng và ghi rõ:** ví dụ “ước lượng 30% × 1,5 kW = 0,45 kW; 0,45 kW × 40/60 giờ = 0,3 kWh”.'
		],
		false,
		9.5
	);
	doc.heading('Quy tắc an toàn của buổi thực hành', 3, 120);
	doc.paragraph(
		'Đọc to các quy tắc này ở đầu buổi, ngay tại cửa xưởng. Giáo viên phụ trách xưởng có quyền dừng bất kỳ nhóm nào.',
		{ size: 9.5, italic: true }
	);
	for (const group of SAFETY) {
		doc.paragraph(`**${group.title}**`, { size: 9.5 });
		doc.bullets(group.rules, false, 9.5);
	}
	doc.heading('Sau buổi thực hành', 3);
	doc.bullets(
		[
			'Buổi trình bày: mỗi nhóm 5 phút (chỗ lãng phí lớn nhất, bằng chứng, giải pháp làm ngay), lớp hỏi 2 phút; chấm theo rubric dưới đây.',
			'Gửi bảng xếp loại giải pháp của các nhóm cho giáo viên phụ trách xưởng; những việc “làm ngay” được duyệt thì giao cho một người cụ thể và đo lại sau vài tuần bằng cùng cách đo.',
			'Giữ bảng số đo của các nhóm: bài 6 dùng lại để tính tiền tiết kiệm và thời gian hoàn vốn.'
		],
		false,
		9.5
	);
}

function rubric(doc: PdfDoc, title: string, criteria: Criterion[], notes: string[]): void {
	doc.newPage();
	doc.heading(title);
	for (const note of notes) doc.paragraph(note, { size: 9.5 });
	doc.table(
		[
			{ header: 'Tiêu chí (điểm tối đa)', width: 18 },
			...LEVELS.map((header) => ({ header, width: 20.5 }))
		],
		criteria.map((c) => {
			const ranges = levelRanges(c.points);
			return [
				`**${c.name}** (${c.points})`,
				...c.levels.map((text, i) => `**${ranges[i]} điểm.** ${text}`)
			];
		}),
		{ size: 8 }
	);
	const sum = total(criteria.map((c) => c.points));
	doc.paragraph(
		`Tổng: ${sum} điểm. Nhóm: …………………………   Điểm: ……… / ${sum}   Giáo viên chấm: …………………………`,
		{ size: 9.5 }
	);
}

function quizzes(doc: PdfDoc, course: CourseInfo): void {
	doc.newPage();
	doc.heading('Dùng các bài kiểm tra');
	const review: Record<string, string> = {
		never: 'không hiện đáp án',
		after_each: 'sau mỗi lần làm',
		after_pass: 'khi đã đạt',
		after_last: 'khi đã đạt, hoặc sau lần làm cuối cùng'
	};
	const place = (q: QuizInfo) =>
		q.after
			? `sau bài “${course.lessons.find((l) => l.slug === q.after)?.title ?? q.after}”`
			: 'cuối mô-đun';
	doc.table(
		[
			{ header: 'Bài kiểm tra', width: 32 },
			{ header: 'Vị trí', width: 22 },
			{ header: 'Số câu mỗi lần (ngân hàng)', width: 12 },
			{ header: 'Điểm đạt; số lần làm', width: 14 },
			{ header: 'Xem đáp án và lời giải', width: 20 }
		],
		[...course.quizzes]
			.sort((a, b) => Number(!a.after) - Number(!b.after))
			.map((q) => [
				`${q.title}${q.required ? ' (bắt buộc để hoàn thành)' : ' (không bắt buộc)'}`,
				place(q),
				q.asked === q.questions ? `${q.questions}` : `${q.asked} (${q.questions})`,
				`${q.passMark}%; ${q.attempts === null ? 'không giới hạn' : `${q.attempts} lần`}`,
				review[q.review] ?? q.review
			]),
		{ size: 8.5 }
	);
	doc.bullets(quizAdvice(course));
}
