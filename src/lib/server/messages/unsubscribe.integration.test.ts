import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { messagePreferences, users } from '$db/schema';
import { reminderKinds } from '$lib/messages';
import { checkInSecret } from '../workshops/checkin';
import { createTestDatabase, testEngines } from '../db/test-helpers';
import type { Database, DatabaseHandle } from '../db';
import { makeUser } from '$testing/factories';
import { stillAllowed } from './outbox';
import {
	checkUnsubscribeToken,
	readUnsubscribeToken,
	unsubscribe,
	unsubscribeSecret,
	unsubscribeToken,
	unsubscribeUrl
} from './unsubscribe';

const ORIGIN = 'https://sachhon.example.vn';

function tokenOf(url: string): string {
	const match = /\/unsubscribe\/([^/?#]+)$/.exec(new URL(url).pathname);
	if (!match) throw new Error(`not an unsubscribe link: ${url}`);
	return match[1];
}

async function preferencesOf(db: Database, userId: string) {
	const rows = await db
		.select({
			kind: messagePreferences.kind,
			channel: messagePreferences.channel,
			enabled: messagePreferences.enabled
		})
		.from(messagePreferences)
		.where(eq(messagePreferences.userId, userId));
	return rows.sort((a, b) => a.kind.localeCompare(b.kind));
}

describe.each(testEngines)('unsubscribe links on %s', (engine) => {
	let handle: DatabaseHandle;
	let db: Database;
	beforeAll(async () => {
		handle = await createTestDatabase(engine);
		db = handle.db;
	});
	afterAll(() => handle?.close());

	it('makes a link in the reader’s language that names the person, kind and channel', async () => {
		const lan = await makeUser(db, { identifier: 'lan@example.vn' });
		const vi = await unsubscribeUrl(db, ORIGIN, lan.id, 'course_assigned', 'email');
		const en = await unsubscribeUrl(db, ORIGIN, lan.id, 'course_assigned', 'email', 'en');
		expect(vi).toMatch(new RegExp(`^${ORIGIN}/unsubscribe/${lan.id}\\.course_assigned\\.email\\.`));
		expect(en).toMatch(
			new RegExp(`^${ORIGIN}/en/unsubscribe/${lan.id}\\.course_assigned\\.email\\.`)
		);
		expect(tokenOf(vi)).toBe(tokenOf(en));
		expect(await checkUnsubscribeToken(db, tokenOf(vi))).toEqual({
			userId: lan.id,
			kind: 'course_assigned',
			channel: 'email'
		});
	});

	it('turns the kind off on that channel, once however often it is pressed', async () => {
		const minh = await makeUser(db, { identifier: 'minh@example.vn' });
		const delivery = { userId: minh.id, kind: 'certificate_issued', channel: 'email' as const };
		expect(await stillAllowed(db, delivery)).toBe(true);
		const token = tokenOf(await unsubscribeUrl(db, ORIGIN, minh.id, 'certificate_issued', 'email'));
		const now = new Date('2026-12-03T02:00:00Z');
		expect(await unsubscribe(db, token, now)).toMatchObject({ kind: 'certificate_issued' });
		expect(await unsubscribe(db, token, now)).toMatchObject({ kind: 'certificate_issued' });
		expect(await preferencesOf(db, minh.id)).toEqual([
			{ kind: 'certificate_issued', channel: 'email', enabled: false }
		]);
		expect(await stillAllowed(db, delivery)).toBe(false);
		// Other kinds are untouched.
		expect(await stillAllowed(db, { ...delivery, kind: 'course_assigned' })).toBe(true);
	});

	it('turns off a choice the person had turned on', async () => {
		const hoa = await makeUser(db, { identifier: 'hoa@example.vn' });
		await db
			.insert(messagePreferences)
			.values({ userId: hoa.id, kind: 'announcement', channel: 'email', enabled: true });
		const token = tokenOf(await unsubscribeUrl(db, ORIGIN, hoa.id, 'announcement', 'email'));
		await unsubscribe(db, token);
		expect(await preferencesOf(db, hoa.id)).toEqual([
			{ kind: 'announcement', channel: 'email', enabled: false }
		]);
	});

	it('a digest link turns off every reminder on that channel, and nothing else', async () => {
		const tam = await makeUser(db, { identifier: 'tam@example.vn' });
		const token = tokenOf(await unsubscribeUrl(db, ORIGIN, tam.id, 'digest', 'email'));
		expect(await unsubscribe(db, token)).toMatchObject({ kind: 'digest', channel: 'email' });
		const rows = await preferencesOf(db, tam.id);
		expect(rows.map((r) => r.kind)).toEqual([...reminderKinds].sort());
		expect(rows.every((r) => r.channel === 'email' && !r.enabled)).toBe(true);
		for (const kind of reminderKinds)
			expect(await stillAllowed(db, { userId: tam.id, kind, channel: 'email' })).toBe(false);
		expect(
			await stillAllowed(db, { userId: tam.id, kind: 'workshop_cancelled', channel: 'email' })
		).toBe(true);
	});

	it('refuses forged tokens and tokens moved to another person or kind', async () => {
		const an = await makeUser(db, { identifier: 'an@example.vn' });
		const binh = await makeUser(db, { identifier: 'binh@example.vn' });
		const token = tokenOf(await unsubscribeUrl(db, ORIGIN, an.id, 'course_assigned', 'email'));
		const [, , , mac] = token.split('.');
		const forged = [
			// Bình's id with An's mac, another kind, another channel.
			`${binh.id}.course_assigned.email.${mac}`,
			`${an.id}.announcement.email.${mac}`,
			`${an.id}.course_assigned.phone.${mac}`,
			// A mac changed in one character, cut short, or with its spare bits altered.
			token.slice(0, -2) + (token.at(-2) === 'A' ? 'B' : 'A') + token.at(-1),
			token.slice(0, -1),
			token.slice(0, -1) + (token.at(-1) === 'A' ? 'B' : 'A'),
			// Not a kind one may unsubscribe from, or not a token at all.
			`${an.id}.password_reset.email.${mac}`,
			'',
			'../../admin',
			`${token}.extra`
		];
		for (const candidate of forged) {
			expect(await unsubscribe(db, candidate), candidate).toBeNull();
			expect(await checkUnsubscribeToken(db, candidate), candidate).toBeNull();
		}
		expect(await preferencesOf(db, an.id)).toEqual([]);
		expect(await preferencesOf(db, binh.id)).toEqual([]);
	});

	it('a token made with another secret is refused', async () => {
		const chi = await makeUser(db, { identifier: 'chi@example.vn' });
		const target = { userId: chi.id, kind: 'graded' as const, channel: 'email' as const };
		const other = unsubscribeToken(Buffer.alloc(32, 1), target);
		expect(await checkUnsubscribeToken(db, other)).toBeNull();
		const ours = unsubscribeToken(await unsubscribeSecret(db), target);
		expect(readUnsubscribeToken(await unsubscribeSecret(db), ours)).toEqual(target);
	});

	it('its secret is its own: not the check-in secret of the same key', async () => {
		const secret = await unsubscribeSecret(db);
		expect(secret).toHaveLength(32);
		expect(secret.equals(await checkInSecret(db))).toBe(false);
		expect((await unsubscribeSecret(db)).equals(secret)).toBe(true);
	});

	it('a link of a deleted account does nothing', async () => {
		const gone = await makeUser(db, { identifier: 'gone@example.vn' });
		const token = tokenOf(await unsubscribeUrl(db, ORIGIN, gone.id, 'graded', 'email'));
		await db.delete(users).where(eq(users.id, gone.id));
		expect(await unsubscribe(db, token)).toBeNull();
		expect(
			await db
				.select()
				.from(messagePreferences)
				.where(and(eq(messagePreferences.userId, gone.id)))
		).toEqual([]);
	});

	it('has no link for what a person asks for themselves', async () => {
		const dung = await makeUser(db);
		await expect(unsubscribeUrl(db, ORIGIN, dung.id, 'password_reset', 'email')).rejects.toThrow(
			'cannot be unsubscribed'
		);
	});
});
