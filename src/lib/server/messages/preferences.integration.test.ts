import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { messagePreferences, phoneNumbers } from '$db/schema';
import { createTestDatabase, testEngines } from '../db/test-helpers';
import type { DatabaseHandle } from '../db';
import { makeUser } from '$testing/factories';
import { reachable } from './outbox';
import { channelStates, messageSettings, parsePreferences, savePreferences } from './preferences';

const both = ['email', 'phone'] as const;

/** The form as a browser sends it: only ticked boxes. */
function formWith(...ticked: string[]) {
	const form = new FormData();
	for (const name of ticked) form.append(name, 'on');
	return form;
}

describe.each(testEngines)('message preferences on %s', (engine) => {
	let handle: DatabaseHandle;
	beforeAll(async () => {
		handle = await createTestDatabase(engine);
	});
	afterAll(() => handle?.close());

	it('shows the defaults, and why a channel cannot be chosen', async () => {
		const { db } = handle;
		const lan = await makeUser(db, { identifier: 'lan.prefs@example.vn' });
		const settings = await messageSettings(db, lan.id, both);
		expect(settings.channels).toEqual([
			{ channel: 'email', blocked: null },
			{ channel: 'phone', blocked: 'no_phone' }
		]);
		expect(settings.choices.course_assigned).toEqual({ email: true, phone: false });
		expect(settings.choices.workshop_changed).toEqual({ email: true, phone: true });

		const student = await makeUser(db, { identifier: 'hocsinh-prefs' });
		expect(await channelStates(db, student.id, ['phone'])).toEqual([
			{ channel: 'email', blocked: 'not_configured' },
			{ channel: 'phone', blocked: 'no_phone' }
		]);
		expect((await channelStates(db, student.id, both))[0].blocked).toBe('no_email');
	});

	it('saves the choices for usable channels, keeps only differences from the default, and notify follows them', async () => {
		const { db } = handle;
		const binh = await makeUser(db, { identifier: 'binh.prefs@example.vn' });
		// E-mail: only the course assignment and the certificate; phone is not verified yet.
		const input = parsePreferences(
			formWith('course_assigned.email', 'certificate_issued.email', 'graded.phone')
		);
		expect(await savePreferences(db, binh.id, input, both)).toBe(true);
		const rows = await db
			.select()
			.from(messagePreferences)
			.where(eq(messagePreferences.userId, binh.id));
		// Every other e-mail kind is turned off (defaults are on); nothing is written for phone.
		expect(rows.every((r) => r.channel === 'email' && !r.enabled)).toBe(true);
		expect(rows).toHaveLength(12);

		const settings = await messageSettings(db, binh.id, both);
		expect(settings.choices.course_assigned.email).toBe(true);
		expect(settings.choices.course_due.email).toBe(false);
		expect(settings.choices.graded.phone).toBe(false);
		const reach = await reachable(db, [binh.id], both);
		expect(reach.allows(binh.id, 'course_due', 'email')).toBe(false);
		expect(reach.allows(binh.id, 'course_assigned', 'email')).toBe(true);

		// With a verified phone and consent, the phone column is saved too; unticking all of it.
		const now = new Date();
		await db
			.insert(phoneNumbers)
			.values({ userId: binh.id, number: '+84912345678', verifiedAt: now, consentAt: now });
		await savePreferences(db, binh.id, parsePreferences(formWith('graded.phone')), both);
		const after = await messageSettings(db, binh.id, both);
		expect(after.channels[1].blocked).toBeNull();
		expect(after.choices.graded.phone).toBe(true);
		expect(after.choices.workshop_changed.phone).toBe(false);
		expect(after.choices.course_assigned.email).toBe(false);
	});

	it('saves nothing when no channel is usable, and leaves the others as they were', async () => {
		const { db } = handle;
		const chi = await makeUser(db, { identifier: 'chi.prefs@example.vn' });
		await savePreferences(db, chi.id, parsePreferences(formWith()), ['email']);
		expect(await savePreferences(db, chi.id, parsePreferences(formWith()), [])).toBe(false);
		// The e-mail choices from before stay while e-mail is switched off on the site.
		expect((await messageSettings(db, chi.id, ['email'])).choices.graded.email).toBe(false);
	});

	it('reads a tampered form as unticked boxes, never another field', async () => {
		const form = formWith('graded.email');
		form.append('graded.email', 'yes');
		form.append('userId', 'someone-else');
		const input = parsePreferences(form);
		expect(Object.keys(input)).not.toContain('userId');
	});
});
