import { describe, expect, it } from 'vitest';
import { localPath } from './local-path';

const HOME = '/dashboard';

describe('localPath', () => {
	it.each([
		['/courses/sxsh-truong-nghe', '/courses/sxsh-truong-nghe'],
		['/en/manage/cohorts/1?tab=matrix#learners', '/en/manage/cohorts/1?tab=matrix#learners'],
		['/courses?q=d%E1%BB%ABa', '/courses?q=d%E1%BB%ABa'],
		// Dot segments are resolved as the browser would, and stay on the site.
		['/a/../admin', '/admin']
	])('keeps the local path %s', (value, expected) => {
		expect(localPath(value, HOME)).toBe(expected);
	});

	it.each([
		// The reported attack: a tab (or newline) the browser drops, leaving //evil.example.
		'/\t/evil.example',
		'/\n/evil.example',
		'/\r\n/evil.example',
		'//evil.example',
		'/\\evil.example',
		'\\\\evil.example',
		'/\\/evil.example',
		'https://evil.example/',
		'http:evil.example',
		'javascript:alert(1)',
		'evil.example',
		'',
		null,
		undefined
	])('refuses %j', (value) => {
		expect(localPath(value, HOME)).toBe(HOME);
	});

	it('never returns a value with control characters', () => {
		expect(localPath('/courses\n/x', HOME)).toBe('/courses/x');
	});
});
