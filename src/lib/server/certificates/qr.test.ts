import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { qrPath } from './qr';

describe('QR code as a vector path', () => {
	it('draws exactly the dark modules of the code', () => {
		const text = 'https://sxsh.example.vn/verify/K7QM4XR9TZ2B';
		const { path, size } = qrPath(text);
		const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
		expect(size).toBe(modules.size);
		const dark = new Set<string>();
		for (const [, x, y, w] of path.matchAll(/M(\d+) (\d+)h(\d+)v1h-\d+z/g)) {
			for (let i = 0; i < Number(w); i++) dark.add(`${y},${Number(x) + i}`);
		}
		let expected = 0;
		for (let r = 0; r < size; r++)
			for (let c = 0; c < size; c++) {
				if (modules.get(r, c)) {
					expected++;
					expect(dark.has(`${r},${c}`)).toBe(true);
				}
			}
		expect(dark.size).toBe(expected);
	});
});
