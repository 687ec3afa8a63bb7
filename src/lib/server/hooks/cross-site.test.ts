import { describe, expect, it } from 'vitest';
import { correctProtocol, isSameSiteOrigin, needsSameSite } from './cross-site';

describe('isSameSiteOrigin without ORIGIN', () => {
	it.each([
		['http://localhost:3000', 'http://localhost:3000/sign-in', true],
		['http://127.0.0.1:3000', 'http://127.0.0.1:3000/sign-in', true],
		['http://192.168.1.20:3000', 'http://192.168.1.20:3000/sign-up', true],
		// adapter-node's reconstructed https address: the host decides, not the scheme.
		['http://localhost:3000', 'https://localhost:3000/sign-in', true],
		['http://evil.example', 'http://localhost:3000/sign-in', false],
		['http://localhost:4000', 'http://localhost:3000/sign-in', false],
		['http://localhost', 'http://localhost:3000/sign-in', false],
		['null', 'http://localhost:3000/sign-in', false],
		[null, 'http://localhost:3000/sign-in', false],
		['not a url', 'http://localhost:3000/sign-in', false]
	])('%s posting to %s → %s', (origin, url, expected) => {
		expect(isSameSiteOrigin(origin, new URL(url), undefined)).toBe(expected);
	});
});

describe('isSameSiteOrigin with ORIGIN', () => {
	const configured = 'https://sxsh.example.vn';
	it.each([
		['https://sxsh.example.vn', true],
		['http://sxsh.example.vn', false],
		['https://evil.example', false],
		[null, false]
	])('%s → %s', (origin, expected) => {
		expect(isSameSiteOrigin(origin, new URL('https://sxsh.example.vn/sign-in'), configured)).toBe(
			expected
		);
	});

	it('compares with ORIGIN, not with the Host header', () => {
		const url = new URL('https://internal-host:3000/sign-in');
		expect(isSameSiteOrigin('https://internal-host:3000', url, configured)).toBe(false);
	});
});

describe('correctProtocol', () => {
	it('says http when neither ORIGIN nor PROTOCOL_HEADER is set', () => {
		const url = new URL('https://192.168.1.20:3000/dashboard');
		correctProtocol(url, {});
		expect(url.href).toBe('http://192.168.1.20:3000/dashboard');
	});

	it.each([{ ORIGIN: 'https://sxsh.example.vn' }, { PROTOCOL_HEADER: 'x-forwarded-proto' }])(
		'leaves the address alone with %o',
		(env) => {
			const url = new URL('https://sxsh.example.vn/dashboard');
			correctProtocol(url, env);
			expect(url.protocol).toBe('https:');
		}
	);
});

describe('needsSameSite', () => {
	it('lets only the one-click unsubscribe (RFC 8058) be posted from another site', () => {
		expect(needsSameSite('/unsubscribe/[token]')).toBe(false);
		for (const routeId of ['/sign-in', '/reset', '/unsubscribe', '/account/messages', null])
			expect(needsSameSite(routeId), String(routeId)).toBe(true);
	});
});
