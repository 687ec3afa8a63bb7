import { randomBytes } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { describe, expect, it } from 'vitest';
import { openDatabase } from './index';

const serverUrl = process.env.TEST_DATABASE_URL;

describe('migrations', () => {
	it('apply to PGlite and are a no-op the second time', async () => {
		const handle = await openDatabase({ dataDir: 'memory' });
		try {
			await handle.migrate();
			await handle.migrate();
			const rows = await handle.db.execute(
				sql`select count(*)::int as n from drizzle.__drizzle_migrations`
			);
			expect(Number((rows as unknown as { rows: { n: number }[] }).rows[0].n)).toBeGreaterThan(0);
		} finally {
			await handle.close();
		}
	});

	// Two instances starting together on one PostgreSQL: the advisory lock lets one migrate.
	it.runIf(serverUrl)('run once when two instances start together on PostgreSQL', async () => {
		const admin = postgres(serverUrl!, { max: 1, onnotice: () => {} });
		const name = `sachhon_test_${randomBytes(6).toString('hex')}`;
		await admin.unsafe(`create database ${name}`);
		const url = new URL(serverUrl!);
		url.pathname = `/${name}`;
		const first = await openDatabase({ url: url.toString(), max: 3 });
		const second = await openDatabase({ url: url.toString(), max: 3 });
		try {
			await Promise.all([first.migrate(), second.migrate(), first.migrate()]);
			// The app's connections run without JIT compilation (see openPostgres).
			const jit = (await first.db.execute(sql`show jit`)) as unknown as { jit: string }[];
			expect(jit[0].jit).toBe('off');
			const probe = postgres(url.toString(), { max: 1 });
			const [{ n }] = await probe`select count(*)::int as n from drizzle.__drizzle_migrations`;
			const files = readdirSync('db/migrations').filter((f) => f.endsWith('.sql'));
			expect(n).toBe(files.length);
			const [{ tables }] =
				await probe`select count(*)::int as tables from information_schema.tables where table_schema = 'public'`;
			expect(tables).toBeGreaterThanOrEqual(6);
			await probe.end();
		} finally {
			await first.close();
			await second.close();
			await admin.unsafe(`drop database if exists ${name} with (force)`);
			await admin.end();
		}
	});
});
