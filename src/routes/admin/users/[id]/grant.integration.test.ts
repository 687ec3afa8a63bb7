import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '$db/schema';
import { getUser } from '$lib/server/auth/accounts';
import { scopeOf } from '$lib/server/auth/staff';
import { createTestDatabase, testEngines } from '$lib/server/db/test-helpers';
import type { Database, DatabaseHandle } from '$lib/server/db';
import { createOrganisation } from '$lib/server/organisations';
import { makeUser } from '$testing/factories';
import { actions, load } from './+page.server';

type GrantEvent = Parameters<typeof actions.grant>[0];

describe.each(testEngines)('granting a role on %s', (engine) => {
	let handle: DatabaseHandle;
	let db: Database;
	let locals: App.Locals;
	beforeAll(async () => {
		handle = await createTestDatabase(engine);
		db = handle.db;
		const admin = await makeUser(db, { isAdmin: true });
		locals = {
			db,
			engine,
			user: admin,
			session: null,
			scope: scopeOf(admin, []),
			requestId: 'test',
			unread: 0
		} as App.Locals;
	});
	afterAll(() => handle?.close());

	/** The grant form as a browser without JavaScript posts it. */
	function grant(subjectId: string, fields: Record<string, string>) {
		const url = `http://localhost/admin/users/${subjectId}?/grant`;
		return actions.grant({
			locals,
			params: { id: subjectId },
			url: new URL(url),
			request: new Request(url, { method: 'POST', body: new URLSearchParams(fields) })
		} as unknown as GrantEvent);
	}

	const grants = async (subjectId: string) =>
		db
			.select()
			.from(auditEvents)
			.where(and(eq(auditEvents.subjectId, subjectId), eq(auditEvents.action, 'role.granted')));

	it('offers no role until one is chosen', async () => {
		const subject = await makeUser(db);
		const page = (await load({ locals, params: { id: subject.id } } as never)) as {
			grantForm: { data: { role: string } };
		};
		expect(page.grantForm.data.role).toBe('');
		const empty = (await grant(subject.id, { role: '', organisationId: '' })) as {
			status: number;
		};
		expect(empty.status).toBe(400);
		expect((await getUser(db, subject.id))?.isAdmin).toBe(false);
	});

	it('asks before granting administrator, and grants it once confirmed', async () => {
		const subject = await makeUser(db);
		const asked = await grant(subject.id, { role: 'admin', organisationId: '' });
		expect(asked).toMatchObject({ confirmAdmin: true });
		expect((await getUser(db, subject.id))?.isAdmin).toBe(false);
		expect(await grants(subject.id)).toHaveLength(0);

		const confirmed = await grant(subject.id, {
			role: 'admin',
			organisationId: '',
			confirmed: 'true'
		});
		expect(confirmed).not.toHaveProperty('confirmAdmin');
		expect((await getUser(db, subject.id))?.isAdmin).toBe(true);
		expect(await grants(subject.id)).toHaveLength(1);
	});

	it('grants a role at an organisation without asking again', async () => {
		const subject = await makeUser(db);
		const school = await createOrganisation(db, { name: 'Trường C', kind: 'school', area: '' });
		const result = await grant(subject.id, { role: 'trainer', organisationId: school.id });
		expect(result).not.toHaveProperty('confirmAdmin');
		expect(await grants(subject.id)).toHaveLength(1);
		expect((await getUser(db, subject.id))?.isAdmin).toBe(false);
	});
});
