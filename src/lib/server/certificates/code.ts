import { randomInt } from 'node:crypto';

/**
 * Crockford-style base32 without the look-alikes 0/O, 1/I/L and U: a code is read off paper and
 * typed by hand as often as it is scanned.
 */
export const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTVWXYZ';
/** 12 characters from 30: about 59 bits, far beyond what anyone can enumerate through /verify. */
export const CODE_LENGTH = 12;

const VALID = new RegExp(`^[${CODE_ALPHABET}]{${CODE_LENGTH}}$`);

/** A fresh verification code, drawn uniformly with the operating system's random generator. */
export function generateCertificateCode(): string {
	let code = '';
	for (let i = 0; i < CODE_LENGTH; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
	return code;
}

/**
 * The code as stored, from what someone typed: case, spaces and hyphens do not matter (the PDF prints
 * it in groups of four). Returns undefined for anything that cannot be a code, so no query is made.
 */
export function normaliseCertificateCode(input: string): string | undefined {
	const code = input.toUpperCase().replace(/[\s-]/g, '');
	return VALID.test(code) ? code : undefined;
}

/** ABCD-EFGH-JKMN: easier to read aloud and to type. */
export function groupCertificateCode(code: string): string {
	return code.match(/.{1,4}/g)?.join('-') ?? code;
}
