import { eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { auditEvents, cohortMembers, guardianConsents, users } from '$db/schema';
import { scopeOf } from '../auth/staff';
import { createTestDatabase, testEngines } from '../db/test-helpers';
import type { Database, DatabaseHandle } from '../db';
import { createOrganisation } from '../organisations';
import { makeUser } from '$testing/factories';
import { createCohort } from './cohorts';
import { importRoster } from './import';

/** Instruments: whether a transaction is open when a password is hashed; failures on demand. */
const probe = vi.hoisted(() => ({
	inTransaction: false,
	hashedInTransaction: 0,
	hashed: 0,
	failHashAt: 0,
	failMembers: false
}));

vi.mock('../auth/password', async (importOriginal) => {
	const actual = await importOriginal<typeof import('../auth/password')>();
	return {
		...actual,
		hashPassword: (password: string) => {
			probe.hashed++;
			if (probe.inTransaction) probe.hashedInTransaction++;
			if (probe.hashed === probe.failHashAt) throw new Error('injected: hashing failed');
			return actual.hashPassword(password);
		}
	};
});

vi.mock('./members', async (importOriginal) => {
	const actual = await importOriginal<typeof import('./members')>();
	return {
		...actual,
		addMembers: (...args: Parameters<typeof actual.addMembers>) => {
			if (probe.failMembers) throw new Error('injected: the database went away');
			return actual.addMembers(...args);
		}
	};
});

/** The database, with every transaction it opens marked as open while it runs. */
function watched(db: Database): Database {
	const wrapper = Object.create(db) as Database;
	wrapper.transaction = async (work, config) => {
		probe.inTransaction = true;
		try {
			return await db.transaction(work, config);
		} finally {
			probe.inTransaction = false;
		}
	};
	return wrapper;
}

const roster = (prefix: string, count: number) => [
	['Họ và tên', 'Tên đăng nhập hoặc email', 'Ngày sinh', 'Nhóm đối tượng'],
	...Array.from({ length: count }, (_, i) => [
		`Học Viên ${i}`,
		`${prefix}-${i}`,
		'05/09/2010',
		'Học sinh'
	])
];

describe.each(testEngines)('importing a class on %s', (engine) => {
	let handle: DatabaseHandle;
	let db: Database;
	let admin: { id: string; isAdmin: boolean };
	let cohort: { id: string; organisationId: string };
	beforeAll(async () => {
		handle = await createTestDatabase(engine);
		db = handle.db;
		admin = await makeUser(db, { isAdmin: true });
		const organisation = await createOrganisation(db, {
			name: 'Trường A',
			kind: 'school',
			area: ''
		});
		cohort = (await createCohort(db, scopeOf(admin, []), admin.id, {
			organisationId: organisation.id,
			name: '10A1',
			year: 2026
		}))!;
	});
	afterAll(() => handle?.close());
	beforeEach(() => {
		Object.assign(probe, { hashed: 0, hashedInTransaction: 0, failHashAt: 0, failMembers: false });
	});

	async function stored(prefix: string) {
		const names = roster(prefix, 50).map((r) => r[1]);
		const accounts = await db.select().from(users).where(inArray(users.username, names));
		const members = await db
			.select()
			.from(cohortMembers)
			.where(
				inArray(
					cohortMembers.userId,
					accounts.map((a) => a.id)
				)
			);
		return { accounts: accounts.length, members: members.length };
	}

	it('hashes every password before the transaction opens, none inside it', async () => {
		const result = await importRoster(watched(db), admin.id, cohort, roster('hash', 6));
		expect(result.ok).toBe(true);
		expect(probe.hashed).toBe(6);
		expect(probe.hashedInTransaction).toBe(0);
		expect(await stored('hash')).toEqual({ accounts: 6, members: 6 });
	});

	it('leaves the database free for other requests while it hashes', async () => {
		const order: string[] = [];
		let asked: Promise<void> | undefined;
		const importing = importRoster(db, admin.id, cohort, roster('busy', 8), new Date(), {
			onProgress: (done) => {
				// Another request, made while the passwords are being hashed.
				if (done === 1)
					asked = db.execute(sql`select count(*) from users`).then(() => {
						order.push('other request answered');
					});
			}
		}).then((result) => {
			order.push('import done');
			return result;
		});
		expect((await importing).ok).toBe(true);
		await asked;
		expect(order).toEqual(['other request answered', 'import done']);
	});

	it('imports nothing when the database fails part-way, and can be run again', async () => {
		probe.failMembers = true;
		await expect(importRoster(db, admin.id, cohort, roster('fail', 5))).rejects.toThrow(/injected/);
		expect(await stored('fail')).toEqual({ accounts: 0, members: 0 });
		const audits = await db
			.select()
			.from(auditEvents)
			.where(eq(auditEvents.action, 'cohort.imported'));
		probe.failMembers = false;
		expect((await importRoster(db, admin.id, cohort, roster('fail', 5))).ok).toBe(true);
		expect(await stored('fail')).toEqual({ accounts: 5, members: 5 });
		const after = await db
			.select()
			.from(auditEvents)
			.where(eq(auditEvents.action, 'cohort.imported'));
		expect(after.length).toBe(audits.length + 1);
	});

	it('imports nothing when hashing fails part-way', async () => {
		probe.failHashAt = 3;
		await expect(importRoster(db, admin.id, cohort, roster('half', 5))).rejects.toThrow(/injected/);
		expect(await stored('half')).toEqual({ accounts: 0, members: 0 });
	});

	it('stops before storing anything when the reader goes away', async () => {
		const gone = new AbortController();
		const importing = importRoster(db, admin.id, cohort, roster('gone', 5), new Date(), {
			signal: gone.signal,
			onProgress: (done) => done === 2 && gone.abort()
		});
		await expect(importing).rejects.toThrow();
		expect(await stored('gone')).toEqual({ accounts: 0, members: 0 });
	});
	it('records the guardians’ consent the school collected, as the importing manager’s, on paper', async () => {
		const rows = [
			[
				'Họ và tên',
				'Tên đăng nhập hoặc email',
				'Ngày sinh',
				'Nhóm đối tượng',
				'Họ tên người giám hộ',
				'Liên hệ người giám hộ',
				'Quan hệ với người học',
				'Ngày đồng ý'
			],
			[
				'Lê Minh Khang',
				'gd-khang',
				'12/03/2011',
				'Học sinh',
				'Lê Văn Hùng',
				'0912 345 678',
				'Bố',
				'20/11/2026'
			],
			['Trần Văn Nam', 'gd-nam', '12/03/2011', 'Học sinh', '', '', '', '']
		];
		const result = await importRoster(db, admin.id, cohort, rows, new Date('2026-12-04T03:00:00Z'));
		expect(result.ok).toBe(true);
		const accounts = await db
			.select()
			.from(users)
			.where(inArray(users.username, ['gd-khang', 'gd-nam']));
		const khang = accounts.find((a) => a.username === 'gd-khang')!;
		const nam = accounts.find((a) => a.username === 'gd-nam')!;
		expect(khang.guardianConsentAt).toBeInstanceOf(Date);
		expect(nam.guardianConsentAt).toBeNull();
		const consents = await db
			.select()
			.from(guardianConsents)
			.where(inArray(guardianConsents.userId, [khang.id, nam.id]));
		expect(consents).toHaveLength(1);
		expect(consents[0]).toMatchObject({
			userId: khang.id,
			guardianName: 'Lê Văn Hùng',
			guardianContact: '0912 345 678',
			relationship: 'Bố',
			consentedOn: '2026-11-20',
			method: 'paper',
			recordedBy: admin.id,
			withdrawnAt: null
		});
		const audit = await db.select().from(auditEvents).where(eq(auditEvents.subjectId, khang.id));
		expect(audit.map((a) => [a.action, a.actorId])).toEqual([
			['guardian_consent.recorded', admin.id]
		]);
	});

	it('imports nothing when a guardian’s row is wrong, and says where', async () => {
		const rows = [
			[
				'Họ và tên',
				'Tên đăng nhập hoặc email',
				'Ngày sinh',
				'Nhóm đối tượng',
				'Người giám hộ',
				'SĐT phụ huynh',
				'Quan hệ',
				'Ngày đồng ý'
			],
			[
				'Lê Minh Khang',
				'gd-bad',
				'12/03/2011',
				'Học sinh',
				'Lê Văn Hùng',
				'bố Hùng',
				'Bố',
				'20/11/2026'
			]
		];
		const result = await importRoster(db, admin.id, cohort, rows, new Date('2026-12-04T03:00:00Z'));
		expect(result).toEqual({
			ok: false,
			problems: [{ row: 2, column: 'guardianContact', code: 'guardian_contact' }]
		});
		expect(await db.select().from(users).where(eq(users.username, 'gd-bad'))).toEqual([]);
	});
});
