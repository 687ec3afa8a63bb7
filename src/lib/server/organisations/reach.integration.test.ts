import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { grantRole } from '../auth/roles';
import { staffScope } from '../auth/staff';
import { createTestDatabase, testEngines } from '../db/test-helpers';
import type { Database, DatabaseHandle } from '../db';
import { makeUser } from '$testing/factories';
import { createOrganisation } from './index';
import { mayReach, reachOf } from './reach';

describe.each(testEngines)('whom staff may reach, on %s', (engine) => {
	let handle: DatabaseHandle;
	let db: Database;
	/** A province office with a school beneath it, a class office beneath that, and another school. */
	let province: string, school: string, office: string, other: string;
	beforeAll(async () => {
		handle = await createTestDatabase(engine);
		db = handle.db;
		const org = async (name: string, parentId: string | null = null) =>
			(await createOrganisation(db, { name, kind: 'school', area: null, parentId })).id;
		province = await org('Sở Công Thương');
		school = await org('Trường A', province);
		office = await org('Phòng đào tạo A', school);
		other = await org('Trường B');
	});
	afterAll(() => handle?.close());

	async function staff(role: 'manager' | 'trainer', ...organisationIds: string[]) {
		const user = await makeUser(db);
		for (const id of organisationIds) await grantRole(db, null, user.id, role, id);
		return staffScope(db, user);
	}
	const person = (organisationId: string | null) =>
		makeUser(db, { organisationId }).then((u) => u.id);

	it("reaches the organisation's people and those of every organisation beneath it", async () => {
		const manager = await staff('manager', school);
		const reach = await reachOf(db, manager);
		expect(reach.everyone).toBe(false);
		expect(!reach.everyone && [...reach.organisationIds].sort()).toEqual([school, office].sort());
		expect(await mayReach(db, manager, await person(school))).toBe(true);
		expect(await mayReach(db, manager, await person(office))).toBe(true);
		// Not upwards, not sideways, not someone of no organisation.
		expect(await mayReach(db, manager, await person(province))).toBe(false);
		expect(await mayReach(db, manager, await person(other))).toBe(false);
		expect(await mayReach(db, manager, await person(null))).toBe(false);
	});

	it('is the same for trainers, and adds up over several organisations', async () => {
		const trainer = await staff('trainer', office, other);
		expect(await mayReach(db, trainer, await person(office))).toBe(true);
		expect(await mayReach(db, trainer, await person(other))).toBe(true);
		expect(await mayReach(db, trainer, await person(school))).toBe(false);
	});

	it('never reaches an administrator, whatever organisation their account names', async () => {
		const manager = await staff('manager', school);
		const admin = await makeUser(db, { isAdmin: true, organisationId: school });
		expect(await mayReach(db, manager, admin.id)).toBe(false);
	});

	it('lets administrators reach everyone, and no one reach an unknown account', async () => {
		const admin = await staffScope(db, await makeUser(db, { isAdmin: true }));
		expect(await reachOf(db, admin)).toEqual({ everyone: true });
		expect(await mayReach(db, admin, await person(other))).toBe(true);
		expect(await mayReach(db, admin, await person(null))).toBe(true);
		expect(await mayReach(db, admin, '00000000-0000-4000-8000-000000000000')).toBe(false);
		// A learner has no reach at all.
		const learner = await staffScope(db, await makeUser(db));
		expect(await reachOf(db, learner)).toEqual({ everyone: false, organisationIds: [] });
		expect(await mayReach(db, learner, await person(school))).toBe(false);
	});
});
