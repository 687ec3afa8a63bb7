/**
 * The class record as A4 pages to print and file: the workshop, then the sign-in record of each
 * session as a table, the test scores, the survey in figures and the certificates issued. The
 * certificates' fonts (Be Vietnam Pro), embedded as subsets, so every diacritic prints.
 */
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import { vietnamClock } from '$lib/vietnam-time';
import { certificateFonts } from '../certificates/fonts';
import { dateVi, fitSize, longDateVi, wrap } from '../certificates/pdf-text';
import type { Dossier } from './dossier';
import { METHOD_VI, percentVi, ruleVi, sessionLabel } from './dossier-xlsx';

const WIDTH = 595.28;
const HEIGHT = 841.89;
const MARGIN = 42;
const INK = rgb(0.09, 0.11, 0.13);
const MUTED = rgb(0.35, 0.38, 0.41);
const LINE = rgb(0.6, 0.62, 0.65);
const SHADE = rgb(0.93, 0.95, 0.93);

interface Column {
	title: string;
	/** Share of the table's width. */
	width: number;
}

/** Lays text out top to bottom, starting a new page when the next thing does not fit. */
class Writer {
	page!: PDFPage;
	y = 0;
	constructor(
		private pdf: PDFDocument,
		readonly regular: PDFFont,
		readonly bold: PDFFont,
		private footer: string
	) {
		this.newPage();
	}

	newPage() {
		this.page = this.pdf.addPage([WIDTH, HEIGHT]);
		this.y = HEIGHT - MARGIN;
		const n = this.pdf.getPageCount();
		this.page.drawText(`${this.footer} · Trang ${n}`, {
			x: MARGIN,
			y: MARGIN / 2,
			size: 8,
			font: this.regular,
			color: MUTED
		});
	}

	room(height: number) {
		if (this.y - height < MARGIN) this.newPage();
	}

	text(value: string, size = 10, font = this.regular, color = INK, gap = 4) {
		for (const line of wrap(value, font, size, WIDTH - 2 * MARGIN)) {
			this.room(size + gap);
			this.y -= size;
			this.page.drawText(line, { x: MARGIN, y: this.y, size, font, color });
			this.y -= gap;
		}
	}

	heading(value: string) {
		this.room(60);
		this.y -= 10;
		this.text(value, 13, this.bold);
		this.y -= 2;
	}

	/** A table with a header row repeated on each page; cells shrink their text to fit. */
	table(columns: Column[], rows: string[][], rowHeight = 18) {
		const width = WIDTH - 2 * MARGIN;
		const xs: number[] = [];
		let x = MARGIN;
		for (const c of columns) {
			xs.push(x);
			x += c.width * width;
		}
		const row = (cells: string[], font: PDFFont, shade: boolean) => {
			this.y -= rowHeight;
			if (shade)
				this.page.drawRectangle({ x: MARGIN, y: this.y, width, height: rowHeight, color: SHADE });
			cells.forEach((cell, i) => {
				const cellWidth = columns[i].width * width - 6;
				const size = fitSize(cell, font, 9, cellWidth, 6);
				this.page.drawText(cell, { x: xs[i] + 3, y: this.y + 6, size, font, color: INK });
			});
			this.page.drawLine({
				start: { x: MARGIN, y: this.y },
				end: { x: MARGIN + width, y: this.y },
				thickness: 0.5,
				color: LINE
			});
		};
		const header = () =>
			row(
				columns.map((c) => c.title),
				this.bold,
				true
			);
		this.room(rowHeight * 2);
		header();
		for (const cells of rows) {
			if (this.y - rowHeight < MARGIN) {
				this.newPage();
				header();
			}
			row(cells, this.regular, false);
		}
		this.y -= 6;
	}
}

export async function dossierPdf(d: Dossier, now = new Date()): Promise<Uint8Array> {
	const bytes = await certificateFonts();
	const pdf = await PDFDocument.create();
	pdf.registerFontkit(fontkit);
	const [regular, bold] = await Promise.all(
		[bytes.regular, bytes.bold].map((b) => pdf.embedFont(b, { subset: true }))
	);
	pdf.setTitle(`Hồ sơ lớp: ${d.workshop.title}`);
	pdf.setAuthor(d.workshop.organisation);
	pdf.setCreator('Sạch Hơn');
	pdf.setProducer('Sạch Hơn');
	pdf.setLanguage('vi-VN');
	const w = new Writer(pdf, regular, bold, `Hồ sơ lớp: ${d.workshop.title}`);

	w.text(d.workshop.organisation.toUpperCase(), 10, bold);
	w.y -= 8;
	w.text('HỒ SƠ LỚP TẬP HUẤN', 18, bold);
	w.text(d.workshop.title, 13, bold);
	w.y -= 4;
	for (const [label, value] of [
		['Khóa học', d.workshop.course ?? '—'],
		['Địa điểm', [d.workshop.venue, d.workshop.area].filter(Boolean).join(', ') || '—'],
		['Số buổi', String(d.sessions.length)],
		['Số người tham dự', String(d.participants.filter((p) => p.attended > 0).length)],
		[
			'Giấy chứng nhận tham dự',
			d.workshop.attendanceCertificate
				? `${ruleVi(d.workshop.rule, d.sessions.length)}; đã cấp ${d.certificates.length}`
				: 'Không cấp'
		],
		['Kết thúc lớp', d.workshop.closedAt ? dateVi(d.workshop.closedAt.toISOString()) : 'Chưa']
	])
		w.text(`${label}: ${value}`, 10);

	// The sign-in record, one table per session.
	d.sessions.forEach((s, i) => {
		w.heading(`Danh sách điểm danh – ${sessionLabel(s, i)}`);
		const rows = d.participants
			.filter((p) => p.attendance[i])
			.map((p, n) => {
				const a = p.attendance[i]!;
				return [String(n + 1), p.fullName, p.account, METHOD_VI[a.method], vietnamClock(a.at), ''];
			});
		w.text(`Có mặt: ${rows.length} người`, 9, regular, MUTED);
		w.table(
			[
				{ title: 'STT', width: 0.06 },
				{ title: 'Họ và tên', width: 0.3 },
				{ title: 'Tài khoản', width: 0.2 },
				{ title: 'Cách điểm danh', width: 0.18 },
				{ title: 'Giờ', width: 0.08 },
				{ title: 'Ký tên', width: 0.18 }
			],
			rows
		);
	});

	w.heading('Kết quả kiểm tra');
	const t = d.tests;
	w.text(
		`Đầu vào: ${t.pre ? `${t.pre.count} người, trung bình ${percentVi(t.pre.average)}` : 'không có'}` +
			`  ·  Cuối khóa: ${t.post ? `${t.post.count} người, trung bình ${percentVi(t.post.average)}` : 'không có'}` +
			(t.gain === null ? '' : `  ·  Mức tăng trung bình: ${percentVi(t.gain)} (${t.paired} người)`)
	);
	const tested = d.participants.filter((p) => p.pre !== null || p.post !== null);
	if (tested.length)
		w.table(
			[
				{ title: 'STT', width: 0.08 },
				{ title: 'Họ và tên', width: 0.46 },
				{ title: 'Đầu vào', width: 0.15 },
				{ title: 'Cuối khóa', width: 0.15 },
				{ title: 'Tăng', width: 0.16 }
			],
			tested.map((p, n) => [
				String(n + 1),
				p.fullName,
				percentVi(p.pre),
				percentVi(p.post),
				p.pre !== null && p.post !== null ? percentVi(p.post - p.pre) : ''
			])
		);

	w.heading('Tổng hợp khảo sát');
	if (!d.survey.template) w.text('Buổi tập huấn không có phiếu khảo sát.');
	else {
		w.text(`${d.survey.template.title}: ${d.survey.responses} phiếu trả lời`);
		const ratings = d.survey.questions.filter((q) => q.kind === 'rating');
		if (ratings.length)
			w.table(
				[
					{ title: 'Câu hỏi', width: 0.6 },
					{ title: 'Số trả lời', width: 0.2 },
					{ title: 'Trung bình (1–5)', width: 0.2 }
				],
				ratings.map((q) => [
					q.text,
					String(q.count),
					q.average === null ? '—' : q.average.toFixed(2).replace('.', ',')
				])
			);
		for (const q of d.survey.questions.filter((q) => q.kind === 'comment' && q.count > 0)) {
			w.text(q.text, 10, bold);
			for (const comment of q.comments) w.text(`– ${comment}`, 9.5);
		}
	}

	w.heading('Giấy chứng nhận tham dự đã cấp');
	if (d.certificates.length === 0) w.text('Không có.');
	else
		w.table(
			[
				{ title: 'Số', width: 0.22 },
				{ title: 'Họ và tên', width: 0.38 },
				{ title: 'Số giờ', width: 0.1 },
				{ title: 'Ngày cấp', width: 0.15 },
				{ title: 'Tình trạng', width: 0.15 }
			],
			d.certificates.map((c) => [
				c.number,
				c.fullName,
				new Intl.NumberFormat('vi-VN').format(c.hours),
				dateVi(c.issuedAt.toISOString()),
				c.revokedAt ? 'Đã thu hồi' : 'Còn hiệu lực'
			])
		);

	w.y -= 16;
	w.text(`Lập ${longDateVi(now.toISOString())}`, 10, regular, MUTED);
	return pdf.save();
}
