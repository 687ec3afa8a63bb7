import type { PDFFont, PDFPage, RGB } from 'pdf-lib';
import { dayParts, formatDay, vietnamDay } from '$lib/vietnam-time';

export interface TextStyle {
	font: PDFFont;
	size: number;
	color: RGB;
}

/** The largest size up to `size` (and no smaller than `min`) at which the text fits the width. */
export function fitSize(text: string, font: PDFFont, size: number, maxWidth: number, min = 8) {
	const width = font.widthOfTextAtSize(text, size);
	return width <= maxWidth ? size : Math.max(min, Math.floor((size * maxWidth) / width));
}

/** Breaks text into lines no wider than maxWidth, at spaces. */
export function wrap(text: string, font: PDFFont, size: number, maxWidth: number): string[] {
	const lines: string[] = [];
	let line = '';
	for (const word of text.split(/\s+/).filter(Boolean)) {
		const candidate = line ? `${line} ${word}` : word;
		if (line && font.widthOfTextAtSize(candidate, size) > maxWidth) {
			lines.push(line);
			line = word;
		} else {
			line = candidate;
		}
	}
	if (line) lines.push(line);
	return lines;
}

/**
 * Wraps into as few lines as a greedy wrap needs, but evens them out, so a long name breaks as
 * "TRUNG TÂM KHUYẾN CÔNG / VÀ XÚC TIẾN THƯƠNG MẠI" and not with one word left on the last line.
 */
export function balancedWrap(text: string, font: PDFFont, size: number, maxWidth: number) {
	const lines = wrap(text, font, size, maxWidth);
	if (lines.length < 2) return lines;
	let low = 0;
	let high = maxWidth;
	while (high - low > 1) {
		const mid = (low + high) / 2;
		if (wrap(text, font, size, mid).length <= lines.length) high = mid;
		else low = mid;
	}
	return wrap(text, font, size, high);
}

/** Draws text centred on x, shrinking it to maxWidth when given. */
export function centred(
	page: PDFPage,
	text: string,
	x: number,
	y: number,
	style: TextStyle,
	maxWidth?: number
): void {
	const size = maxWidth ? fitSize(text, style.font, style.size, maxWidth) : style.size;
	const width = style.font.widthOfTextAtSize(text, size);
	page.drawText(text, { x: x - width / 2, y, size, font: style.font, color: style.color });
}

/** 04/03/2026, as the day was in Viet Nam. */
export function dateVi(iso: string): string {
	return formatDay(vietnamDay(new Date(iso)));
}

/** "ngày 05 tháng 03 năm 2026", as Vietnamese documents date their signature. */
export function longDateVi(iso: string): string {
	const { day, month, year } = dayParts(vietnamDay(new Date(iso)));
	return `ngày ${day} tháng ${month} năm ${year}`;
}

/** A calendar date (YYYY-MM-DD, a birth date) as dd/mm/yyyy. */
export function calendarDateVi(date: string): string {
	const [year, month, day] = date.split('-');
	return `${day}/${month}/${year}`;
}
