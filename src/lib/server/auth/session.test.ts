import { describe, expect, it } from 'vitest';
import { generateSessionToken, sessionIdFromToken } from './session';
import { parseIdentifier } from './identifier';

describe('session tokens', () => {
	it('are 32 base32 characters (160 random bits) and never repeat', () => {
		const tokens = new Set(Array.from({ length: 1000 }, generateSessionToken));
		expect(tokens.size).toBe(1000);
		for (const t of tokens) expect(t).toMatch(/^[a-z2-7]{32}$/);
	});

	it('are stored only as their SHA-256', () => {
		const token = generateSessionToken();
		const id = sessionIdFromToken(token);
		expect(id).toMatch(/^[0-9a-f]{64}$/);
		expect(id).not.toContain(token);
		expect(sessionIdFromToken(token)).toBe(id);
		// SHA-256 of "abc", a published test vector.
		expect(sessionIdFromToken('abc')).toBe(
			'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'
		);
	});
});

describe('identifiers', () => {
	it('tell e-mail addresses from usernames and normalise case and space', () => {
		expect(parseIdentifier('  Lan.Nguyen@Example.VN ')).toEqual({
			kind: 'email',
			value: 'lan.nguyen@example.vn'
		});
		expect(parseIdentifier('HS10A1-05')).toEqual({ kind: 'username', value: 'hs10a1-05' });
	});
});
