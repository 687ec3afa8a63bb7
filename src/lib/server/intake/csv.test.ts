import { describe, expect, it } from 'vitest';
import { decodeUtf8, parseCsv } from './csv';

describe('reading an uploaded CSV', () => {
	it('accepts UTF-8 with or without a byte-order mark', () => {
		const text = 'Họ và tên,Tên đăng nhập\nLê Thị Mai,hs10a1-01\n';
		const bytes = new TextEncoder().encode(text);
		expect(decodeUtf8(bytes)).toBe(text);
		const withBom = new Uint8Array([0xef, 0xbb, 0xbf, ...bytes]);
		expect(parseCsv(decodeUtf8(withBom)!)[1]).toEqual(['Lê Thị Mai', 'hs10a1-01']);
	});

	it('refuses a file in the Windows code page instead of garbling the names', () => {
		// "Lê" and "Hồ" as Excel on Vietnamese Windows saves them (windows-1258): not valid UTF-8.
		const windows1258 = new Uint8Array([0x4c, 0xea, 0x2c, 0x48, 0xf4, 0xcc]);
		expect(decodeUtf8(windows1258)).toBeNull();
	});
});
