/** The printed documents' page, colours, font (Be Vietnam Pro, as the certificates use) and text runs. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { rgb } from 'pdf-lib';

export const A4: [number, number] = [595.28, 841.89];
export const MARGIN = 40;
export const INK = rgb(0.09, 0.11, 0.13);
export const MUTED = rgb(0.33, 0.35, 0.38);
export const GREEN = rgb(0.078, 0.325, 0.176);
export const RULE = rgb(0.62, 0.64, 0.66);
export const SHADE = rgb(0.93, 0.95, 0.93);

export const FONT_FILES = {
	regular: '400Regular/BeVietnamPro_400Regular.ttf',
	italic: '400Regular_Italic/BeVietnamPro_400Regular_Italic.ttf',
	bold: '700Bold/BeVietnamPro_700Bold.ttf'
} as const;
export type FontName = keyof typeof FONT_FILES;

let fontBytes: Record<FontName, Uint8Array> | undefined;
export function fonts(): Record<FontName, Uint8Array> {
	const require = createRequire(import.meta.url);
	fontBytes ??= Object.fromEntries(
		Object.entries(FONT_FILES).map(([name, file]) => [
			name,
			new Uint8Array(readFileSync(require.resolve(`@expo-google-fonts/be-vietnam-pro/${file}`)))
		])
	) as Record<FontName, Uint8Array>;
	return fontBytes;
}

export type Run = { text: string; bold: boolean };

/** Characters the font lacks, as lessons may use them, and what is printed instead. */
export const SUBSTITUTES: Record<string, string> = { '→': '›', '☐': '[ ]' };
export interface TableColumn {
	header: string;
	/** Relative width. */
	width: number;
	align?: 'left' | 'center';
}
export interface TableOptions {
	size?: number;
	/** Empty rows to write in, each this tall (points). */
	blankRows?: number;
	blankHeight?: number;
	/** A second header line per column (the column number and its rule). */
	subheaders?: string[];
	shadeFirstColumn?: boolean;
	/** A heading kept on the same page as the table's start (the whole table when it fits). */
	title?: string;
}

/** "**bold** plain" as runs. */
export function runsOf(text: string): Run[] {
	return text
		.split(/(\*\*[^*]+\*\*)/)
		.filter(Boolean)
		.map((part) =>
			part.startsWith('**') ? { text: part.slice(2, -2), bold: true } : { text: part, bold: false }
		);
}
