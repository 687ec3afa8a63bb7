import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testEngines } from '../db/test-helpers';
import type { Database, DatabaseHandle } from '../db';
import { makeUser } from '../test-factories';
import { recordAudit } from './index';
import { auditActions, listAuditEvents } from './list';

describe.each(testEngines)('audit log on %s', (engine) => {
	let handle: DatabaseHandle;
	let db: Database;
	let adminId: string, learnerId: string;

	beforeAll(async () => {
		handle = await createTestDatabase(engine);
		db = handle.db;
		adminId = (await makeUser(db, { fullName: 'Trần Quản Trị', isAdmin: true })).id;
		learnerId = (await makeUser(db, { fullName: 'Lê Học Viên' })).id;
		await recordAudit(db, { actorId: adminId, action: 'role.granted', subjectId: learnerId });
		await recordAudit(db, {
			actorId: adminId,
			action: 'password_reset.issued',
			subjectId: learnerId
		});
		await recordAudit(db, { actorId: null, action: 'account.deleted', subjectId: 'gone' });
	});
	afterAll(async () => {
		await handle?.close();
	});

	it('lists newest first with actor and subject names', async () => {
		const { rows, total } = await listAuditEvents(db, {});
		expect(total).toBe(3);
		const times = rows.map((r) => r.at.getTime());
		expect(times).toEqual([...times].sort((a, b) => b - a));
		expect(rows.find((r) => r.action === 'account.deleted')?.actorName).toBeNull();
		const granted = rows.find((r) => r.action === 'role.granted');
		expect(granted).toMatchObject({ actorName: 'Trần Quản Trị', subjectName: 'Lê Học Viên' });
	});

	it('filters by action, actor and dates', async () => {
		expect((await listAuditEvents(db, { action: 'role.granted' })).total).toBe(1);
		expect((await listAuditEvents(db, { actor: 'quản trị' })).total).toBe(2);
		expect((await listAuditEvents(db, { actor: '100%' })).total).toBe(0);
		const future = new Date(Date.now() + 86_400_000);
		expect((await listAuditEvents(db, { from: future })).total).toBe(0);
		expect((await listAuditEvents(db, { until: future })).total).toBe(3);
		expect(await auditActions(db)).toEqual([
			'account.deleted',
			'password_reset.issued',
			'role.granted'
		]);
	});
});
