import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users, workshopAttendance } from '$db/schema';
import { sessionSchema, workshopSchema } from '$lib/schemas/workshops';
import { createTestDatabase, testEngines } from '../db/test-helpers';
import type { Database, DatabaseHandle } from '../db';
import { grantRole } from '../auth/roles';
import { staffScope } from '../auth/staff';
import { createOrganisation } from '../organisations';
import { workshopAccess, type WorkshopViewer } from './access';
import { confirmPaper, maskAccount, parsePaperLines, reviewPaper, sheetRows } from './paper';
import { addSession, createWorkshop, setWorkshopStatus } from './plan';
import { register } from './registration';

describe('paper lines', () => {
	it('reads numbers, names and walk-ins, one a line', () => {
		expect(
			parsePaperLines(
				'12\n\n  12. Nguyễn Văn An \n7) tran thi lan\nLê Thị Mới, 0912 345 678\nVõ  Tâm'
			)
		).toEqual([
			{ line: 1, text: '12', row: 12, name: '', contact: '' },
			{ line: 3, text: '12. Nguyễn Văn An', row: 12, name: 'Nguyễn Văn An', contact: '' },
			{ line: 4, text: '7) tran thi lan', row: 7, name: 'tran thi lan', contact: '' },
			{
				line: 5,
				text: 'Lê Thị Mới, 0912 345 678',
				row: null,
				name: 'Lê Thị Mới',
				contact: '0912 345 678'
			},
			{ line: 6, text: 'Võ  Tâm', row: null, name: 'Võ Tâm', contact: '' }
		]);
	});

	it('hides most of an account, keeping enough to tell two apart', () => {
		expect(maskAccount('0912345678')).toBe('091•••678');
		expect(maskAccount('an.nguyen@sxsh.vn')).toBe('an•••@sxsh.vn');
		expect(maskAccount('hv1')).toBe('h•••');
	});
});

describe.each(testEngines)('paper attendance on %s', (engine) => {
	let handle: DatabaseHandle;
	let db: Database;
	let orgA: string;
	let orgB: string;
	let manager: WorkshopViewer;

	beforeAll(async () => {
		handle = await createTestDatabase(engine);
		db = handle.db;
		orgA = (await createOrganisation(db, { name: 'Trung tâm A', kind: 'agency', area: null })).id;
		orgB = (await createOrganisation(db, { name: 'Công ty B', kind: 'enterprise', area: null })).id;
		manager = await staff('manager', orgA);
	});
	afterAll(async () => {
		await handle?.close();
	});

	async function staff(role: 'manager' | 'trainer', organisationId: string) {
		const [user] = await db
			.insert(users)
			.values({
				username: `ql-${randomBytes(5).toString('hex')}`,
				passwordHash: 'x',
				fullName: 'Cán bộ'
			})
			.returning();
		await grantRole(db, null, user.id, role, organisationId);
		return { user, scope: await staffScope(db, user) };
	}

	/** People with these names (and phones as usernames), registered for the workshop. */
	async function registrants(workshopId: string, people: [string, string?, string?][]) {
		const rows = await db
			.insert(users)
			.values(
				people.map(([fullName, username, organisationId]) => ({
					fullName,
					username: username ?? `hv-${randomBytes(5).toString('hex')}`,
					organisationId: organisationId ?? null,
					passwordHash: 'x'
				}))
			)
			.returning({ id: users.id });
		for (const r of rows) await register(db, workshopId, r.id, 'self');
		return rows.map((r) => r.id);
	}

	async function workshopWithSession() {
		const made = await createWorkshop(
			db,
			manager,
			workshopSchema.parse({
				title: 'Tập huấn ghi danh bằng giấy',
				courseId: '',
				organisationId: orgA,
				venue: 'Hội trường',
				area: '',
				capacity: '',
				registrationMode: 'open',
				cohortId: ''
			})
		);
		if (!made.ok) throw new Error(made.reason);
		await setWorkshopStatus(db, manager, made.workshop.id, 'open');
		const s = await addSession(
			db,
			manager,
			made.workshop.id,
			sessionSchema.parse({ day: '2026-12-03', startTime: '08:00', endTime: '11:00' })
		);
		if (!s.ok) throw new Error(s.reason);
		return { id: made.workshop.id, sessionId: s.session.id, startsAt: s.session.startsAt };
	}

	const presentAt = async (sessionId: string) =>
		(
			await db
				.select({ userId: workshopAttendance.userId, method: workshopAttendance.method })
				.from(workshopAttendance)
				.where(eq(workshopAttendance.sessionId, sessionId))
		).sort((a, b) => (a.userId < b.userId ? -1 : 1));

	it('numbers the sheet by given name in Vietnamese order, the same on every print', async () => {
		const w = await workshopWithSession();
		await registrants(w.id, [
			['Lê Đức Chính'],
			['Trần Thị Bình', undefined, orgB],
			['Nguyễn Văn Anh'],
			['Phạm Văn Dũng']
		]);
		const rows = await sheetRows(db, w.id, w);
		expect(rows.map((r) => [r.row, r.fullName, r.organisation])).toEqual([
			[1, 'Nguyễn Văn Anh', null],
			[2, 'Trần Thị Bình', 'Công ty B'],
			[3, 'Lê Đức Chính', null],
			[4, 'Phạm Văn Dũng', null]
		]);
		expect(await sheetRows(db, w.id, w)).toEqual(rows);
	});

	it('asks which of two people of one name, picks a sheet row by its number, and matches a walk-in’s phone to their account', async () => {
		const w = await workshopWithSession();
		const [lan1, lan2, an] = await registrants(w.id, [
			['Trần Thị Lan', '0911000001', orgA],
			['Trần Thị Lan', '0911000002', orgB],
			['Nguyễn Văn An']
		]);
		// Someone with an account who did not register, walking in with their phone number.
		const [known] = await db
			.insert(users)
			.values({ fullName: 'Đỗ Văn Quen', username: '0933444555', passwordHash: 'x' })
			.returning({ id: users.id });
		const rows = await sheetRows(db, w.id, w);
		const anRow = rows.find((r) => r.userId === an)!.row;
		const text = [
			'tran thi lan',
			String(anRow),
			'Do Van Quen, +84 933 444 555',
			'Không Ai Cả',
			'99'
		].join('\n');
		const review = await reviewPaper(db, w.id, w.sessionId, text);
		expect(review.map((r) => r.status)).toEqual([
			'ambiguous',
			'matched',
			'matched',
			'unmatched',
			'unmatched'
		]);
		const [lan, byRow, walk, nobody, noRow] = review;
		expect(lan.status === 'ambiguous' && lan.candidates.map((c) => c.account).sort()).toEqual([
			'091•••001',
			'091•••002'
		]);
		expect(lan.status === 'ambiguous' && lan.candidates.map((c) => c.organisation).sort()).toEqual([
			'Công ty B',
			'Trung tâm A'
		]);
		expect(byRow.status === 'matched' && byRow.person.userId).toBe(an);
		expect(walk.status === 'matched' && walk.person.userId).toBe(known.id);
		expect(nobody.status === 'unmatched' && nobody.problem).toBe('no_one');
		expect(noRow.status === 'unmatched' && noRow.problem).toBe('row_unknown');

		// Unanswered: nothing is recorded, and the page is told which lines need an answer.
		const unanswered = await confirmPaper(db, w, text, {}, manager.user!.id);
		expect(unanswered.ok === false && unanswered.problems).toEqual({
			1: 'choose',
			4: 'walk_in_or_skip',
			5: 'walk_in_or_skip'
		});
		expect(await presentAt(w.sessionId)).toEqual([]);

		// A forged choice (someone not among the line's candidates) is no answer.
		const forged = await confirmPaper(
			db,
			w,
			text,
			{ 1: { pick: an }, 4: { pick: 'skip' }, 5: { pick: 'skip' } },
			manager.user!.id
		);
		expect(forged.ok === false && forged.problems).toEqual({ 1: 'choose' });

		const answers = { 1: { pick: lan2 }, 4: { pick: 'skip' }, 5: { pick: 'skip' } };
		const done = await confirmPaper(db, w, text, answers, manager.user!.id);
		expect(done.ok && done.outcomes.map((o) => [o.line, o.outcome])).toEqual([
			[1, 'recorded'],
			[2, 'recorded'],
			[3, 'recorded'],
			[4, 'skipped'],
			[5, 'skipped']
		]);
		expect(await presentAt(w.sessionId)).toEqual(
			[lan2, an, known.id]
				.map((userId) => ({ userId, method: 'paper' }))
				.sort((a, b) => (a.userId < b.userId ? -1 : 1))
		);
		expect((await presentAt(w.sessionId)).some((p) => p.userId === lan1)).toBe(false);
		// The walk-in's phone found their account: no second account was made.
		expect(await db.select().from(users).where(eq(users.username, '0933444555'))).toHaveLength(1);

		// Confirming the same again (a reload, a second press) records nobody twice.
		const again = await confirmPaper(db, w, text, answers, manager.user!.id);
		expect(again.ok && again.outcomes.filter((o) => o.outcome === 'recorded')).toEqual([]);
		expect(await presentAt(w.sessionId)).toHaveLength(3);
		const review2 = await reviewPaper(db, w.id, w.sessionId, text);
		expect(review2[1].alreadyPresent).toBe(true);
		// Of the two Lans, the page says which is present already.
		expect(
			review2[0].status === 'ambiguous' &&
				review2[0].candidates.map((c) => [c.userId, c.present]).sort()
		).toEqual(
			[
				[lan1, false],
				[lan2, true]
			].sort()
		);
	});

	it('makes a walk-in’s account once, and asks when a number and a name disagree', async () => {
		const w = await workshopWithSession();
		const [binh, chinh] = await registrants(w.id, [['Trần Thị Bình'], ['Lê Đức Chính']]);
		const text = '1. Le Duc Chinh\nNguyễn Văn Mới, 0977 123 456\n2 Lê Đức Chính\nLe duc chinh';
		const review = await reviewPaper(db, w.id, w.sessionId, text);
		expect(review[0].status === 'ambiguous' && review[0].candidates.map((c) => c.userId)).toEqual([
			binh,
			chinh
		]);
		expect(review[1].status).toBe('new_walk_in');
		expect(review[2].status === 'matched' && review[2].person.userId).toBe(chinh);
		expect(review[3].duplicate).toBe(true);
		const answers = { 1: { pick: chinh }, 2: { pick: 'walk_in', contact: 'x' } };
		const bad = await confirmPaper(db, w, text, answers, manager.user!.id);
		expect(bad.ok === false && bad.problems).toEqual({ 2: 'contact_invalid' });
		const fixed = { ...answers, 2: { pick: 'walk_in', contact: '0977 123 456' } };
		const first = await confirmPaper(db, w, text, fixed, manager.user!.id);
		const walkIn = first.ok ? first.outcomes.find((o) => o.line === 2) : undefined;
		expect(walkIn).toMatchObject({
			outcome: 'recorded',
			fullName: 'Nguyễn Văn Mới',
			account: { identifier: '0977123456' }
		});
		expect(first.ok && first.outcomes.map((o) => o.outcome)).toEqual([
			'recorded',
			'recorded',
			'already',
			'already'
		]);
		const replay = await confirmPaper(db, w, text, fixed, manager.user!.id);
		expect(replay.ok && replay.outcomes.map((o) => o.outcome)).toEqual([
			'already',
			'already',
			'already',
			'already'
		]);
		expect(replay.ok && replay.outcomes.some((o) => o.account)).toBe(false);
		expect(await db.select().from(users).where(eq(users.username, '0977123456'))).toHaveLength(1);
		expect(await presentAt(w.sessionId)).toHaveLength(2);
		// The walk-in is not numbered on this session's sheet (typing back its next page finds the
		// numbers unmoved), and is on the sheet of a session after it.
		expect((await sheetRows(db, w.id, w)).map((r) => r.userId)).toEqual([binh, chinh]);
		expect(
			(await sheetRows(db, w.id, { startsAt: new Date(Date.now() + 86_400_000) })).map(
				(r) => r.fullName
			)
		).toEqual(['Trần Thị Bình', 'Lê Đức Chính', 'Nguyễn Văn Mới']);
	});

	it('lets only those who take its attendance near it: another organisation’s manager finds nothing', async () => {
		const w = await workshopWithSession();
		const outsider = await staff('manager', orgB);
		expect((await workshopAccess(db, outsider, w.id))?.takeAttendance).toBe(false);
		expect((await workshopAccess(db, manager, w.id))?.takeAttendance).toBe(true);
	});
});
