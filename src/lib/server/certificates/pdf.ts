/**
 * The certificate as an A4 landscape PDF, in Vietnamese, laid out as Vietnamese certificates of
 * completion are: issuing body and national motto at the top, title, holder, course, then the place
 * and date of issue with the signatory, and a QR code to the public verification page. Fonts are
 * embedded as subsets, so every diacritic prints and the text can be copied or searched.
 */
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, rgb, type PDFPage } from 'pdf-lib';
import { groupCertificateCode } from './code';
import { certificateFonts } from './fonts';
import {
	balancedWrap,
	calendarDateVi,
	centred,
	dateVi,
	fitSize,
	longDateVi,
	wrap,
	type TextStyle
} from './pdf-text';
import { qrPath } from './qr';
import { vietnamClock } from '$lib/vietnam-time';
import { certifiedHours, certifiedTitle, type CertificateStatement } from './statement';

const WIDTH = 841.89;
const HEIGHT = 595.28;
const INK = rgb(0.09, 0.11, 0.13);
const MUTED = rgb(0.3, 0.33, 0.36);
const GREEN = rgb(0.078, 0.325, 0.176);
const GOLD = rgb(0.69, 0.55, 0.24);

/** The brand's leaf (the site's logo), 32 units square. */
const LEAF =
	'M27 4C14 4 6 10 6 20c0 2 .4 3.8 1 5.3L4 28l1.4 1.4 3-3C10 27.6 12 28 14 28c10 0 14-9 13-24Zm-15 18c2-6 6-9.7 11-12-4.3 3-7.3 7-9 12h-2Z';

/**
 * Parsing a font is most of a certificate's cost (fontkit reads its tables and builds its layout
 * caches). pdf-lib parses the bytes it is given for every document; handing it this fontkit instead
 * parses each font once per process and shares it. Each document still makes its own subset.
 */
const parsedFonts = new WeakMap<Uint8Array, ReturnType<typeof fontkit.create>>();
const sharedFontkit: typeof fontkit = {
	...fontkit,
	create(data, postscriptName) {
		if (!(data instanceof Uint8Array) || postscriptName !== undefined)
			return fontkit.create(data, postscriptName);
		let font = parsedFonts.get(data);
		if (!font) parsedFonts.set(data, (font = withLayoutCache(fontkit.create(data))));
		return font;
	}
};

/**
 * Shaping a string (pdf-lib does it to measure and to encode; the layout measures while wrapping)
 * is the rest of the cost, and certificates repeat most of their strings: keep recent results.
 */
function withLayoutCache<T extends ReturnType<typeof fontkit.create>>(font: T): T {
	const layout = font.layout.bind(font);
	const cache = new Map<string, ReturnType<typeof layout>>();
	font.layout = (text, features) => {
		if (typeof text !== 'string') return layout(text, features);
		const key = `${JSON.stringify(features ?? null)}\u0000${text}`;
		let run = cache.get(key);
		if (!run) {
			if (cache.size >= 5000) cache.clear();
			cache.set(key, (run = layout(text, features)));
		}
		return run;
	};
	return font;
}

const hours = (h: number) => new Intl.NumberFormat('vi-VN').format(h);

export async function renderCertificatePdf(
	statement: CertificateStatement,
	verifyUrl: string
): Promise<Uint8Array> {
	const bytes = await certificateFonts();
	const pdf = await PDFDocument.create();
	pdf.registerFontkit(sharedFontkit);
	const [regular, italic, semibold, bold] = await Promise.all(
		[bytes.regular, bytes.italic, bytes.semibold, bytes.bold].map((b) =>
			pdf.embedFont(b, { subset: true })
		)
	);
	const s = statement;
	pdf.setTitle(`Giấy chứng nhận ${s.number} – ${s.holder.name}`);
	pdf.setAuthor(s.issuer.name);
	const attendance = s.kind === 'attendance';
	const title = certifiedTitle(s);
	pdf.setSubject(
		attendance
			? `Giấy chứng nhận tham dự: ${title}`
			: `Giấy chứng nhận hoàn thành khóa học: ${title}`
	);
	pdf.setCreator('Sạch Hơn');
	pdf.setProducer('Sạch Hơn');
	pdf.setLanguage('vi-VN');
	pdf.setCreationDate(new Date(s.issuedAt));
	pdf.setModificationDate(new Date(s.issuedAt));

	const page = pdf.addPage([WIDTH, HEIGHT]);
	const style = (font: typeof regular, size: number, color = INK): TextStyle => ({
		font,
		size,
		color
	});
	drawFrame(page);

	// Issuing body (left) and the national motto (right), each over a short rule.
	const left = 225;
	const right = WIDTH - 225;
	const issuer = s.issuer.name.toUpperCase();
	let issuerSize = 11;
	while (issuerSize > 8 && wrap(issuer, bold, issuerSize, 320).length > 2) issuerSize -= 0.5;
	let y = HEIGHT - 72;
	for (const line of balancedWrap(issuer, bold, issuerSize, 320)) {
		centred(page, line, left, y, style(bold, issuerSize));
		y -= issuerSize + 4;
	}
	rule(page, left, y + issuerSize - 2, 70);
	centred(page, `Số: ${s.number}`, left, y - 8, style(regular, 10, MUTED));
	centred(page, `Số vào sổ: ${s.registerNumber}`, left, y - 22, style(regular, 10, MUTED));
	centred(page, 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', right, HEIGHT - 72, style(bold, 11));
	centred(page, 'Độc lập - Tự do - Hạnh phúc', right, HEIGHT - 87, style(semibold, 11.5));
	rule(page, right, HEIGHT - 93, 150);

	// The graded work the completion rested on, a line each under the course (at most two): the
	// title block moves up and closes up by as much, so the notes stay clear of the signature.
	const assessed = attendance ? [] : assessmentLines(s).slice(0, 2);
	const lift = assessed.length * 14;

	// Title.
	y = HEIGHT - 170 + lift / 2;
	centred(page, 'GIẤY CHỨNG NHẬN', WIDTH / 2, y, style(bold, 34, GREEN));
	const subtitle = attendance ? 'THAM DỰ TẬP HUẤN' : 'HOÀN THÀNH KHÓA HỌC';
	centred(page, subtitle, WIDTH / 2, y - 26, style(semibold, 16, GREEN));
	ornament(page, WIDTH / 2, y - 41);

	// Holder.
	y -= 70 - lift / 4;
	centred(page, 'Chứng nhận', WIDTH / 2, y, style(italic, 12, MUTED));
	y -= 36 - lift / 4;
	centred(page, s.holder.name, WIDTH / 2, y, style(bold, 30), 620);
	const facts = [
		s.holder.dateOfBirth ? `Ngày sinh: ${calendarDateVi(s.holder.dateOfBirth)}` : '',
		s.holder.organisation ? `Đơn vị: ${s.holder.organisation}` : ''
	].filter(Boolean);
	y -= 23;
	if (facts.length) {
		const joined = facts.join('     ');
		const fits = regular.widthOfTextAtSize(joined, 11.5) <= 640;
		for (const line of fits ? [joined] : facts) {
			centred(page, line, WIDTH / 2, y, style(regular, 11.5), 640);
			y -= 16;
		}
	}

	// Course, or the workshop attended.
	y -= 6;
	const verb = attendance ? 'đã tham dự buổi tập huấn' : 'đã hoàn thành khóa học';
	centred(page, verb, WIDTH / 2, y, style(italic, 12, MUTED));
	const titleSize = fitSize(title, bold, 17, 1200, 12);
	y -= 23;
	for (const line of balancedWrap(title, bold, titleSize, 620).slice(0, 2)) {
		centred(page, line, WIDTH / 2, y, style(bold, titleSize, GREEN), 620);
		y -= titleSize + 5;
	}
	const factLines =
		attendance && s.workshop
			? attendanceFacts(s.workshop)
			: [
					`Phiên bản ${s.course?.version}  ·  Thời lượng: ${hours(certifiedHours(s))} giờ  ·  ` +
						`Ngày hoàn thành: ${dateVi(s.completedAt)}`
				];
	for (const line of factLines) {
		centred(page, line, WIDTH / 2, y - 2, style(regular, 11), 640);
		y -= 15;
	}
	for (const line of assessed) {
		const size = fitSize(line, semibold, 11, 640, 8);
		centred(page, line, WIDTH / 2, y - 2, style(semibold, size), 640);
		y -= 14;
	}
	const notes = [
		s.expiresAt ? `Giấy chứng nhận có giá trị đến hết ngày ${dateVi(s.expiresAt)}` : '',
		s.renews ? `(gia hạn giấy chứng nhận số ${s.renews})` : ''
	].filter(Boolean);
	centred(page, notes.join(' '), WIDTH / 2, y - 2, style(italic, 10.5, MUTED), 520);

	drawVerification(page, s.code, verifyUrl, { regular, bold });

	// Place and date of issue, signatory.
	const signX = WIDTH - 210;
	centred(page, `${s.issuer.place}, ${longDateVi(s.issuedAt)}`, signX, 162, style(italic, 11.5));
	centred(page, s.issuer.signatory.title.toUpperCase(), signX, 144, style(bold, 12), 300);
	if (s.issuer.signatory.name) {
		centred(page, s.issuer.signatory.name, signX, 74, style(bold, 12.5), 300);
	}
	return pdf.save();
}

/** "Bài thực hành: <title> — đạt 18/21 điểm", one per assessment the certificate records. */
export function assessmentLines(statement: CertificateStatement): string[] {
	return (statement.assessments ?? []).map(
		(a) =>
			`Bài thực hành: ${stripPracticum(a.title.vi)} — đạt ${hours(a.points)}/${hours(a.maxPoints)} điểm`
	);
}

/** A title that already opens with "Bài thực hành:" is not prefixed twice. */
function stripPracticum(title: string): string {
	return title.replace(/^\s*bài thực hành\s*[:：–—-]\s*/iu, '').trim() || title.trim();
}

/**
 * The dates and hours attended, and the venue: "Ngày 05/03/2026 (08:00–11:30)" for a session, the
 * days listed for a few, the first and last day for a long class, so it always fits two lines.
 */
export function attendanceFacts(workshop: NonNullable<CertificateStatement['workshop']>): string[] {
	const sessions = workshop.sessions.map((x) => ({
		day: dateVi(x.startsAt),
		start: vietnamClock(new Date(x.startsAt)),
		end: vietnamClock(new Date(x.endsAt))
	}));
	const days = [...new Set(sessions.map((x) => x.day))];
	let when: string;
	if (sessions.length === 1)
		when = `Ngày ${sessions[0].day} (${sessions[0].start}–${sessions[0].end})`;
	else if (days.length <= 4) when = `Các ngày ${days.join(', ')}`;
	else when = `Từ ngày ${days[0]} đến ngày ${days[days.length - 1]}`;
	const count = sessions.length > 1 ? `  ·  ${sessions.length} buổi` : '';
	const lines = [`${when}${count}  ·  Thời lượng: ${hours(workshop.hours)} giờ`];
	if (workshop.venue.trim()) lines.push(`Địa điểm: ${workshop.venue.trim()}`);
	return lines;
}

function drawFrame(page: PDFPage): void {
	page.drawRectangle({
		x: 18,
		y: 18,
		width: WIDTH - 36,
		height: HEIGHT - 36,
		borderColor: GREEN,
		borderWidth: 2.5
	});
	page.drawRectangle({
		x: 25,
		y: 25,
		width: WIDTH - 50,
		height: HEIGHT - 50,
		borderColor: GOLD,
		borderWidth: 0.75
	});
	// A faint leaf behind the text: hard to imitate by retyping, easy on the eye.
	page.drawSvgPath(LEAF, {
		x: WIDTH / 2 - 150,
		y: HEIGHT / 2 + 150,
		scale: 300 / 32,
		color: GREEN,
		opacity: 0.045
	});
}

function rule(page: PDFPage, x: number, y: number, width: number): void {
	page.drawLine({
		start: { x: x - width / 2, y },
		end: { x: x + width / 2, y },
		thickness: 0.8,
		color: INK
	});
}

function ornament(page: PDFPage, x: number, y: number): void {
	page.drawLine({ start: { x: x - 90, y }, end: { x: x - 8, y }, thickness: 0.8, color: GOLD });
	page.drawLine({ start: { x: x + 8, y }, end: { x: x + 90, y }, thickness: 0.8, color: GOLD });
	page.drawSvgPath('M0 -4L4 0L0 4L-4 0Z', { x, y, color: GOLD });
}

function drawVerification(
	page: PDFPage,
	code: string,
	url: string,
	fonts: { regular: TextStyle['font']; bold: TextStyle['font'] }
): void {
	const { path, size } = qrPath(url);
	const side = 86;
	const x = 64;
	const top = 62 + side;
	page.drawSvgPath(path, { x, y: top, scale: side / size, color: INK });
	const textX = x + side + 12;
	const line = (text: string, y: number, font = fonts.regular, s = 9) =>
		page.drawText(text, {
			x: textX,
			y,
			size: fitSize(text, font, s, 230, 6),
			font,
			color: MUTED
		});
	line('Kiểm tra giấy chứng nhận', top - 12, fonts.bold, 9.5);
	line('Quét mã QR hoặc truy cập:', top - 27);
	line(url, top - 40);
	line(`Mã xác thực: ${groupCertificateCode(code)}`, top - 58, fonts.bold, 9.5);
	line('Dữ liệu được ký số Ed25519', top - 73, fonts.regular, 8);
}
