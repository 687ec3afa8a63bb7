// The server runs PGlite in a worker thread (pglite-worker.js, pglite-client.ts); the other
// integration tests keep it in their own thread. These run the worker-backed handle: what the
// domain relies on must come out the same, and a long query must leave the main thread free.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { messages, TransactionAbortedError, type PGlite } from '@electric-sql/pglite';
import { eq, sql } from 'drizzle-orm';
import { customType, integer, jsonb, numeric, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '$db/schema';
import { makeUser } from '$testing/factories';
import { createAccount, prepareAccount } from '../auth/accounts';
import { openDatabase, restoreDatabase, type DatabaseHandle } from './index';
import { queryRows } from './rows';
import { migratedTemplate } from './test-template';

const bytea = customType<{ data: Uint8Array }>({ dataType: () => 'bytea' });
const probes = pgTable('worker_type_probes', {
	id: integer().primaryKey(),
	at: timestamp({ withTimezone: true }).notNull(),
	atText: timestamp({ withTimezone: true, mode: 'string' }).notNull(),
	doc: jsonb().$type<{ tên: string; list: number[] }>().notNull(),
	bytes: bytea().notNull(),
	amount: numeric().notNull(),
	tags: text().array().notNull(),
	scores: integer().array().notNull()
});
const createProbes = sql`create table worker_type_probes (id integer primary key,
	at timestamptz not null, at_text timestamptz not null, doc jsonb not null, bytes bytea not null,
	amount numeric not null, tags text[] not null, scores integer[] not null)`;
const probe = {
	id: 1,
	at: new Date('2025-03-04T05:06:07.089Z'),
	atText: '2025-03-04 05:06:07.089+00',
	doc: { tên: 'Sạch Hơn', list: [1, 2, 3] },
	bytes: new Uint8Array([0, 1, 254, 255]),
	amount: '12345678901234567890.125',
	tags: ['một', 'hai, ba', '"bốn"'],
	scores: [10, -2, 0]
};

const work = mkdtempSync(join(tmpdir(), 'sachhon-pglite-worker-'));
let inWorker: DatabaseHandle;
let inThread: DatabaseHandle;

beforeAll(async () => {
	const from = new Blob([readFileSync(await migratedTemplate())]);
	[inWorker, inThread] = await Promise.all([
		openDatabase({ dataDir: 'memory', from, worker: true }),
		openDatabase({ dataDir: 'memory', from })
	]);
	for (const handle of [inWorker, inThread]) {
		await handle.migrate();
		await handle.db.execute(createProbes);
		await handle.db.insert(probes).values(probe);
	}
});
afterAll(async () => {
	await Promise.all([inWorker?.close(), inThread?.close()]);
	rmSync(work, { recursive: true, force: true });
});

/** The error, or the first cause in its chain, that carries a PostgreSQL code. */
function databaseError(error: unknown): (Error & { code?: string; constraint?: string }) | null {
	for (let e = error; e instanceof Error; e = e.cause)
		if ((e as { code?: unknown }).code) return e as Error & { code?: string };
	return null;
}

describe('PGlite in a worker thread', () => {
	it('gives the same values as PGlite in the thread: timestamptz, jsonb, bytea, numeric, arrays', async () => {
		const [row] = await inWorker.db.select().from(probes);
		expect(row).toEqual(probe);
		expect(row.bytes).toBeInstanceOf(Uint8Array);
		expect(row.at).toBeInstanceOf(Date);
		expect(row).toEqual((await inThread.db.select().from(probes))[0]);

		// Raw SQL (object rows and Drizzle's own parsers), as reports and pg-boss use it.
		const raw = sql`select at, doc, bytes, amount, tags, scores, array[at] as ats,
			interval '1 day 02:03' as span, 42::bigint as big, true as yes, null::text as nothing
			from worker_type_probes`;
		const [fromWorker] = await queryRows<Record<string, unknown>>(inWorker.db, raw);
		expect(fromWorker).toEqual((await queryRows(inThread.db, raw))[0]);
		expect(fromWorker.at).toBe('2025-03-04 05:06:07.089+00');
		expect(fromWorker.ats).toBe('{"2025-03-04 05:06:07.089+00"}');
		expect(fromWorker.doc).toEqual(probe.doc);
		expect(fromWorker.nothing).toBeNull();

		const direct = await inWorker.executor.executeSql('select $1::jsonb as doc, $2::int as n', [
			{ a: 1 },
			7
		]);
		expect(direct.rows).toEqual([{ doc: { a: 1 }, n: 7 }]);
		// Several statements at once (pg-boss's transactions) answer with the last one's rows.
		const several = await inWorker.executor.executeSql('begin; select 1 as one; commit;');
		expect(several.rows).toEqual([]);
	});

	it('commits a transaction and rolls one back when its work throws', async () => {
		const kept = await inWorker.db.transaction(async (tx) => {
			const user = await makeUser(tx, { fullName: 'Trần Văn Giữ' });
			// A nested transaction is a savepoint: rolling it back keeps the outer work.
			await expect(
				tx.transaction(async (inner) => {
					await inner.update(users).set({ fullName: 'Bị bỏ' }).where(eq(users.id, user.id));
					throw new Error('inner work failed');
				})
			).rejects.toThrow('inner work failed');
			return user;
		});
		const [stored] = await inWorker.db.select().from(users).where(eq(users.id, kept.id));
		expect(stored.fullName).toBe('Trần Văn Giữ');

		let dropped = '';
		await expect(
			inWorker.db.transaction(async (tx) => {
				dropped = (await makeUser(tx, { fullName: 'Lê Thị Bỏ' })).id;
				throw new Error('the work failed');
			})
		).rejects.toThrow('the work failed');
		expect(await inWorker.db.select().from(users).where(eq(users.id, dropped))).toEqual([]);

		// Drizzle's tx.rollback() ends it with PGlite's own rollback.
		await expect(
			inWorker.db.transaction(async (tx) => {
				dropped = (await makeUser(tx, { fullName: 'Phạm Văn Lui' })).id;
				tx.rollback();
			})
		).rejects.toThrow(/rollback/i);
		expect(await inWorker.db.select().from(users).where(eq(users.id, dropped))).toEqual([]);
	});

	it('keeps other queries waiting while a transaction is open, then shows them its work', async () => {
		const before = await inWorker.db.$count(users);
		let outsideAnswered = false;
		let outside: Promise<number> | undefined;
		await inWorker.db.transaction(async (tx) => {
			await makeUser(tx, { fullName: 'Đỗ Thị Chờ' });
			outside = inWorker.db.$count(users).then((n) => {
				outsideAnswered = true;
				return n;
			});
			// The worker has the outside query by now; these answers come after it was sent.
			await tx.select().from(users).limit(1);
			await makeUser(tx, { fullName: 'Đỗ Văn Chờ' });
			expect(outsideAnswered).toBe(false);
		});
		expect(await outside).toBe(before + 2);
	});

	it('throws PostgreSQL errors with their codes, as the domain expects', async () => {
		const prepared = await prepareAccount({
			identifier: 'trung-lap@example.vn',
			password: 'một mật khẩu đủ dài',
			fullName: 'Vũ Thị Trùng'
		});
		if (!prepared.ok) throw new Error(prepared.reason);
		await inWorker.db.insert(users).values(prepared.account);
		const failure = await inWorker.db
			.insert(users)
			.values(prepared.account)
			.then(
				() => null,
				(error: unknown) => error
			);
		const cause = databaseError(failure);
		expect(cause).toBeInstanceOf(messages.DatabaseError);
		expect(cause?.code).toBe('23505');
		expect(cause?.constraint).toBe('users_email_unique');

		// Two sign-ups with one address at once: one account, the other told it is taken.
		const identifier = 'cung-luc@example.vn';
		const input = { identifier, password: 'một mật khẩu đủ dài', fullName: 'Hồ Văn Đôi' };
		const outcomes = await Promise.all([
			createAccount(inWorker.db, input),
			createAccount(inWorker.db, input)
		]);
		expect(outcomes.map((o) => o.ok).sort()).toEqual([false, true]);

		expect(databaseError(await inWorker.db.execute(sql`selec 1`).catch((e) => e))?.code).toBe(
			'42601'
		);

		// A failed statement swallowed inside a transaction: PGlite refuses the commit (25P02).
		const client = (inWorker.db as unknown as { $client: PGlite }).$client;
		const aborted = await client
			.transaction(async (tx) => {
				await tx.query('select 1/0').catch(() => undefined);
			})
			.catch((error: unknown) => error);
		expect(aborted).toBeInstanceOf(TransactionAbortedError);
		expect((aborted as TransactionAbortedError).code).toBe('25P02');
		// And the database goes on answering.
		expect((await client.query('select 1 as one')).rows).toEqual([{ one: 1 }]);
	});

	it('leaves the main thread free while a long query runs', async () => {
		const long = sql`select count(*)::int as n from generate_series(1, 300000) a
			join generate_series(1, 300000) b on a = b`;
		/** Counts the timer turns the main thread takes while `query` runs. */
		async function turnsDuring(handle: DatabaseHandle): Promise<number> {
			let turns = 0;
			let done = false;
			const query = handle.db.execute(long).finally(() => (done = true));
			while (!done) {
				await new Promise((resolve) => setTimeout(resolve, 1));
				turns++;
			}
			await query;
			return turns;
		}
		// In the thread the query holds it until it ends: the count starts only then.
		expect(await turnsDuring(inThread)).toBeLessThanOrEqual(1);
		expect(await turnsDuring(inWorker)).toBeGreaterThan(1);
	});

	it('migrates a new data directory, keeps it across a restart and backs it up', async () => {
		const dataDir = join(work, 'data');
		const first = await openDatabase({ dataDir, worker: true });
		await first.migrate();
		const user = await makeUser(first.db, { fullName: 'Ngô Thị Lưu' });
		await first.close();

		const again = await openDatabase({ dataDir, worker: true });
		await again.migrate();
		const [row] = await again.db.select().from(users).where(eq(users.id, user.id));
		expect(row?.fullName).toBe('Ngô Thị Lưu');
		const file = join(work, 'backup.tar.gz');
		await again.backup(file);
		await again.close();
		await expect(again.db.select().from(users)).rejects.toMatchObject({
			cause: { message: 'PGlite is closed.' }
		});

		await restoreDatabase({ dataDir: join(work, 'restored') }, file);
		const restored = await openDatabase({ dataDir: join(work, 'restored') });
		const [copy] = await restored.db.select().from(users).where(eq(users.id, user.id));
		expect(copy?.fullName).toBe('Ngô Thị Lưu');
		await restored.close();
		// An empty PGlite's initdb and every migration, twice started: slow on a busy machine.
	}, 120_000);
});
