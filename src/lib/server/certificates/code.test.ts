import { describe, expect, it } from 'vitest';
import {
	CODE_ALPHABET,
	CODE_LENGTH,
	generateCertificateCode,
	groupCertificateCode,
	normaliseCertificateCode
} from './code';

describe('certificate codes', () => {
	it('has no look-alike characters in its alphabet', () => {
		expect(CODE_ALPHABET).toHaveLength(30);
		expect(CODE_ALPHABET).not.toMatch(/[01OILU]/);
		expect(new Set(CODE_ALPHABET).size).toBe(CODE_ALPHABET.length);
	});

	it('generates 12 characters from the alphabet, never the same twice', () => {
		const seen = new Set<string>();
		for (let i = 0; i < 2000; i++) {
			const code = generateCertificateCode();
			expect(code).toHaveLength(CODE_LENGTH);
			expect([...code].every((c) => CODE_ALPHABET.includes(c))).toBe(true);
			seen.add(code);
		}
		expect(seen.size).toBe(2000);
	});

	it('uses every character of the alphabet', () => {
		const used = new Set(Array.from({ length: 300 }, generateCertificateCode).join(''));
		expect(used.size).toBe(CODE_ALPHABET.length);
	});

	it('reads a typed code whatever its case, spaces and hyphens', () => {
		expect(normaliseCertificateCode('abcd-efgh-jkmn')).toBe('ABCDEFGHJKMN');
		expect(normaliseCertificateCode(' 2345 6789 ABCD ')).toBe('23456789ABCD');
		expect(groupCertificateCode('ABCDEFGHJKMN')).toBe('ABCD-EFGH-JKMN');
	});

	it('refuses what cannot be a code', () => {
		for (const input of [
			'',
			'ABCDEFGHJKM',
			'ABCDEFGHJKMNP',
			'ABCDEFGHJKM0',
			'ABCDEFGHJKMU',
			'../../etc'
		]) {
			expect(normaliseCertificateCode(input)).toBeUndefined();
		}
	});
});
