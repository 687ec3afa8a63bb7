/**
 * Rotating check-in codes. The trainer's screen shows a link `…/<sessionId>.<mac>` whose mac is
 * HMAC-SHA256(secret, sessionId + 30-second time step), cut to 96 bits and written base64url. A
 * code is accepted during its own step and the next one only, so a code photographed and passed on
 * stops working within a minute; it is compared in constant time.
 *
 * The secret is derived (HKDF-SHA256, its own label) from the certificate signing key: the
 * CERTIFICATE_SIGNING_KEY setting, or else the key generated on first use and kept in the database
 * (certificates/derived-secret.ts). Every instance on one database therefore agrees without a new
 * setting, and changing the signing key changes the check-in secret too (codes on screens renew).
 *
 * Someone who scans a fresh code but must first sign in or create an account would find it stale
 * by the time they come back. Opening a fresh code therefore also gives that browser a pass (an
 * HttpOnly cookie, never in an address that could be passed on) naming the session for ten
 * minutes: long enough to sign in, too short to matter if the phone changes hands.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Database } from '../db';
import { deriveSecret, derivedSecret } from '../certificates/derived-secret';

/** Seconds a code is shown before the next one. */
export const CODE_STEP_SECONDS = 30;
/** Bytes of the mac kept in a code: 96 bits, exactly 16 base64url characters (no spare bits). */
const MAC_BYTES = 12;

/** When codes work and attendance may be recorded, around a session's start and end. */
export interface CheckInWindow {
	/** Minutes before the start that check-in opens. */
	opensMinutesBefore: number;
	/** Minutes after the end that it closes; later, only a trainer records, with an audit entry. */
	closesMinutesAfter: number;
}

export const DEFAULT_CHECK_IN_WINDOW: CheckInWindow = {
	opensMinutesBefore: 30,
	closesMinutesAfter: 60
};

/** Whether `at` falls within the check-in window of a session. */
export function withinCheckInWindow(
	session: { startsAt: Date; endsAt: Date },
	at: Date,
	window: CheckInWindow = DEFAULT_CHECK_IN_WINDOW
): boolean {
	const opens = session.startsAt.getTime() - window.opensMinutesBefore * 60_000;
	const closes = session.endsAt.getTime() + window.closesMinutesAfter * 60_000;
	return at.getTime() >= opens && at.getTime() <= closes;
}

const CHECK_IN_LABEL = 'sachhon workshop check-in v1';

/** The check-in secret of this database and signing-key setting; derived once and kept. */
export function checkInSecret(db: Database, configuredSigningKey?: string): Promise<Buffer> {
	return derivedSecret(db, CHECK_IN_LABEL, configuredSigningKey);
}

/** The check-in secret from key material: its own HKDF label, so it reveals nothing of the key. */
export function deriveCheckInSecret(keyMaterial: Buffer): Buffer {
	return deriveSecret(keyMaterial, CHECK_IN_LABEL);
}

function stepOf(now: Date): number {
	return Math.floor(now.getTime() / (CODE_STEP_SECONDS * 1000));
}

function mac(secret: Buffer, sessionId: string, step: number): Buffer {
	return createHmac('sha256', secret)
		.update(`${sessionId.toLowerCase()}:${step}`)
		.digest()
		.subarray(0, MAC_BYTES);
}

/**
 * The code to show for a session at `now`, or null outside its check-in window (the screen then
 * says check-in has not opened, or has closed). Put it in a link: it is URL-safe.
 */
export function checkInCode(
	secret: Buffer,
	session: { id: string; startsAt: Date; endsAt: Date },
	now: Date,
	window: CheckInWindow = DEFAULT_CHECK_IN_WINDOW
): string | null {
	if (!withinCheckInWindow(session, now, window)) return null;
	return `${session.id.toLowerCase()}.${mac(secret, session.id, stepOf(now)).toString('base64url')}`;
}

/** Seconds until the code shown at `now` is replaced (for the screen's refresh). */
export function secondsToNextCode(now: Date): number {
	const stepMs = CODE_STEP_SECONDS * 1000;
	return Math.ceil((stepMs - (now.getTime() % stepMs)) / 1000);
}

const CODE =
	/^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.([A-Za-z0-9_-]{16})$/;

/**
 * The session a code was made for, when it was made in the current or the previous time step;
 * null for anything else (older, tampered, malformed). The session's window is checked when the
 * attendance is recorded (attendance.ts, checkIn).
 */
export function verifyCheckIn(secret: Buffer, code: string, now: Date): string | null {
	const match = CODE.exec(code.trim());
	if (!match) return null;
	const [, sessionId, text] = match;
	const given = Buffer.from(text, 'base64url');
	// Only the one spelling of the bytes: a decoder forgives altered spare bits, this does not.
	if (given.length !== MAC_BYTES || given.toString('base64url') !== text) return null;
	const step = stepOf(now);
	let ok = false;
	// Both steps are always compared, so the time taken says nothing about which matched.
	for (const s of [step, step - 1]) {
		if (timingSafeEqual(given, mac(secret, sessionId, s))) ok = true;
	}
	return ok ? sessionId.toLowerCase() : null;
}

/** Minutes a pass lasts after the fresh code that gave it. */
export const PASS_MINUTES = 10;

function passMac(secret: Buffer, sessionId: string, expiresMinute: number): Buffer {
	// Its own prefix, so no pass can ever be read as a code or a code as a pass.
	return createHmac('sha256', secret)
		.update(`pass:${sessionId.toLowerCase()}:${expiresMinute}`)
		.digest()
		.subarray(0, MAC_BYTES);
}

/** A pass for a session, made when its fresh code is opened at `now`. */
export function checkInPass(secret: Buffer, sessionId: string, now: Date): string {
	const expires = Math.floor(now.getTime() / 60_000) + PASS_MINUTES;
	return `${sessionId.toLowerCase()}.${expires}.${passMac(secret, sessionId, expires).toString('base64url')}`;
}

const PASS =
	/^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.(\d{1,12})\.([A-Za-z0-9_-]{16})$/;

/** The session a pass names while it lasts; null for an expired, tampered or malformed one. */
export function verifyCheckInPass(
	secret: Buffer,
	pass: string | undefined,
	now: Date
): string | null {
	const match = pass ? PASS.exec(pass) : null;
	if (!match) return null;
	const [, sessionId, minute, text] = match;
	const expires = Number(minute);
	const given = Buffer.from(text, 'base64url');
	if (given.length !== MAC_BYTES || given.toString('base64url') !== text) return null;
	if (!timingSafeEqual(given, passMac(secret, sessionId, expires))) return null;
	return Math.floor(now.getTime() / 60_000) < expires ? sessionId.toLowerCase() : null;
}
