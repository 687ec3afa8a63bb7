/**
 * One-time passwords as slips to cut out and hand to learners: eight to an A4 page, each with the
 * learner's name, username, one-time password, the platform's sign-in address and a QR code to it.
 * Made from the passwords the import has just shown, never stored (they are not kept in clear).
 */
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import { certificateFonts } from '../certificates/fonts';
import { fitSize, wrap } from '../certificates/pdf-text';
import { qrPath } from '../certificates/qr';

export interface Slip {
	fullName: string;
	identifier: string;
	password: string;
}

/** The words on every slip, in the reader's language. */
export interface SlipLabels {
	site: string;
	title: string;
	identifier: string;
	password: string;
	address: string;
	note: string;
}

const WIDTH = 595.28;
const HEIGHT = 841.89;
const MARGIN = 28;
const COLUMNS = 2;
const ROWS = 4;
export const SLIPS_PER_PAGE = COLUMNS * ROWS;
const SLIP_W = (WIDTH - 2 * MARGIN) / COLUMNS;
const SLIP_H = (HEIGHT - 2 * MARGIN) / ROWS;
const PAD = 14;
const QR = 78;
const INK = rgb(0.09, 0.11, 0.13);
const MUTED = rgb(0.33, 0.36, 0.4);
const GREEN = rgb(0.078, 0.325, 0.176);
const CUT = rgb(0.6, 0.62, 0.65);

export async function renderSlipsPdf(
	slips: Slip[],
	signInUrl: string,
	labels: SlipLabels
): Promise<Uint8Array> {
	const bytes = await certificateFonts();
	const pdf = await PDFDocument.create();
	pdf.registerFontkit(fontkit);
	const [regular, bold] = await Promise.all(
		[bytes.regular, bytes.bold].map((b) => pdf.embedFont(b, { subset: true }))
	);
	pdf.setTitle(labels.title);
	pdf.setCreator(labels.site);
	pdf.setProducer(labels.site);
	pdf.setLanguage('vi-VN');
	const qr = qrPath(signInUrl);
	for (let first = 0; first < Math.max(slips.length, 1); first += SLIPS_PER_PAGE) {
		const page = pdf.addPage([WIDTH, HEIGHT]);
		cutLines(page);
		slips.slice(first, first + SLIPS_PER_PAGE).forEach((slip, i) => {
			const x = MARGIN + (i % COLUMNS) * SLIP_W;
			const top = HEIGHT - MARGIN - Math.floor(i / COLUMNS) * SLIP_H;
			drawSlip(page, slip, x, top, { regular, bold, qr, signInUrl, labels });
		});
	}
	return pdf.save();
}

function drawSlip(
	page: PDFPage,
	slip: Slip,
	x: number,
	top: number,
	c: {
		regular: PDFFont;
		bold: PDFFont;
		qr: { path: string; size: number };
		signInUrl: string;
		labels: SlipLabels;
	}
) {
	const left = x + PAD;
	const inner = SLIP_W - 2 * PAD;
	const beside = inner - QR - 10;
	let y = top - PAD - 10;
	page.drawText(c.labels.site, { x: left, y, size: 10, font: c.bold, color: GREEN });
	// The class's name, beside the QR code (two lines at most).
	for (const line of wrap(c.labels.title, c.regular, 8.5, beside).slice(0, 2)) {
		y -= 12;
		page.drawText(line, { x: left, y, size: 8.5, font: c.regular, color: MUTED });
	}
	page.drawSvgPath(c.qr.path, {
		x: x + SLIP_W - PAD - QR,
		y: top - PAD,
		scale: QR / c.qr.size,
		color: INK
	});
	y -= 21;
	const nameSize = fitSize(slip.fullName, c.bold, 13, beside, 8);
	page.drawText(slip.fullName, { x: left, y, size: nameSize, font: c.bold, color: INK });
	const field = (label: string, value: string, size: number) => {
		y -= 17;
		page.drawText(label, { x: left, y, size: 8, font: c.regular, color: MUTED });
		y -= size + 2;
		const fitted = fitSize(value, c.bold, size, beside, 7);
		page.drawText(value, { x: left, y, size: fitted, font: c.bold, color: INK });
	};
	field(c.labels.identifier, slip.identifier, 12);
	field(c.labels.password, slip.password, 14);
	y -= 18;
	page.drawText(c.labels.address, { x: left, y, size: 8, font: c.regular, color: MUTED });
	y -= 12;
	const urlSize = fitSize(c.signInUrl, c.regular, 9.5, inner, 6);
	page.drawText(c.signInUrl, { x: left, y, size: urlSize, font: c.regular, color: INK });
	for (const line of wrap(c.labels.note, c.regular, 8, inner).slice(0, 2)) {
		y -= 11;
		page.drawText(line, { x: left, y, size: 8, font: c.regular, color: MUTED });
	}
}

/** Dashed lines between the slips, where the scissors go. */
function cutLines(page: PDFPage) {
	const dash = { thickness: 0.5, color: CUT, dashArray: [3, 3] };
	for (let col = 0; col <= COLUMNS; col++) {
		const x = MARGIN + col * SLIP_W;
		page.drawLine({ start: { x, y: MARGIN }, end: { x, y: HEIGHT - MARGIN }, ...dash });
	}
	for (let row = 0; row <= ROWS; row++) {
		const y = MARGIN + row * SLIP_H;
		page.drawLine({ start: { x: MARGIN, y }, end: { x: WIDTH - MARGIN, y }, ...dash });
	}
}
