import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	announcements,
	auditEvents,
	cohortMembers,
	cohorts,
	deliveries,
	messagePreferences,
	phoneNumbers,
	workshopRegistrations,
	workshops,
	workshopTrainers
} from '$db/schema';
import { ANNOUNCEMENT_BODY_MAX } from '$lib/messages';
import { grantRole } from '../auth/roles';
import { staffScope } from '../auth/staff';
import { createTestDatabase, testEngines } from '../db/test-helpers';
import type { Database, DatabaseHandle } from '../db';
import { createOrganisation } from '../organisations';
import { makeUser } from '$testing/factories';
import type { WorkshopViewer } from '../workshops/access';
import {
	announcementSchema,
	previewAnnouncement,
	sendAnnouncement,
	type AnnouncementInput
} from './announcements';
import { failingAtCommit, inbox } from '$testing/messages';

const channels = ['email', 'phone'] as const;
const text: AnnouncementInput = {
	subject: 'Đổi phòng học',
	body: 'Buổi học chiều thứ Sáu chuyển sang phòng B2.\nMang theo sổ tay.'
};

describe('an announcement as typed', () => {
	it('is plain text, trimmed, within its limits', () => {
		expect(
			announcementSchema.parse({ subject: '  Đổi phòng\u0007 ', body: ' Dòng 1\r\nDòng 2 ' })
		).toEqual({ subject: 'Đổi phòng', body: 'Dòng 1\nDòng 2' });
		expect(announcementSchema.safeParse({ subject: ' ', body: 'x' }).success).toBe(false);
		expect(
			announcementSchema.safeParse({ subject: 'x', body: 'a'.repeat(ANNOUNCEMENT_BODY_MAX + 1) })
				.success
		).toBe(false);
	});
});

describe.each(testEngines)('announcements on %s', (engine) => {
	let handle: DatabaseHandle;
	let db: Database;
	let orgA: string;
	let orgB: string;

	beforeAll(async () => {
		handle = await createTestDatabase(engine);
		db = handle.db;
		orgA = (await createOrganisation(db, { name: 'Trường A', kind: 'school', area: null })).id;
		orgB = (await createOrganisation(db, { name: 'Công ty B', kind: 'enterprise', area: null })).id;
	});
	afterAll(() => handle?.close());

	async function staff(
		role: 'manager' | 'trainer',
		organisationId: string
	): Promise<WorkshopViewer> {
		const user = await makeUser(db, { audience: 'manager' });
		await grantRole(db, null, user.id, role, organisationId);
		return { user, scope: await staffScope(db, user) };
	}

	/** Three members: one with e-mail, one with e-mail turned off and a verified phone, one with neither. */
	async function cohortOfThree() {
		const [cohort] = await db
			.insert(cohorts)
			.values({ organisationId: orgA, name: 'K24A', year: 2026 })
			.returning();
		const mailed = await makeUser(db, { identifier: `a-${cohort.id.slice(0, 8)}@example.vn` });
		const phoned = await makeUser(db, { identifier: `b-${cohort.id.slice(0, 8)}@example.vn` });
		const plain = await makeUser(db);
		await db.insert(messagePreferences).values({
			userId: phoned.id,
			kind: 'announcement',
			channel: 'email',
			enabled: false
		});
		await db.insert(phoneNumbers).values({
			userId: phoned.id,
			number: '+84912345678',
			verifiedAt: new Date(),
			consentAt: new Date()
		});
		await db
			.insert(cohortMembers)
			.values([mailed, phoned, plain].map((u) => ({ cohortId: cohort.id, userId: u.id })));
		return { cohort, people: [mailed, phoned, plain] };
	}

	it("lets the cohort's managers preview and send to its members, in the inbox and on each allowed channel", async () => {
		const { cohort, people } = await cohortOfThree();
		const manager = await staff('manager', orgA);
		const target = { cohortId: cohort.id };
		expect(await previewAnnouncement(db, manager, target, text, channels)).toEqual({
			...text,
			from: 'K24A',
			recipients: 3,
			channels: { email: 1, phone: 1 }
		});
		expect(await previewAnnouncement(db, manager, target, text, [])).toMatchObject({
			recipients: 3,
			channels: {}
		});

		const sent = await sendAnnouncement(db, manager, target, text, { channels });
		if (!sent?.ok) throw new Error('not sent');
		expect(sent.recipients).toBe(3);
		const [row] = await db.select().from(announcements).where(eq(announcements.id, sent.id));
		expect(row).toMatchObject({
			scope: 'cohort',
			cohortId: cohort.id,
			workshopId: null,
			authorId: manager.user!.id,
			recipients: 3,
			...text
		});
		for (const person of people) {
			expect((await inbox(db, person.id)).map((n) => [n.kind, n.key, n.params, n.link])).toEqual([
				['announcement', `announcement:${sent.id}`, { ...text, from: 'K24A' }, '/dashboard']
			]);
		}
		const out = await db
			.select({ userId: deliveries.userId, channel: deliveries.channel })
			.from(deliveries)
			.where(eq(deliveries.kind, 'announcement'));
		expect(out).toEqual(
			expect.arrayContaining([
				{ userId: people[0].id, channel: 'email' },
				{ userId: people[1].id, channel: 'phone' }
			])
		);
		expect(out.filter((d) => people.some((p) => p.id === d.userId))).toHaveLength(2);
		const [audit] = await db
			.select()
			.from(auditEvents)
			.where(
				and(
					eq(auditEvents.action, 'announcement.sent_cohort'),
					eq(auditEvents.subjectId, cohort.id)
				)
			);
		expect(audit.details).toEqual({ announcementId: sent.id, recipients: 3 });
	});

	it("refuses anyone else the cohort's members", async () => {
		const { cohort, people } = await cohortOfThree();
		const elsewhere = await staff('manager', orgB);
		const member = { user: people[0], scope: await staffScope(db, people[0]) };
		for (const viewer of [elsewhere, member, { user: null, scope: member.scope }]) {
			expect(await previewAnnouncement(db, viewer, { cohortId: cohort.id }, text, channels)).toBe(
				undefined
			);
			expect(await sendAnnouncement(db, viewer, { cohortId: cohort.id }, text)).toBe(undefined);
		}
		expect(await inbox(db, people[1].id)).toEqual([]);
	});

	it("lets a workshop's trainers and planners tell those holding a seat, and no one else", async () => {
		const [workshop] = await db
			.insert(workshops)
			.values({ title: 'Tập huấn SXSH ngành dừa', organisationId: orgA, status: 'open' })
			.returning();
		const [seated, waiting, cancelled] = [
			await makeUser(db),
			await makeUser(db),
			await makeUser(db)
		];
		await db.insert(workshopRegistrations).values([
			{ workshopId: workshop.id, userId: seated.id, status: 'registered', source: 'self' },
			{ workshopId: workshop.id, userId: waiting.id, status: 'waitlisted', source: 'self' },
			{ workshopId: workshop.id, userId: cancelled.id, status: 'cancelled', source: 'self' }
		]);
		const trainerUser = await makeUser(db);
		await db.insert(workshopTrainers).values({ workshopId: workshop.id, userId: trainerUser.id });
		const trainer = { user: trainerUser, scope: await staffScope(db, trainerUser) };
		const planner = await staff('manager', orgA);
		const outsider = await staff('trainer', orgB);
		const participant = { user: seated, scope: await staffScope(db, seated) };
		const target = { workshopId: workshop.id };

		expect(await previewAnnouncement(db, trainer, target, text, channels)).toMatchObject({
			from: 'Tập huấn SXSH ngành dừa',
			recipients: 1
		});
		for (const viewer of [outsider, participant])
			expect(await sendAnnouncement(db, viewer, target, text)).toBe(undefined);
		const sent = await sendAnnouncement(db, planner, target, text, { channels });
		if (!sent?.ok) throw new Error('not sent');
		expect((await inbox(db, seated.id)).map((n) => [n.key, n.link, n.params.from])).toEqual([
			[`announcement:${sent.id}`, `/w/${workshop.id}`, 'Tập huấn SXSH ngành dừa']
		]);
		expect(await inbox(db, waiting.id)).toEqual([]);
		expect(await inbox(db, cancelled.id)).toEqual([]);

		// A draft's people have not been told of it: nothing to announce yet.
		await db.update(workshops).set({ status: 'draft' }).where(eq(workshops.id, workshop.id));
		expect(await previewAnnouncement(db, planner, target, text, channels)).toBe(undefined);
	});

	it('keeps nothing of an announcement whose sending fails, and sends none to no one', async () => {
		const { cohort, people } = await cohortOfThree();
		const manager = await staff('manager', orgA);
		const failed = await failingAtCommit(db, 'announcements', () =>
			sendAnnouncement(db, manager, { cohortId: cohort.id }, text, { channels })
		);
		expect(String(failed)).toContain('failed at commit');
		for (const person of people) expect(await inbox(db, person.id)).toEqual([]);
		expect(
			await db.select().from(announcements).where(eq(announcements.cohortId, cohort.id))
		).toEqual([]);

		const [empty] = await db
			.insert(cohorts)
			.values({ organisationId: orgA, name: 'K25', year: 2027 })
			.returning();
		expect(await sendAnnouncement(db, manager, { cohortId: empty.id }, text)).toEqual({
			ok: false,
			reason: 'nobody'
		});
	});
});
