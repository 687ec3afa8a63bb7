/**
 * A session's sign-in sheet as an A4 PDF to print: the workshop, the session's day and times, the
 * venue and organisation on top; a table of the registrants (numbered in sheetRows' order, which
 * the type-back screen shares), then blank numbered rows for walk-ins, a signature column, the
 * table's header again on every page, "Trang 1/3" below, and room for the trainer's signature.
 * Fonts are the certificates' (Be Vietnam Pro), embedded as subsets so every diacritic prints.
 */
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import { certificateFonts } from '../certificates/fonts';
import { balancedWrap, fitSize, wrap } from '../certificates/pdf-text';
import type { SheetRow } from './paper';

export interface SheetLabels {
	site: string;
	heading: string;
	organisation: string;
	workshop: string;
	/** The session in Vietnam time, e.g. "Buổi 2/3: 03/12/2026, 08:00–11:30". */
	when: string;
	venue: string;
	columns: { row: string; name: string; unit: string; contact: string; signature: string };
	walkInNote: string;
	total: string;
	trainer: string;
	trainerNote: string;
	page: (page: number, pages: number) => string;
}

const WIDTH = 595.28;
const HEIGHT = 841.89;
const MARGIN = 36;
const TOP = HEIGHT - 40;
/** The table's bottom edge; the page number sits below it. */
const BOTTOM = 48;
const INK = rgb(0.09, 0.11, 0.13);
const MUTED = rgb(0.33, 0.36, 0.4);
const RULE = rgb(0.55, 0.58, 0.6);
const SHADE = rgb(0.93, 0.95, 0.94);
/** No., name, unit, phone or username, signature: together the page's width between margins. */
const COLUMNS = [28, 150, 116, 90, WIDTH - 2 * MARGIN - 28 - 150 - 116 - 90];
const SIZE = 10;
const LINE = 12.5;
const PAD = 7;
export const HEADER_HEIGHT = 30;
/** Tall enough to sign in. */
export const BLANK_HEIGHT = 28;
export const SIGNATURE_HEIGHT = 110;
export const MIN_BLANK_ROWS = 10;

export interface SheetPage {
	/** Registrant rows on this page, as indices [from, to) into the sheet's rows. */
	from: number;
	to: number;
	/** Blank rows for walk-ins after them. */
	blanks: number;
}

/**
 * Rows into pages: registrants in order, then at least `minBlank` blank rows, and more until the
 * last page is full but for the trainer's signature below the table. `first` and `other` are the
 * heights the table may take on the first page (below the title) and on the others.
 */
export function paginateSheet(
	heights: number[],
	space: { first: number; other: number },
	blank = BLANK_HEIGHT,
	signature = SIGNATURE_HEIGHT,
	minBlank = MIN_BLANK_ROWS
): SheetPage[] {
	const pages: SheetPage[] = [];
	let page: SheetPage = { from: 0, to: 0, blanks: 0 };
	let left = space.first - HEADER_HEIGHT;
	const turn = (at: number) => {
		pages.push(page);
		page = { from: at, to: at, blanks: 0 };
		left = space.other - HEADER_HEIGHT;
	};
	heights.forEach((h, i) => {
		if (h > left && page.to > page.from) turn(i);
		page.to = i + 1;
		left -= h;
	});
	let blanks = 0;
	while (blanks < minBlank || left >= blank + signature || left < signature) {
		if (blank > left) turn(heights.length);
		page.blanks++;
		blanks++;
		left -= blank;
	}
	pages.push(page);
	return pages;
}

interface Fonts {
	regular: PDFFont;
	bold: PDFFont;
}

/** A registrant's row: the name and the unit wrap inside their columns, never past them. */
function cells(row: SheetRow, f: Fonts) {
	const name = wrap(row.fullName, f.bold, SIZE, COLUMNS[1] - 2 * PAD + 2);
	const unit = row.organisation ? wrap(row.organisation, f.regular, 9, COLUMNS[2] - 2 * PAD) : [];
	const lines = Math.max(name.length, unit.length, accountLines(row.account, f.regular).length);
	const height = Math.max(BLANK_HEIGHT, lines * LINE + 2 * PAD);
	return { name, unit, height };
}

/** An e-mail address too wide for its column breaks before the @. */
function accountLines(account: string, font: PDFFont): string[] {
	const at = account.indexOf('@');
	if (at <= 0 || font.widthOfTextAtSize(account, 8.5) <= COLUMNS[3] - 10) return [account];
	return [account.slice(0, at), account.slice(at)];
}

export async function renderSheetPdf(rows: SheetRow[], labels: SheetLabels): Promise<Uint8Array> {
	const bytes = await certificateFonts();
	const pdf = await PDFDocument.create();
	pdf.registerFontkit(fontkit);
	const [regular, bold] = await Promise.all(
		[bytes.regular, bytes.bold].map((b) => pdf.embedFont(b, { subset: true }))
	);
	const f = { regular, bold };
	pdf.setTitle(`${labels.heading} — ${labels.workshop}`);
	pdf.setCreator(labels.site);
	pdf.setProducer(labels.site);
	pdf.setLanguage('vi-VN');
	const laid = rows.map((r) => cells(r, f));
	const titleLines = balancedWrap(labels.workshop, bold, 13, WIDTH - 2 * MARGIN);
	const firstTop = TOP - 64 - titleLines.length * 17 - 2 * 15;
	const otherTop = TOP - 24;
	const pages = paginateSheet(
		laid.map((c) => c.height),
		{ first: firstTop - BOTTOM, other: otherTop - BOTTOM }
	);
	let number = 0;
	pages.forEach((p, i) => {
		const page = pdf.addPage([WIDTH, HEIGHT]);
		let y = i === 0 ? titleBlock(page, labels, titleLines, f) : runningHead(page, labels, f);
		y = tableHeader(page, y, labels, f);
		for (let r = p.from; r < p.to; r++) {
			const c = laid[r];
			drawRow(page, y, c.height, ++number, f, (x) => {
				c.name.forEach((line, k) =>
					page.drawText(line, {
						x: x[1],
						y: y - PAD - 9 - k * LINE,
						size: SIZE,
						font: bold,
						color: INK
					})
				);
				c.unit.forEach((line, k) =>
					page.drawText(line, {
						x: x[2],
						y: y - PAD - 9 - k * LINE,
						size: 9,
						font: regular,
						color: MUTED
					})
				);
				accountLines(rows[r].account, regular).forEach((line, k) =>
					page.drawText(line, {
						x: x[3],
						y: y - PAD - 9 - k * LINE,
						size: fitSize(line, regular, 8.5, COLUMNS[3] - 10, 6),
						font: regular,
						color: MUTED
					})
				);
			});
			y -= c.height;
		}
		for (let b = 0; b < p.blanks; b++) {
			drawRow(page, y, BLANK_HEIGHT, ++number, f);
			y -= BLANK_HEIGHT;
		}
		if (i === pages.length - 1) signatureBlock(page, y, labels, f);
		const folio = labels.page(i + 1, pages.length);
		const w = regular.widthOfTextAtSize(folio, 9);
		page.drawText(folio, { x: (WIDTH - w) / 2, y: 24, size: 9, font: regular, color: MUTED });
	});
	return pdf.save();
}

function titleBlock(page: PDFPage, labels: SheetLabels, title: string[], f: Fonts): number {
	let y = TOP - 10;
	const organisation = labels.organisation.toLocaleUpperCase('vi');
	page.drawText(organisation, {
		x: MARGIN,
		y,
		size: fitSize(organisation, f.bold, 10, WIDTH - 2 * MARGIN, 6),
		font: f.bold,
		color: INK
	});
	y -= 30;
	const centre = (text: string, size: number, font: PDFFont, color = INK) => {
		const w = font.widthOfTextAtSize(text, size);
		page.drawText(text, { x: Math.max(MARGIN, (WIDTH - w) / 2), y, size, font, color });
	};
	centre(labels.heading, 15, f.bold);
	y -= 24;
	for (const line of title) {
		centre(line, 13, f.bold);
		y -= 17;
	}
	for (const line of [labels.when, labels.venue]) {
		centre(line, 10, f.regular, MUTED);
		y -= 15;
	}
	return y - 6;
}

/** On the pages after the first: which sheet this is, in a line. */
function runningHead(page: PDFPage, labels: SheetLabels, f: Fonts): number {
	const text = `${labels.workshop} · ${labels.when}`;
	const line = wrap(text, f.regular, 9, WIDTH - 2 * MARGIN)[0] ?? '';
	page.drawText(line === text ? text : `${line}…`, {
		x: MARGIN,
		y: TOP - 6,
		size: 9,
		font: f.regular,
		color: MUTED
	});
	return TOP - 24;
}

const columnX = () =>
	COLUMNS.map((_, i) => MARGIN + COLUMNS.slice(0, i).reduce((a, b) => a + b, 0));

function tableHeader(page: PDFPage, y: number, labels: SheetLabels, f: Fonts): number {
	const x = columnX();
	page.drawRectangle({
		x: MARGIN,
		y: y - HEADER_HEIGHT,
		width: WIDTH - 2 * MARGIN,
		height: HEADER_HEIGHT,
		color: SHADE
	});
	const c = labels.columns;
	[c.row, c.name, c.unit, c.contact, c.signature].forEach((text, i) => {
		const lines = wrap(text, f.bold, 8.5, COLUMNS[i] - 8).slice(0, 2);
		lines.forEach((line, k) =>
			page.drawText(line, {
				x: x[i] + 4,
				y: y - (lines.length === 1 ? 18 : 12.5 + k * 10),
				size: fitSize(line, f.bold, 8.5, COLUMNS[i] - 8, 6),
				font: f.bold,
				color: INK
			})
		);
	});
	grid(page, y, HEADER_HEIGHT);
	return y - HEADER_HEIGHT;
}

function grid(page: PDFPage, y: number, height: number) {
	const line = { thickness: 0.6, color: RULE };
	page.drawLine({ start: { x: MARGIN, y }, end: { x: WIDTH - MARGIN, y }, ...line });
	const bottom = y - height;
	page.drawLine({
		start: { x: MARGIN, y: bottom },
		end: { x: WIDTH - MARGIN, y: bottom },
		...line
	});
	for (const x of [...columnX(), WIDTH - MARGIN])
		page.drawLine({ start: { x, y }, end: { x, y: bottom }, ...line });
}

function drawRow(
	page: PDFPage,
	y: number,
	height: number,
	number: number,
	f: Fonts,
	content?: (x: number[]) => void
) {
	const x = columnX().map((v) => v + 5);
	const label = String(number);
	const w = f.regular.widthOfTextAtSize(label, SIZE);
	page.drawText(label, {
		x: MARGIN + COLUMNS[0] - 6 - w,
		y: y - PAD - 9,
		size: SIZE,
		font: f.regular,
		color: INK
	});
	content?.(x);
	grid(page, y, height);
}

function signatureBlock(page: PDFPage, y: number, labels: SheetLabels, f: Fonts) {
	const top = y - 22;
	page.drawText(labels.walkInNote, {
		x: MARGIN,
		y: y - 13,
		size: fitSize(labels.walkInNote, f.regular, 8.5, WIDTH - 2 * MARGIN, 6),
		font: f.regular,
		color: MUTED
	});
	page.drawText(labels.total, { x: MARGIN, y: top - 18, size: 10, font: f.regular, color: INK });
	const centreX = WIDTH - MARGIN - 110;
	const centre = (text: string, dy: number, size: number, font: PDFFont) => {
		const w = font.widthOfTextAtSize(text, size);
		page.drawText(text, { x: centreX - w / 2, y: top - dy, size, font, color: INK });
	};
	centre(labels.trainer, 18, 10.5, f.bold);
	centre(labels.trainerNote, 32, 9, f.regular);
}
