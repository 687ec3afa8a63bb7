/**
 * Folds text for searching: lower case, no diacritics, đ → d, single spaces. "Nguyễn Văn Đức" and
 * "nguyen van duc" fold to the same string.
 */
export function fold(text: string): string {
	return text
		.normalize('NFD')
		.replace(/\p{Diacritic}/gu, '')
		.replace(/[đĐ]/g, 'd')
		.toLowerCase()
		.replace(/\s+/g, ' ')
		.trim();
}
