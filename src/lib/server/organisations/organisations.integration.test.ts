import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testEngines } from '../db/test-helpers';
import type { Database, DatabaseHandle } from '../db';
import { createOrganisation, getOrganisation, setParent } from './index';

describe.each(testEngines)('organisations on %s', (engine) => {
	let handle: DatabaseHandle;
	let db: Database;
	beforeAll(async () => {
		handle = await createTestDatabase(engine);
		db = handle.db;
	});
	afterAll(async () => handle?.close());

	it('sets and clears a parent, refusing loops', async () => {
		const province = await createOrganisation(db, {
			name: 'Sở Công Thương',
			kind: 'agency',
			area: null
		});
		const school = await createOrganisation(db, {
			name: 'Trường nghề',
			kind: 'school',
			area: null
		});
		expect(await setParent(db, school.id, province.id)).toEqual({ ok: true });
		expect((await getOrganisation(db, school.id))?.parentId).toBe(province.id);
		expect(await setParent(db, province.id, school.id)).toEqual({ ok: false, reason: 'cycle' });
		expect(await setParent(db, school.id, school.id)).toEqual({ ok: false, reason: 'cycle' });
		expect(await setParent(db, school.id, null)).toEqual({ ok: true });
		expect((await getOrganisation(db, school.id))?.parentId).toBeNull();
	});
});
