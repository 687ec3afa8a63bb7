/**
 * Folds text for searching: lower case, no diacritics, đ → d, single spaces. "Nguyễn Văn Đức" and
 * "nguyen van duc" fold to the same string.
 */
export function fold(text: string): string {
	return plainLetters(text).toLowerCase().replace(/\s+/g, ' ').trim();
}

/** The letters without their diacritics, case kept, đ → d and Đ → D: "CĐ Điện" → "CD Dien". */
export function plainLetters(text: string): string {
	return text
		.normalize('NFD')
		.replace(/\p{Diacritic}/gu, '')
		.replace(/đ/g, 'd')
		.replace(/Đ/g, 'D');
}
