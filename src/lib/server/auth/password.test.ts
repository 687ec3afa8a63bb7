import { describe, expect, it } from 'vitest';
import { hashPassword, passwordProblem, verifyPassword } from './password';

describe('password policy', () => {
	it('asks for at least 8 characters, counting Vietnamese letters as one each', () => {
		expect(passwordProblem('ngắn')).toBe('too_short');
		expect(passwordProblem('Bảy chữ')).toBe('too_short');
		expect(passwordProblem('dừa xiêm xanh')).toBeNull();
	});

	it('refuses common passwords, English and Vietnamese, whatever their case', () => {
		expect(passwordProblem('password')).toBe('common');
		expect(passwordProblem('12345678')).toBe('common');
		expect(passwordProblem('Qwerty123')).toBe('common');
		expect(passwordProblem('matkhau123')).toBe('common');
		expect(passwordProblem('AnhYeuEm123')).toBe('common');
	});

	it('refuses the account name as the password', () => {
		expect(passwordProblem('tranvanbinh', ['tranvanbinh'])).toBe('common');
	});

	it('sets no composition rules beyond that', () => {
		expect(passwordProblem('trồng dừa ở bến tre')).toBeNull();
		expect(passwordProblem('x'.repeat(300))).toBe('too_long');
	});
});

describe('argon2id hashing', () => {
	it('verifies the right password only', async () => {
		const hashed = await hashPassword('dừa xiêm xanh');
		expect(hashed).toMatch(/^\$argon2id\$/);
		expect(await verifyPassword(hashed, 'dừa xiêm xanh')).toBe(true);
		expect(await verifyPassword(hashed, 'dua xiem xanh')).toBe(false);
		expect(await verifyPassword('not a hash', 'anything')).toBe(false);
	});
});
