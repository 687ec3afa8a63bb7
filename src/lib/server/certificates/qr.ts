import QRCode from 'qrcode';

/**
 * A QR code as one SVG path of unit squares (rows of adjacent dark modules merged), to draw as
 * vectors: sharp at any zoom or print size, and a few hundred bytes in the PDF.
 */
export function qrPath(text: string): { path: string; size: number } {
	const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
	const size = modules.size;
	let path = '';
	for (let row = 0; row < size; row++) {
		let col = 0;
		while (col < size) {
			if (!modules.get(row, col)) {
				col++;
				continue;
			}
			const start = col;
			while (col < size && modules.get(row, col)) col++;
			path += `M${start} ${row}h${col - start}v1h${start - col}z`;
		}
	}
	return { path, size };
}
