// One spelling of Vietnamese throughout: the tone mark on the first vowel of an open "oa", "oe"
// or "uy" ("khóa", "xóa", "hòa", "thủy"), as the platform's messages, courses, report and
// certificate write it. Readers notice "khoá" beside "khóa" on one page; this keeps them out.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/** An old-style syllable: tone on the second vowel of an open oa/oe/uy (not "quý", where u is q's). */
const OLD_STYLE = /(?<![\p{L}q])\p{L}*?(?<!q)(?:o[àáảãạ]|o[èéẻẽẹ]|u[ỳýỷỹỵ])(?!\p{L})/giu;

function oldStyleSpellings(text: string): string[] {
	return [...text.matchAll(OLD_STYLE)].map((m) => m[0]);
}

function filesUnder(dir: string, ends: RegExp): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) return filesUnder(path, ends);
		return ends.test(name) ? [path] : [];
	});
}

describe('Vietnamese spelling', () => {
	it('finds old-style tone marks and leaves the house style alone', () => {
		expect(oldStyleSpellings('Khoá học, xoá, Cộng hoà, thuỷ lợi, Uỷ ban')).toEqual([
			'Khoá',
			'xoá',
			'hoà',
			'thuỷ',
			'Uỷ'
		]);
		expect(oldStyleSpellings('khóa học, xóa, hòa, thủy, quý, hoàn thành, toàn bộ, khoảng')).toEqual(
			[]
		);
	});

	it('is kept by every Vietnamese text the platform ships', () => {
		const texts = [
			'messages/vi.json',
			...filesUnder('courses', /\.(md|ya?ml)$/),
			...filesUnder('src', /\.(svelte|ts)$/).filter(
				(f) => !f.includes('paraglide') && !f.endsWith('spelling.test.ts')
			)
		];
		const found = Object.fromEntries(
			texts
				.map((file) => [file, oldStyleSpellings(readFileSync(file, 'utf8'))] as const)
				.filter(([, words]) => words.length > 0)
		);
		expect(found).toEqual({});
	});
});
