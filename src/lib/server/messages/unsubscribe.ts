/**
 * One-click unsubscribe links (RFC 8058), one per person, kind of message and channel. The link
 * carries what it stops and an HMAC-SHA256 over it, cut to 128 bits, so it works without signing
 * in and cannot be made for another person or another kind. Its secret is derived from the signing
 * key under its own label (certificates/derived-secret.ts), as the check-in codes' is.
 *
 * The link never expires: a mail read months later must still stop what it says. It only ever
 * turns something off, which the person can turn on again in their preferences.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { messagePreferences, users } from '$db/schema';
import {
	messageChannels,
	messageKinds,
	reminderKinds,
	type DeliveryKind,
	type MessageChannel,
	type MessageKind
} from '$lib/messages';
import { config } from '../config';
import type { Database } from '../db';
import { derivedSecret } from '../certificates/derived-secret';
import { absoluteUrl } from './email';

const LABEL = 'sachhon unsubscribe v1';
const MAC_BYTES = 16;

/** What a link may stop: a kind of message, or the day's digest of reminders. */
export type UnsubscribableKind = MessageKind | 'digest';

export interface UnsubscribeTarget {
	userId: string;
	kind: UnsubscribableKind;
	channel: MessageChannel;
}

const unsubscribable: readonly string[] = [...messageKinds, 'digest'];

export function unsubscribeSecret(db: Database): Promise<Buffer> {
	return derivedSecret(db, LABEL, config().certificates.signingKey);
}

function mac(secret: Buffer, { userId, kind, channel }: UnsubscribeTarget): Buffer {
	return createHmac('sha256', secret)
		.update(`unsubscribe:${userId.toLowerCase()}:${kind}:${channel}`)
		.digest()
		.subarray(0, MAC_BYTES);
}

/** `<user>.<kind>.<channel>.<mac>`: URL-safe. */
export function unsubscribeToken(secret: Buffer, target: UnsubscribeTarget): string {
	const { userId, kind, channel } = target;
	return `${userId.toLowerCase()}.${kind}.${channel}.${mac(secret, target).toString('base64url')}`;
}

const TOKEN =
	/^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.([a-z_]{1,40})\.([a-z]{1,10})\.([A-Za-z0-9_-]{22})$/;

/** What a token stops, when it is one this site made; null for anything else. */
export function readUnsubscribeToken(secret: Buffer, token: string): UnsubscribeTarget | null {
	const match = TOKEN.exec(token);
	if (!match) return null;
	const [, userId, kind, channel, text] = match;
	if (!unsubscribable.includes(kind)) return null;
	if (!(messageChannels as readonly string[]).includes(channel)) return null;
	const target = {
		userId,
		kind: kind as UnsubscribableKind,
		channel: channel as MessageChannel
	};
	const given = Buffer.from(text, 'base64url');
	// Only the one spelling of the bytes: a decoder forgives altered spare bits, this does not.
	if (given.length !== MAC_BYTES || given.toString('base64url') !== text) return null;
	return timingSafeEqual(given, mac(secret, target)) ? target : null;
}

/**
 * The absolute link that stops this kind of message on this channel for this person, in their
 * language (the page then speaks it). For what a person asks for themselves (a password reset, a
 * phone code) there is none.
 */
export async function unsubscribeUrl(
	db: Database,
	origin: string,
	userId: string,
	kind: DeliveryKind,
	channel: MessageChannel,
	language: 'vi' | 'en' = 'vi'
): Promise<string> {
	if (!unsubscribable.includes(kind)) throw new Error(`${kind} messages cannot be unsubscribed`);
	const token = unsubscribeToken(await unsubscribeSecret(db), {
		userId,
		kind: kind as UnsubscribableKind,
		channel
	});
	return absoluteUrl(origin, `/unsubscribe/${token}`, language);
}

/** What a token would stop, for the page that asks; null for a token not ours or a person gone. */
export async function checkUnsubscribeToken(
	db: Database,
	token: string
): Promise<UnsubscribeTarget | null> {
	const target = readUnsubscribeToken(await unsubscribeSecret(db), token);
	if (!target) return null;
	const [person] = await db.select({ id: users.id }).from(users).where(eq(users.id, target.userId));
	return person ? target : null;
}

/** The kinds a target turns off: a digest's are every reminder, which is what it carries. */
export function kindsStopped(target: UnsubscribeTarget): readonly MessageKind[] {
	return target.kind === 'digest' ? reminderKinds : [target.kind];
}

/**
 * Turns off what the token names (message_preferences, enabled = false); doing it twice is the
 * same as once. Null for a token not ours or a person gone.
 */
export async function unsubscribe(
	db: Database,
	token: string,
	now = new Date()
): Promise<UnsubscribeTarget | null> {
	const target = await checkUnsubscribeToken(db, token);
	if (!target) return null;
	await db
		.insert(messagePreferences)
		.values(
			kindsStopped(target).map((kind) => ({
				userId: target.userId,
				kind,
				channel: target.channel,
				enabled: false,
				updatedAt: now
			}))
		)
		.onConflictDoUpdate({
			target: [messagePreferences.userId, messagePreferences.kind, messagePreferences.channel],
			set: { enabled: false, updatedAt: sql`excluded.updated_at` }
		});
	return target;
}
