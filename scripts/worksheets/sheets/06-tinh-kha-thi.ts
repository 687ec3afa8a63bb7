/**
 * Phiếu 06: technical, economic and environmental feasibility of one option, and the decision
 * (tasks 10–13). The economics use the spreadsheet's own NPV and IRR over a year-by-year cash flow.
 */
import { formHeading, sheetHeading } from '../common';
import type { PdfDoc } from '../pdf';
import { DECIMAL, PERCENT, type Worksheet } from '../model';
import type { SheetBuilder } from '../xlsx';
import {
	ANSWERS,
	DECISIONS,
	ENV_QUESTIONS,
	ENVIRONMENT,
	FLOW_HEADERS,
	FLOW_RULES,
	INPUTS,
	TECHNICAL,
	YEARS
} from './06-tinh-kha-thi-data';

const WIDTHS = [12, 14, 14, 14, 14, 12, 14, 14, 18];
/** A two-part row: question or label over columns 1–5, answer in 6, note over 7–9. */
function checklist(
	s: SheetBuilder,
	top: number,
	rows: [string, string, string][],
	example: boolean
): number {
	s.text(top, 1, 5, 'Tiêu chí', 'header');
	s.text(top, 6, 6, 'Kết luận', 'header');
	s.text(top, 7, 9, 'Căn cứ, việc cần làm', 'header');
	rows.forEach(([q, a, note], k) => {
		const r = top + 1 + k;
		s.text(r, 1, 5, q);
		s.input(r, 6, example ? a : null, { list: ANSWERS });
		s.input(r, 7, example && note ? note : null);
		s.ws.mergeCells(r, 7, r, 9);
	});
	return top + rows.length + 2;
}

function economics(s: SheetBuilder, top: number, example: boolean): number {
	const at: Record<string, string> = {};
	let r = top;
	INPUTS.forEach(([label, value, fmt, note], k) => {
		s.text(r, 1, 3, label, 'strong');
		s.input(r, 4, example ? value : null, {
			numFmt: fmt,
			...(k === 2 ? { range: { min: 1, max: YEARS, whole: true } } : {})
		});
		s.text(r, 5, 9, note, 'note');
		at[['I', 'S', 'n', 'r', 't', 'x'][k]] = `$D$${r}`;
		r++;
	});
	const { I, S, n, r: rate, t, x } = at;
	r++;
	const flowTop = r;
	FLOW_HEADERS.forEach((h, i) => s.text(flowTop, i + 1, i + 1, h, 'header'));
	FLOW_RULES.forEach((h, i) => s.text(flowTop + 1, i + 1, i + 1, `(${i + 1}) ${h}`.trim(), 'note'));
	const y0 = flowTop + 2;
	const yN = y0 + YEARS;
	for (let y = 0; y <= YEARS; y++) {
		const row = y0 + y;
		s.fixed(row, 1, y, true);
		s.formula(row, 2, y === 0 ? `-${I}` : `IF(A${row}<=${n},${S},0)`, DECIMAL);
		if (y === 0) {
			s.fixed(row, 3, 0);
			s.fixed(row, 4, 0);
		} else {
			s.formula(row, 3, `IF(A${row}<=${n},${I}/${n},0)`, DECIMAL);
			s.formula(row, 4, `${t}*(B${row}-C${row})`, DECIMAL);
		}
		s.formula(row, 5, `B${row}-D${row}`, DECIMAL);
		s.formula(row, 6, `1/(1+${rate})^A${row}`, '0.0000');
		s.formula(row, 7, `E${row}*F${row}`, DECIMAL);
		s.formula(row, 8, `SUM(G$${y0}:G${row})`, DECIMAL);
		s.formula(
			row,
			9,
			y === 0 ? `-${I}` : `IF(A${row}<=${n},${S}*(1-${x})-${t}*(${S}*(1-${x})-C${row}),0)`,
			DECIMAL
		);
	}
	r = yN + 2;
	const results: [string, string, string][] = [
		['Hoàn vốn giản đơn (năm) = I₀ ÷ S', `IF(OR(${I}="",${S}=0),"",${I}/${S})`, DECIMAL],
		[
			'NPV trước thuế (triệu đồng), hàm NPV',
			`IF(${I}="","",NPV(${rate},B${y0 + 1}:B${yN})+B${y0})`,
			DECIMAL
		],
		['IRR trước thuế, hàm IRR', `IF(${I}="","",IFERROR(IRR(B${y0}:B${yN}),""))`, PERCENT],
		[
			'NPV sau thuế (triệu đồng), hàm NPV',
			`IF(${I}="","",NPV(${rate},E${y0 + 1}:E${yN})+E${y0})`,
			DECIMAL
		],
		['Kiểm tra: tổng cột (7) = NPV sau thuế', `IF(${I}="","",SUM(G${y0}:G${yN}))`, DECIMAL],
		['IRR sau thuế, hàm IRR', `IF(${I}="","",IFERROR(IRR(E${y0}:E${yN}),""))`, PERCENT],
		[
			'NPV sau thuế, kịch bản xấu (triệu đồng)',
			`IF(${I}="","",NPV(${rate},I${y0 + 1}:I${yN})+I${y0})`,
			DECIMAL
		]
	];
	// Before-tax results on the left, after-tax on the right: the section then prints on one page.
	const first = r;
	const place = (k: number) =>
		k < 3 ? { row: first + k, col: 4 } : { row: first + k - 3, col: 9 };
	results.forEach(([label, f, fmt], k) => {
		const { row, col } = place(k);
		s.text(row, col - 3, col - 1, label, 'strong');
		s.formula(row, col, f, fmt, true);
	});
	const [pb, , , npvAfter, , , npvBad] = results
		.map((_, k) => place(k))
		.map(({ row, col }) => `${String.fromCharCode(64 + col)}${row}`);
	r = first + 4;
	s.text(r, 1, 3, 'Đọc kết quả', 'strong');
	s.formula(
		r,
		4,
		`IF(${pb}="","",IF(${pb}<=4,"Hoàn vốn trong vòng 4 năm (3–4 năm thường được chấp nhận với đầu tư rủi ro thấp). ","Hoàn vốn lâu hơn 4 năm: quyết định dựa vào NPV, IRR và lợi ích khác. ")` +
			`&IF(${npvAfter}>0,"NPV sau thuế dương ở suất chiết khấu đã chọn","NPV sau thuế không dương ở suất chiết khấu đã chọn")` +
			`&IF(${npvBad}<0,"; âm trong kịch bản xấu: dự án biên, đo lại lợi ích trước khi đầu tư.","."))`
	);
	s.ws.mergeCells(r, 4, r, 9);
	s.ws.getRow(r).height = 32;
	return r + 2;
}

function environment(s: SheetBuilder, top: number, example: boolean): number {
	const headers = [
		'Chỉ tiêu (trên một tấn sản phẩm)',
		'',
		'Đơn vị',
		'Trước',
		'Sau (dự kiến)',
		'Giảm',
		'% giảm',
		'Ghi chú',
		''
	];
	s.text(top, 1, 2, headers[0], 'header');
	[3, 4, 5, 6, 7].forEach((c) => s.text(top, c, c, headers[c - 1], 'header'));
	s.text(top, 8, 9, headers[7], 'header');
	ENVIRONMENT.forEach(([name, unit], k) => {
		const r = top + 1 + k;
		s.text(r, 1, 2, name);
		s.input(r, 3, unit);
		s.input(r, 4, null, { numFmt: DECIMAL });
		s.input(r, 5, null, { numFmt: DECIMAL });
		s.formula(r, 6, `IF(OR(D${r}="",E${r}=""),"",D${r}-E${r})`, DECIMAL);
		s.formula(r, 7, `IF(OR(D${r}="",E${r}="",D${r}=0),"",(D${r}-E${r})/D${r})`, PERCENT);
		s.input(
			r,
			8,
			example && (k === 0 || k === 2) ? 'Đo trong 4 tuần theo kế hoạch hành động (phiếu 07)' : null
		);
		s.ws.mergeCells(r, 8, r, 9);
	});
	return top + ENVIRONMENT.length + 2;
}

function decision(s: SheetBuilder, top: number, example: boolean): number {
	const spans: [number, number][] = [
		[1, 2],
		[3, 4],
		[5, 6],
		[7, 7],
		[8, 9]
	];
	['Giải pháp', 'Kỹ thuật', 'Kinh tế', 'Môi trường', 'Quyết định'].forEach((h, i) =>
		s.text(top, spans[i][0], spans[i][1], h, 'header')
	);
	for (let k = 0; k < 6; k++) {
		const r = top + 1 + k;
		spans.forEach(([a, b], i) => {
			s.input(r, a, example ? (DECISIONS[k]?.[i] ?? null) : null);
			if (b > a) s.ws.mergeCells(r, a, r, b);
		});
	}
	return top + 8;
}

export const feasibility: Worksheet = {
	file: '06-tinh-kha-thi',
	title: 'Đánh giá tính khả thi kỹ thuật, kinh tế, môi trường',
	tasks: 'Bước 4, nhiệm vụ 10 đến 13',
	lesson: 'Đánh giá tính khả thi: kỹ thuật, kinh tế, môi trường',
	purpose:
		'Đánh giá một giải pháp thuộc nhóm “nghiên cứu thêm” theo ba mặt: kỹ thuật (làm được không), kinh tế (thời gian ' +
		'hoàn vốn giản đơn, NPV ở suất chiết khấu đã chọn qua n năm, IRR, trước và sau thuế, với một kịch bản xấu) và ' +
		'môi trường (giảm bao nhiêu trên một tấn sản phẩm, có chuyển ô nhiễm không), rồi ghi quyết định.',
	steps: [
		'Kỹ thuật trước: giải pháp không làm được thì không cần tính tiền. Với giải pháp lớn, thăm một cơ sở đã áp dụng hoặc chạy thử quy mô nhỏ.',
		'Kinh tế: nhập vốn đầu tư, lợi ích ròng hằng năm (từ số liệu đo ở bước 2, không từ tờ quảng cáo), đời dự án, suất chiết khấu, thuế suất. Bảng dòng tiền tự lập đến 15 năm; NPV và IRR dùng hàm NPV, IRR của bảng tính.',
		'Sau thuế: khấu hao đều I₀ ÷ n làm giảm thuế nhưng không phải khoản chi tiền; thuế tăng thêm = t × (S − khấu hao).',
		'Thử kịch bản xấu (lợi ích thấp hơn ước tính). Với đầu tư rủi ro thấp, hoàn vốn 3–4 năm thường được chấp nhận; nhiều doanh nghiệp đòi IRR sau thuế khoảng 12–15%.',
		'Môi trường: ghi chỉ tiêu trước và sau trên một tấn sản phẩm, và trả lời các câu hỏi về chuyển ô nhiễm, hóa chất, điều kiện làm việc.',
		'Tổng hợp các giải pháp vào bảng quyết định để lãnh đạo cơ sở chọn; ghi rõ số liệu nào là đo, số liệu nào là ước tính.'
	],
	exampleSource:
		'Bài tập “thu hồi nước ngưng và bảo ôn hệ thống hơi” của cơ sở cơm dừa nạo sấy trong bài “Đánh giá tính khả thi: kỹ thuật, kinh tế, môi trường” (số liệu giả định của bài tập: 300 triệu đồng, 90 triệu đồng mỗi năm, 5 năm, 12%, thuế 20%); câu trả lời kỹ thuật và môi trường là minh họa.',
	landscape: true,
	headers: FLOW_HEADERS,
	widths: WIDTHS,

	sheet(s, example) {
		let r = sheetHeading(s, this, example);
		s.field(
			r,
			'Giải pháp được đánh giá:',
			[1, 3],
			[4, 9],
			example ? 'Thu hồi nước ngưng về lò hơi, kết hợp bảo ôn' : null
		);
		r += 2;
		s.text(r++, 1, 9, 'A. Tính khả thi kỹ thuật (nhiệm vụ 10)', 'section');
		r = checklist(s, r, TECHNICAL, example);
		s.pageBreakAfter(r - 1);
		s.text(r++, 1, 9, 'B. Tính khả thi kinh tế (nhiệm vụ 11), đơn vị: triệu đồng', 'section');
		r = economics(s, r, example);
		s.pageBreakAfter(r - 1);
		s.text(r++, 1, 9, 'C. Tính khả thi môi trường (nhiệm vụ 12)', 'section');
		r = environment(s, r, example);
		r = checklist(s, r, ENV_QUESTIONS, example);
		s.text(r++, 1, 9, 'D. Tổng hợp và lựa chọn (nhiệm vụ 13)', 'section');
		decision(s, r, example);
	},

	form(doc) {
		formHeading(doc, this);
		doc.fields(['Giải pháp được đánh giá:']);
		const ask = (rows: [string, string, string][], title: string) =>
			doc.table(
				[
					{ header: 'Tiêu chí', width: 60 },
					{ header: 'Đạt / Chưa đạt / Cần kiểm tra / Không áp dụng', width: 16 },
					{ header: 'Căn cứ, việc cần làm', width: 44 }
				],
				rows.map(([q]) => [q, '', '']),
				{ size: 8.5, title }
			);
		ask(TECHNICAL, 'A. Kỹ thuật');
		formEconomics(doc);
		doc.table(
			[
				{ header: 'Chỉ tiêu', width: 22 },
				{ header: 'Đơn vị', width: 10 },
				{ header: 'Trước', width: 12 },
				{ header: 'Sau (dự kiến)', width: 12 },
				{ header: 'Giảm = trước − sau', width: 13 },
				{ header: '% giảm = giảm ÷ trước', width: 13 },
				{ header: 'Ghi chú', width: 38 }
			],
			ENVIRONMENT.map(([name, unit]) => [name, unit, '', '', '', '', '']),
			{ size: 8.5, blankRows: 2, title: 'C. Môi trường (trên một tấn sản phẩm)' }
		);
		ask(ENV_QUESTIONS, 'Các câu hỏi về môi trường');
		doc.table(
			['Giải pháp', 'Kỹ thuật', 'Kinh tế', 'Môi trường', 'Quyết định'].map((header) => ({
				header,
				width: 1
			})),
			[],
			{ blankRows: 5, blankHeight: 30, title: 'D. Tổng hợp và lựa chọn' }
		);
	}
};

function formEconomics(doc: PdfDoc): void {
	doc.newPage();
	doc.heading('B. Kinh tế (triệu đồng)', 3);
	doc.table(
		[
			{ header: 'Số liệu đầu vào', width: 50 },
			{ header: 'Giá trị', width: 14 },
			{ header: 'Căn cứ', width: 56 }
		],
		INPUTS.map(([label, , , note]) => [
			label.replace('1–15', '1–10 trên phiếu giấy, đến 15 trên bảng tính'),
			'',
			note
		]),
		{ size: 8.5, shadeFirstColumn: true }
	);
	doc.table(
		FLOW_HEADERS.map((header, i) => ({
			header,
			width: i === 0 ? 6 : 12,
			align: i === 0 ? 'center' : 'left'
		})),
		Array.from({ length: 11 }, (_, y) => [String(y), '', '', '', '', '', '', '', '']),
		{ size: 8, subheaders: FLOW_RULES.map((rule, i) => `(${i + 1}) ${rule}`.trim()) }
	);
	doc.table(
		[
			{ header: 'Kết quả', width: 60 },
			{ header: 'Giá trị', width: 20 },
			{ header: 'Nhận xét', width: 50 }
		],
		[
			['Thời gian hoàn vốn giản đơn = I₀ ÷ S (năm)', '', ''],
			['NPV = tổng cột (7) = CF₁/(1 + r) + … + CFn/(1 + r)^n − I₀', '', ''],
			['IRR: suất chiết khấu làm NPV = 0 (thử dần hai suất rồi nội suy)', '', ''],
			['NPV sau thuế, kịch bản xấu', '', '']
		],
		{ size: 8.5, shadeFirstColumn: true }
	);
	doc.newPage();
}
