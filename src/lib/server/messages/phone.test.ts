import { describe, expect, it } from 'vitest';
import { displayPhone, parseMobileNumber, phoneCodeSchema, phoneNumberSchema } from './phone';

describe('Vietnamese mobile numbers', () => {
	it('writes a mobile number in E.164 however it was typed', () => {
		for (const raw of [
			'0912345678',
			'0912 345 678',
			'091.234.5678',
			'84912345678',
			'+84 912 345 678',
			' +84-912-345-678 '
		])
			expect(parseMobileNumber(raw)).toEqual({ ok: true, e164: '+84912345678' });
		for (const [raw, e164] of [
			['0386 123 456', '+84386123456'],
			['0523456789', '+84523456789'],
			['0703456789', '+84703456789'],
			['0888 000 111', '+84888000111']
		])
			expect(parseMobileNumber(raw)).toEqual({ ok: true, e164 });
	});

	it('refuses landlines, numbers outside the mobile ranges and nonsense, saying which', () => {
		expect(parseMobileNumber('0275 3822 123')).toEqual({ ok: false, reason: 'landline' });
		expect(parseMobileNumber('+84 28 3822 1234')).toEqual({ ok: false, reason: 'landline' });
		// An 11-digit number of the kind retired in 2018, and a 10-digit one in no mobile range.
		expect(parseMobileNumber('01662345678')).toEqual({ ok: false, reason: 'not_mobile' });
		expect(parseMobileNumber('0612345678')).toEqual({ ok: false, reason: 'not_mobile' });
		for (const raw of ['', 'abc', '12345', '+1 555 0100', '0912-345-67a', '09123456789012'])
			expect(parseMobileNumber(raw)).toEqual({ ok: false, reason: 'invalid' });
	});

	it('shows a number as its owner reads it', () => {
		expect(displayPhone('+84912345678')).toBe('0912 345 678');
	});
});

describe('the phone forms', () => {
	it('asks for a mobile number and the consent', () => {
		expect(phoneNumberSchema.safeParse({ number: '0912345678', consent: true }).success).toBe(true);
		const refused = phoneNumberSchema.safeParse({ number: '02753822123', consent: false });
		expect(refused.error?.issues.map((i) => i.path[0])).toEqual(['number', 'consent']);
		expect(phoneNumberSchema.safeParse({ number: ' ', consent: true }).success).toBe(false);
	});

	it('takes a 6-digit code, spaces allowed', () => {
		expect(phoneCodeSchema.parse({ code: '482 913' })).toEqual({ code: '482913' });
		expect(phoneCodeSchema.safeParse({ code: '48291' }).success).toBe(false);
		expect(phoneCodeSchema.safeParse({ code: 'abcdef' }).success).toBe(false);
	});
});
