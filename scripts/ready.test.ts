import { describe, expect, it } from 'vitest';
import { databaseDescription, readyLines } from './ready.js';

describe('readyLines', () => {
	it('ends with the address and the embedded database by default', () => {
		const lines = readyLines({}, []);
		expect(lines.at(-1)).toBe(
			'Sạch Hơn is ready at http://localhost:3000 — database: embedded PostgreSQL (PGlite) in ./data'
		);
	});

	it('names the addresses a phone on the network can open', () => {
		const lines = readyLines({ PORT: '8080' }, ['192.168.1.20']);
		expect(lines[0]).toBe('Other devices on this network: http://192.168.1.20:8080');
		expect(lines.at(-1)).toContain('http://localhost:8080');
	});

	it('says the public address when ORIGIN is set, and never the database password', () => {
		const lines = readyLines(
			{
				ORIGIN: 'https://sxsh.example.vn',
				DATABASE_URL: 'postgres://app:secret@db.internal:5432/sachhon'
			},
			['192.168.1.20']
		);
		expect(lines.at(-1)).toBe(
			'Sạch Hơn is ready at https://sxsh.example.vn — database: PostgreSQL at db.internal:5432/sachhon'
		);
		expect(lines.join('\n')).not.toContain('secret');
	});

	it('describes a bad DATABASE_URL without echoing it', () => {
		expect(databaseDescription({ DATABASE_URL: 'postgres://a:b@' })).toBe('PostgreSQL');
	});
});
