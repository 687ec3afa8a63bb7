/** Bitcoin's base58 alphabet, as multibase's "z" prefix (base58btc) uses it. */
const ALPHABET = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
const INDEX = new Map([...ALPHABET].map((c, i) => [c, i]));

export function encodeBase58(bytes: Uint8Array): string {
	let zeros = 0;
	while (zeros < bytes.length && bytes[zeros] === 0) zeros++;
	let n = 0n;
	for (const b of bytes) n = n * 256n + BigInt(b);
	let out = '';
	while (n > 0n) {
		out = ALPHABET[Number(n % 58n)] + out;
		n /= 58n;
	}
	return '1'.repeat(zeros) + out;
}

/** Throws on a character outside the alphabet. */
export function decodeBase58(text: string): Uint8Array {
	let zeros = 0;
	while (zeros < text.length && text[zeros] === '1') zeros++;
	let n = 0n;
	for (const c of text) {
		const digit = INDEX.get(c);
		if (digit === undefined) throw new Error(`"${c}" is not a base58 character`);
		n = n * 58n + BigInt(digit);
	}
	const bytes: number[] = [];
	while (n > 0n) {
		bytes.unshift(Number(n % 256n));
		n /= 256n;
	}
	return Uint8Array.from([...new Array(zeros).fill(0), ...bytes]);
}

/** Multibase base58btc: "z" then base58. */
export const encodeMultibase = (bytes: Uint8Array) => 'z' + encodeBase58(bytes);

export function decodeMultibase(text: string): Uint8Array {
	if (!text.startsWith('z')) throw new Error('not a base58btc multibase value');
	return decodeBase58(text.slice(1));
}

/** The multicodec prefix of an Ed25519 public key (0xed, varint-encoded). */
const ED25519_PUB = [0xed, 0x01];

/** An Ed25519 public key (32 bytes) as a Multikey's publicKeyMultibase (z6Mk…). */
export function ed25519Multikey(publicKey: Uint8Array): string {
	return encodeMultibase(Uint8Array.from([...ED25519_PUB, ...publicKey]));
}
