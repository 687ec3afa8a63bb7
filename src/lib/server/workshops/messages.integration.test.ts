import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, cohortMembers, cohorts, workshops } from '$db/schema';
import { sessionSchema, workshopSchema } from '$lib/schemas/workshops';
import { grantRole } from '../auth/roles';
import { staffScope } from '../auth/staff';
import { createTestDatabase, testEngines } from '../db/test-helpers';
import type { Database, DatabaseHandle } from '../db';
import { failingAtCommit, inbox } from '$testing/messages';
import { createOrganisation } from '../organisations';
import { makeUser } from '$testing/factories';
import type { WorkshopViewer } from './access';
import { checkInTo } from './attendance';
import { cancelWorkshop } from './cancel';
import { closeWorkshop } from './close';
import {
	addSession,
	addTrainer,
	createWorkshop,
	removeSession,
	setWorkshopStatus,
	updateWorkshop
} from './plan';
import { cancel, register, registerCohort } from './registration';

const session = sessionSchema.parse({ day: '2026-12-10', startTime: '08:00', endTime: '11:00' });
const later = sessionSchema.parse({ day: '2026-12-11', startTime: '13:30', endTime: '16:30' });

describe.each(testEngines)('workshop messages on %s', (engine) => {
	let handle: DatabaseHandle;
	let db: Database;
	let organisationId: string;
	let planner: WorkshopViewer;

	beforeAll(async () => {
		handle = await createTestDatabase(engine);
		db = handle.db;
		organisationId = (
			await createOrganisation(db, { name: 'Trung tâm Khuyến công', kind: 'agency', area: null })
		).id;
		const user = await makeUser(db, { audience: 'manager' });
		await grantRole(db, null, user.id, 'manager', organisationId);
		planner = { user, scope: await staffScope(db, user) };
	});
	afterAll(() => handle?.close());

	const form = (fields: Record<string, unknown> = {}) =>
		workshopSchema.parse({
			title: 'Tập huấn SXSH ngành dừa',
			courseId: '',
			organisationId,
			venue: 'Hội trường A',
			area: '',
			capacity: '',
			registrationMode: 'open',
			cohortId: '',
			...fields
		});

	async function workshop(fields: Record<string, unknown> = {}, open = true) {
		const made = await createWorkshop(db, planner, form(fields));
		if (!made.ok) throw new Error(made.reason);
		await addSession(db, planner, made.workshop.id, session);
		if (open) await setWorkshopStatus(db, planner, made.workshop.id, 'open');
		return made.workshop;
	}

	it('confirms a seat, a place on the waiting list and the seat given from it, once each', async () => {
		const w = await workshop({ capacity: '1' });
		const [an, binh] = [await makeUser(db), await makeUser(db)];
		await register(db, w.id, an.id, 'self');
		await register(db, w.id, an.id, 'self');
		await register(db, w.id, binh.id, 'self');
		const [seat] = await inbox(db, an.id, 'workshop_registered:');
		expect(seat).toMatchObject({
			kind: 'workshop_registered',
			link: `/w/${w.id}`,
			params: {
				workshop: 'Tập huấn SXSH ngành dừa',
				workshopId: w.id,
				startsAt: session.startsAt.toISOString(),
				venue: 'Hội trường A',
				waitlisted: false
			}
		});
		expect(await inbox(db, an.id, 'workshop_registered:')).toHaveLength(1);
		expect(
			(await inbox(db, binh.id, 'workshop_registered:')).map((n) => n.params.waitlisted)
		).toEqual([true]);
		// An cancels: Binh gets the seat and is told so.
		await cancel(db, w.id, an.id);
		expect(
			(await inbox(db, binh.id, 'workshop_registered:')).map((n) => n.params.waitlisted)
		).toEqual([true, false]);
		// Registering again after cancelling is a new request, confirmed again (on the waiting list).
		await register(db, w.id, an.id, 'self');
		expect(
			(await inbox(db, an.id, 'workshop_registered:')).map((n) => n.params.waitlisted)
		).toEqual([false, true]);
	});

	it("tells a draft's people when it opens, a cohort registered by staff, and no walk-in", async () => {
		const w = await workshop({}, false);
		const early = await makeUser(db);
		await register(db, w.id, early.id, 'staff', planner.user!.id);
		expect(await inbox(db, early.id)).toEqual([]);
		await setWorkshopStatus(db, planner, w.id, 'open');
		expect(await inbox(db, early.id, 'workshop_registered:')).toHaveLength(1);
		await setWorkshopStatus(db, planner, w.id, 'draft');
		await setWorkshopStatus(db, planner, w.id, 'open');
		expect(await inbox(db, early.id, 'workshop_registered:')).toHaveLength(1);

		const member = await makeUser(db);
		const [cohort] = await db
			.insert(cohorts)
			.values({ organisationId, name: 'K24A', year: 2026 })
			.returning();
		await db.insert(cohortMembers).values({ cohortId: cohort.id, userId: member.id });
		await registerCohort(db, w.id, cohort.id, planner.user!.id);
		expect(await inbox(db, member.id, 'workshop_registered:')).toHaveLength(1);

		const walkIn = await makeUser(db);
		await register(db, w.id, walkIn.id, 'walk_in', planner.user!.id);
		expect(await inbox(db, walkIn.id)).toEqual([]);
	});

	it('tells those holding a seat of each change of venue or sessions, not the waiting list', async () => {
		const w = await workshop({ capacity: '1' });
		const [seated, waiting] = [await makeUser(db), await makeUser(db)];
		await register(db, w.id, seated.id, 'self');
		await register(db, w.id, waiting.id, 'self');
		// A change of title only: no message.
		await updateWorkshop(db, planner, w.id, form({ capacity: '1', title: 'Tập huấn SXSH' }));
		expect(await inbox(db, seated.id, 'workshop_changed:')).toEqual([]);
		await updateWorkshop(
			db,
			planner,
			w.id,
			form({ capacity: '1', title: 'Tập huấn SXSH', venue: 'Hội trường B' })
		);
		const added = await addSession(db, planner, w.id, later);
		if (!added.ok) throw new Error(added.reason);
		await removeSession(db, planner, added.session.id);
		const changes = await inbox(db, seated.id, 'workshop_changed:');
		expect(changes).toHaveLength(3);
		expect(changes[0]).toMatchObject({
			kind: 'workshop_changed',
			link: `/w/${w.id}`,
			params: { workshop: 'Tập huấn SXSH', workshopId: w.id, venue: 'Hội trường B' }
		});
		expect(await inbox(db, waiting.id, 'workshop_changed:')).toEqual([]);
	});

	it('cancels with a reason: everyone registered or waiting is told once; no registration or check-in after', async () => {
		const w = await workshop({ capacity: '1' });
		const [seated, waiting, outsider] = [
			await makeUser(db),
			await makeUser(db),
			await makeUser(db)
		];
		await register(db, w.id, seated.id, 'self');
		await register(db, w.id, waiting.id, 'self');
		const trainer = await makeUser(db);
		await addTrainer(db, planner, w.id, trainer.id);
		const asTrainer = { user: trainer, scope: await staffScope(db, trainer) };
		expect(await cancelWorkshop(db, asTrainer, w.id, 'Bão')).toEqual({
			ok: false,
			reason: 'not_allowed'
		});

		expect(await cancelWorkshop(db, planner, w.id, 'Bão số 9 đổ bộ')).toEqual({ ok: true });
		for (const person of [seated, waiting]) {
			const rows = await inbox(db, person.id, 'workshop_cancelled:');
			expect(rows.map((r) => [r.key, r.params, r.link])).toEqual([
				[
					`workshop_cancelled:${w.id}`,
					{ workshop: 'Tập huấn SXSH ngành dừa', workshopId: w.id, reason: 'Bão số 9 đổ bộ' },
					`/w/${w.id}`
				]
			]);
		}
		expect(await cancelWorkshop(db, planner, w.id, 'Lần nữa')).toEqual({
			ok: false,
			reason: 'not_cancellable'
		});
		expect(await inbox(db, seated.id, 'workshop_cancelled:')).toHaveLength(1);
		const [row] = await db.select().from(workshops).where(eq(workshops.id, w.id));
		expect(row.status).toBe('cancelled');
		const [audit] = await db
			.select()
			.from(auditEvents)
			.where(and(eq(auditEvents.action, 'workshop.cancelled'), eq(auditEvents.subjectId, w.id)));
		expect(audit).toMatchObject({
			actorId: planner.user!.id,
			details: { reason: 'Bão số 9 đổ bộ' }
		});

		expect(await register(db, w.id, outsider.id, 'self')).toEqual({
			ok: false,
			reason: 'not_open'
		});
		expect(await register(db, w.id, outsider.id, 'staff', planner.user!.id)).toMatchObject({
			ok: false
		});
		const [first] = await db.query.workshopSessions.findMany({
			where: (s, { eq }) => eq(s.workshopId, w.id)
		});
		expect(
			await checkInTo(db, first.id, seated.id, new Date(session.startsAt.getTime() + 60_000))
		).toBe('closed');
		expect(await setWorkshopStatus(db, planner, w.id, 'open')).toEqual({
			ok: false,
			reason: 'not_allowed'
		});
		expect((await closeWorkshop(db, planner, w.id)).ok).toBe(false);
	});

	it('writes no message when the registration, the change or the cancelling fails', async () => {
		const w = await workshop();
		const person = await makeUser(db);
		expect(
			await failingAtCommit(db, 'workshop_registrations', () =>
				register(db, w.id, person.id, 'self')
			)
		).toBeTruthy();
		expect(await inbox(db, person.id)).toEqual([]);
		await register(db, w.id, person.id, 'self');
		expect(
			await failingAtCommit(db, 'workshops', () =>
				updateWorkshop(db, planner, w.id, form({ venue: 'Nhà văn hóa xã' }))
			)
		).toBeTruthy();
		expect(
			await failingAtCommit(db, 'workshops', () => cancelWorkshop(db, planner, w.id, 'Bão'))
		).toBeTruthy();
		expect((await inbox(db, person.id)).map((n) => n.kind)).toEqual(['workshop_registered']);
		const [row] = await db.select().from(workshops).where(eq(workshops.id, w.id));
		expect(row).toMatchObject({ status: 'open', venue: 'Hội trường A' });
	});
});
