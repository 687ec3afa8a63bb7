/**
 * A small flowing layout on pdf-lib for printable forms and the teacher's guide: headings,
 * paragraphs with **bold** runs, lists, tables whose header repeats on each page, and blank rows to
 * write in. A4, Be Vietnam Pro (the certificate's font: every Vietnamese letter), fixed dates.
 */
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, rgb, type PDFFont, type PDFPage, type RGB } from 'pdf-lib';
import {
	A4,
	fonts,
	GREEN,
	INK,
	MARGIN,
	MUTED,
	RULE,
	runsOf,
	SHADE,
	SUBSTITUTES,
	type FontName,
	type Run,
	type TableColumn,
	type TableOptions
} from './pdf-style';

export type { TableColumn, TableOptions } from './pdf-style';
import { FIXED_DATE } from './model';

export class PdfDoc {
	private pdf!: PDFDocument;
	private f!: Record<FontName, PDFFont>;
	private page!: PDFPage;
	private y = 0;
	readonly width: number;
	readonly height: number;

	private constructor(
		landscape: boolean,
		private footer: string
	) {
		[this.width, this.height] = landscape ? [A4[1], A4[0]] : A4;
	}

	static async create(
		meta: { title: string; subject: string; footer: string },
		landscape: boolean
	): Promise<PdfDoc> {
		const doc = new PdfDoc(landscape, meta.footer);
		doc.pdf = await PDFDocument.create({ updateMetadata: false });
		doc.pdf.registerFontkit(fontkit);
		const bytes = fonts();
		const embed = (name: FontName) =>
			doc.pdf.embedFont(bytes[name], { subset: true, customName: `BeVietnamPro-${name}` });
		doc.f = {
			regular: await embed('regular'),
			italic: await embed('italic'),
			bold: await embed('bold')
		};
		doc.pdf.setTitle(meta.title);
		doc.pdf.setSubject(meta.subject);
		doc.pdf.setAuthor('Sạch Hơn');
		doc.pdf.setCreator('Sạch Hơn');
		doc.pdf.setProducer('Sạch Hơn');
		doc.pdf.setLanguage('vi-VN');
		doc.pdf.setCreationDate(FIXED_DATE);
		doc.pdf.setModificationDate(FIXED_DATE);
		doc.newPage();
		return doc;
	}

	get contentWidth(): number {
		return this.width - 2 * MARGIN;
	}

	newPage(): void {
		this.page = this.pdf.addPage([this.width, this.height]);
		this.y = this.height - MARGIN;
	}

	/** Starts a new page unless `h` points still fit. */
	ensure(h: number): void {
		if (this.y - h < MARGIN + 18) this.newPage();
	}

	space(h: number): void {
		this.y -= h;
	}

	private font(run: Run, italic: boolean): PDFFont {
		return run.bold ? this.f.bold : italic ? this.f.italic : this.f.regular;
	}

	private check(text: string): void {
		for (const ch of text) {
			const code = ch.codePointAt(0)!;
			if (code < 32) continue;
			for (const f of Object.values(this.f)) {
				const glyphs = (
					f as unknown as { embedder: { font: { hasGlyphForCodePoint(c: number): boolean } } }
				).embedder.font;
				if (!glyphs.hasGlyphForCodePoint(code))
					throw new Error(`the font has no "${ch}" (U+${code.toString(16)}): in "${text}"`);
			}
		}
	}

	/** Lines of runs no wider than `width`. */
	private wrap(text: string, size: number, width: number, italic = false, bold = false): Run[][] {
		text = text.replace(/[→☐]/g, (ch) => SUBSTITUTES[ch]);
		this.check(text);
		const lines: Run[][] = [];
		for (const paragraph of text.split('\n')) {
			let line: Run[] = [];
			let lineWidth = 0;
			for (const run of runsOf(paragraph)) {
				const r = { ...run, bold: run.bold || bold };
				for (const word of r.text.split(/(?<= )/)) {
					const w = this.font(r, italic).widthOfTextAtSize(word, size);
					const trimmed = this.font(r, italic).widthOfTextAtSize(word.trimEnd(), size);
					if (lineWidth + trimmed > width && line.length) {
						lines.push(line);
						line = [];
						lineWidth = 0;
						if (!word.trim()) continue;
					}
					const last = line.at(-1);
					if (last && last.bold === r.bold) last.text += word;
					else line.push({ text: word, bold: r.bold });
					lineWidth += w;
				}
			}
			lines.push(line.length ? line : [{ text: '', bold }]);
		}
		return lines;
	}

	private drawLine(line: Run[], x: number, y: number, size: number, color: RGB, italic: boolean) {
		for (const run of line) {
			const font = this.font(run, italic);
			const text = run === line.at(-1) ? run.text.trimEnd() : run.text;
			this.page.drawText(text, { x, y, size, font, color });
			x += font.widthOfTextAtSize(run.text, size);
		}
	}

	/** A heading, kept on one page with the next `keep` points of what follows it. */
	heading(text: string, level: 1 | 2 | 3 = 2, keep = 60): void {
		const size = level === 1 ? 17 : level === 2 ? 13 : 11;
		const lines = this.wrap(text, size, this.contentWidth, false, true);
		this.ensure(lines.length * size * 1.3 + 20 + keep);
		this.y -= level === 1 ? 4 : 10;
		for (const line of lines) {
			this.y -= size * 1.25;
			this.drawLine(line, MARGIN, this.y, size, level === 3 ? INK : GREEN, false);
		}
		if (level <= 2) {
			this.page.drawLine({
				start: { x: MARGIN, y: this.y - 4 },
				end: { x: MARGIN + this.contentWidth, y: this.y - 4 },
				thickness: level === 1 ? 1.2 : 0.6,
				color: GREEN
			});
			this.y -= 6;
		}
		this.y -= 4;
	}

	paragraph(
		text: string,
		opts: { size?: number; italic?: boolean; indent?: number; color?: RGB; bullet?: string } = {}
	): void {
		const size = opts.size ?? 10;
		const indent = opts.indent ?? 0;
		const bulletWidth = opts.bullet ? 14 : 0;
		const lines = this.wrap(text, size, this.contentWidth - indent - bulletWidth, opts.italic);
		const lead = size * 1.4;
		lines.forEach((line, i) => {
			this.ensure(lead);
			this.y -= lead;
			if (i === 0 && opts.bullet)
				this.page.drawText(opts.bullet, {
					x: MARGIN + indent,
					y: this.y,
					size,
					font: this.f.regular,
					color: INK
				});
			this.drawLine(
				line,
				MARGIN + indent + bulletWidth,
				this.y,
				size,
				opts.color ?? INK,
				!!opts.italic
			);
		});
		this.y -= size * 0.45;
	}

	bullets(items: string[], numbered = false, size = 10): void {
		items.forEach((item, i) =>
			this.paragraph(item, { size, indent: 6, bullet: numbered ? `${i + 1}.` : '•' })
		);
	}

	note(text: string): void {
		this.paragraph(text, { size: 9, italic: true, color: MUTED });
	}

	/** "Label: ________" fields on one line, sharing the width. */
	fields(labels: string[], size = 10): void {
		this.ensure(28);
		this.y -= 22;
		const w = this.contentWidth / labels.length;
		labels.forEach((label, i) => {
			const x = MARGIN + i * w;
			this.page.drawText(label, { x, y: this.y, size, font: this.f.bold, color: INK });
			const lx = x + this.f.bold.widthOfTextAtSize(label, size) + 4;
			this.page.drawLine({
				start: { x: lx, y: this.y - 2 },
				end: { x: x + w - 12, y: this.y - 2 },
				thickness: 0.5,
				color: RULE
			});
		});
		this.y -= 8;
	}

	/** A table: header (repeated on each new page), given rows, then blank rows to fill in. */
	table(columns: TableColumn[], rows: string[][], opts: TableOptions = {}): void {
		const size = opts.size ?? 8.5;
		const total = columns.reduce((a, c) => a + c.width, 0);
		const widths = columns.map((c) => (c.width / total) * this.contentWidth);
		const pad = 3;
		const cellLines = (texts: string[], bold: boolean, italic = false) =>
			texts.map((t, i) => this.wrap(t, size, widths[i] - 2 * pad, italic, bold));
		const heightOf = (lines: Run[][][]) =>
			Math.max(...lines.map((l) => l.length)) * size * 1.3 + 2 * pad;
		const header = cellLines(
			columns.map((c) => c.header),
			true
		);
		const sub = opts.subheaders ? cellLines(opts.subheaders, false, true) : null;
		const drawRow = (lines: Run[][][], h: number, fill?: RGB, color = INK, italic = false) => {
			let x = MARGIN;
			lines.forEach((cell, i) => {
				this.page.drawRectangle({
					x,
					y: this.y - h,
					width: widths[i],
					height: h,
					borderColor: RULE,
					borderWidth: 0.5,
					color: fill ?? (opts.shadeFirstColumn && i === 0 ? SHADE : undefined)
				});
				cell.forEach((line, k) => {
					const lineWidth = line.reduce(
						(a, r) => a + this.font(r, italic).widthOfTextAtSize(r.text.trimEnd(), size),
						0
					);
					const dx =
						columns[i].align === 'center' || fill ? (widths[i] - 2 * pad - lineWidth) / 2 : 0;
					this.drawLine(
						line,
						x + pad + Math.max(0, dx),
						this.y - pad - size * (k + 1) * 1.3 + size * 0.3,
						size,
						color,
						italic
					);
				});
				x += widths[i];
			});
			this.y -= h;
		};
		const drawHeader = () => {
			drawRow(header, heightOf(header), GREEN, rgb(1, 1, 1));
			if (sub) drawRow(sub, heightOf(sub), SHADE, MUTED, true);
		};
		const headerHeight = heightOf(header) + (sub ? heightOf(sub) : 0);
		const rowHeights = [
			...rows.map((row) => heightOf(cellLines(row, false))),
			...Array<number>(opts.blankRows ?? 0).fill(opts.blankHeight ?? 20)
		];
		// A short table is kept whole; a long one starts here when its header and first three rows
		// fit, and continues overleaf under a repeated header.
		const whole = headerHeight + rowHeights.reduce((a, b) => a + b, 0);
		const short = whole < (this.height - 2 * MARGIN) * 0.45;
		const start = short ? whole : headerHeight + rowHeights.slice(0, 3).reduce((a, b) => a + b, 0);
		this.ensure((opts.title ? 40 : 0) + start);
		if (opts.title) this.heading(opts.title, 3, 0);
		drawHeader();
		const place = (h: number) => {
			if (this.y - h < MARGIN + 18) {
				this.newPage();
				drawHeader();
			}
		};
		for (const row of rows) {
			const lines = cellLines(row, false);
			const h = heightOf(lines);
			place(h);
			drawRow(lines, h);
		}
		for (let k = 0; k < (opts.blankRows ?? 0); k++) {
			const h = opts.blankHeight ?? 20;
			place(h);
			drawRow(
				columns.map(() => [[{ text: '', bold: false }]]),
				h
			);
		}
		this.y -= 8;
	}

	/** An empty framed area to draw in (the flow chart), with a caption inside at the top. */
	box(height: number, caption: string): void {
		this.ensure(height + 4);
		this.page.drawRectangle({
			x: MARGIN,
			y: this.y - height,
			width: this.contentWidth,
			height,
			borderColor: RULE,
			borderWidth: 0.7
		});
		this.page.drawText(caption, {
			x: MARGIN + 6,
			y: this.y - 14,
			size: 8.5,
			font: this.f.italic,
			color: MUTED
		});
		this.y -= height + 8;
	}

	/** Footers ("Sạch Hơn · …  Trang n/N") on every page, then the bytes. */
	async save(): Promise<Uint8Array> {
		const pages = this.pdf.getPages();
		pages.forEach((p, i) => {
			const size = 7.5;
			p.drawText(this.footer, { x: MARGIN, y: 22, size, font: this.f.regular, color: MUTED });
			const label = `Trang ${i + 1}/${pages.length}`;
			p.drawText(label, {
				x: this.width - MARGIN - this.f.regular.widthOfTextAtSize(label, size),
				y: 22,
				size,
				font: this.f.regular,
				color: MUTED
			});
		});
		return this.pdf.save({ useObjectStreams: true });
	}
}
