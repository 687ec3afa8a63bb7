import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, describe, expect, it } from 'vitest';
import { users } from '$db/schema';
import { makeUser } from '$testing/factories';
import { openDatabase, restoreDatabase } from './index';
import { createTestDatabase } from './test-helpers';

const work = mkdtempSync(join(tmpdir(), 'sachhon-backup-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('backup and restore', () => {
	it('round-trips a PGlite data directory', async () => {
		const source = await openDatabase({ dataDir: join(work, 'source') });
		await source.migrate();
		const user = await makeUser(source.db, { fullName: 'Huỳnh Thị Sao Mai' });
		const file = join(work, 'pglite.tar.gz');
		await source.backup(file);
		await source.close();

		await restoreDatabase({ dataDir: join(work, 'restored') }, file);
		const restored = await openDatabase({ dataDir: join(work, 'restored') });
		const [row] = await restored.db.select().from(users).where(eq(users.id, user.id));
		expect(row?.fullName).toBe('Huỳnh Thị Sao Mai');
		await restored.close();

		// Nothing is restored over existing data.
		await expect(restoreDatabase({ dataDir: join(work, 'restored') }, file)).rejects.toThrow(
			/is not empty/
		);
	});

	it.runIf(process.env.TEST_DATABASE_URL)(
		'round-trips a PostgreSQL database with pg_dump',
		async () => {
			const source = await createTestDatabase('postgres');
			const user = await makeUser(source.db, { fullName: 'Lâm Văn Đức' });
			const file = join(work, 'postgres.dump');
			await source.backup(file);
			await source.close();

			const admin = postgres(process.env.TEST_DATABASE_URL!, { max: 1, onnotice: () => {} });
			const name = `sachhon_test_${randomBytes(6).toString('hex')}`;
			await admin.unsafe(`create database ${name}`);
			const url = new URL(process.env.TEST_DATABASE_URL!);
			url.pathname = `/${name}`;
			try {
				await restoreDatabase({ url: url.toString() }, file);
				const restored = await openDatabase({ url: url.toString(), max: 2 });
				const [row] = await restored.db.select().from(users).where(eq(users.id, user.id));
				expect(row?.fullName).toBe('Lâm Văn Đức');
				await restored.close();
			} finally {
				await admin.unsafe(`drop database if exists ${name} with (force)`);
				await admin.end();
			}
		}
	);
});
