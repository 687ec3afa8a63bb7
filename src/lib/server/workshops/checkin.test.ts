import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
	checkInCode,
	checkInPass,
	verifyCheckInPass,
	deriveCheckInSecret,
	secondsToNextCode,
	verifyCheckIn,
	withinCheckInWindow
} from './checkin';

const secret = deriveCheckInSecret(randomBytes(48));
const session = {
	id: '0b8f2a9e-5c1d-4f3a-9e7b-2d6c8a1f4e30',
	startsAt: new Date('2026-12-03T01:00:00Z'),
	endsAt: new Date('2026-12-03T04:00:00Z')
};
const at = (iso: string) => new Date(iso);

describe('rotating check-in codes', () => {
	const now = at('2026-12-03T02:00:10Z');
	const code = checkInCode(secret, session, now)!;

	it('makes a URL-safe code of the session and a 96-bit mac', () => {
		expect(code).toMatch(/^[0-9a-f-]{36}\.[A-Za-z0-9_-]{16}$/);
		expect(encodeURIComponent(code)).toBe(code);
	});
	it('accepts the current and the previous step, not older ones', () => {
		expect(verifyCheckIn(secret, code, now)).toBe(session.id);
		expect(verifyCheckIn(secret, code, at('2026-12-03T02:00:45Z'))).toBe(session.id);
		expect(verifyCheckIn(secret, code, at('2026-12-03T02:01:00Z'))).toBeNull();
		// A code from the future (a clock ahead) is not accepted either.
		expect(verifyCheckIn(secret, code, at('2026-12-03T01:59:50Z'))).toBeNull();
	});
	it('changes every 30 seconds and per session', () => {
		expect(checkInCode(secret, session, at('2026-12-03T02:00:29Z'))).toBe(code);
		expect(checkInCode(secret, session, at('2026-12-03T02:00:30Z'))).not.toBe(code);
		const other = { ...session, id: '1b8f2a9e-5c1d-4f3a-9e7b-2d6c8a1f4e30' };
		expect(checkInCode(secret, other, now)!.split('.')[1]).not.toBe(code.split('.')[1]);
		expect(secondsToNextCode(at('2026-12-03T02:00:10Z'))).toBe(20);
	});
	it('refuses a tampered code, another session’s id, another secret and junk', () => {
		const [id, mac] = code.split('.');
		const flipped = mac.slice(0, -1) + (mac.endsWith('A') ? 'B' : 'A');
		expect(verifyCheckIn(secret, `${id}.${flipped}`, now)).toBeNull();
		// Every character carries six bits of the mac: changing any one is refused.
		for (let i = 0; i < mac.length; i++) {
			const other = mac[i] === 'A' ? 'B' : 'A';
			expect(
				verifyCheckIn(secret, `${id}.${mac.slice(0, i)}${other}${mac.slice(i + 1)}`, now)
			).toBeNull();
		}
		expect(verifyCheckIn(secret, `1b8f2a9e-5c1d-4f3a-9e7b-2d6c8a1f4e30.${mac}`, now)).toBeNull();
		expect(verifyCheckIn(deriveCheckInSecret(randomBytes(48)), code, now)).toBeNull();
		for (const junk of ['', id, `${id}.`, `${id}.${mac}x`, 'x'.repeat(51)])
			expect(verifyCheckIn(secret, junk, now)).toBeNull();
	});
	it('shows no code outside the session’s window', () => {
		expect(checkInCode(secret, session, at('2026-12-03T00:29:59Z'))).toBeNull();
		expect(checkInCode(secret, session, at('2026-12-03T00:30:00Z'))).not.toBeNull();
		expect(checkInCode(secret, session, at('2026-12-03T05:00:00Z'))).not.toBeNull();
		expect(checkInCode(secret, session, at('2026-12-03T05:00:01Z'))).toBeNull();
		const tight = { opensMinutesBefore: 5, closesMinutesAfter: 0 };
		expect(withinCheckInWindow(session, at('2026-12-03T00:54:00Z'), tight)).toBe(false);
		expect(withinCheckInWindow(session, at('2026-12-03T00:55:00Z'), tight)).toBe(true);
	});
});

describe('the pass that outlives a code while its holder signs in', () => {
	const now = at('2026-12-03T02:00:10Z');
	const pass = checkInPass(secret, session.id, now);

	it('names the session for ten minutes, and not a minute more', () => {
		expect(verifyCheckInPass(secret, pass, at('2026-12-03T02:09:59Z'))).toBe(session.id);
		expect(verifyCheckInPass(secret, pass, at('2026-12-03T02:10:00Z'))).toBeNull();
	});
	it('refuses a longer life written in by hand, another secret, and a code', () => {
		const [id, minute, mac] = pass.split('.');
		expect(verifyCheckInPass(secret, `${id}.${Number(minute) + 60}.${mac}`, now)).toBeNull();
		expect(verifyCheckInPass(deriveCheckInSecret(randomBytes(48)), pass, now)).toBeNull();
		expect(verifyCheckInPass(secret, checkInCode(secret, session, now)!, now)).toBeNull();
		expect(verifyCheckIn(secret, pass, now)).toBeNull();
		expect(verifyCheckInPass(secret, undefined, now)).toBeNull();
	});
});
