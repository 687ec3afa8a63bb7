import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { readFileSync } from 'node:fs';
import { openDatabase, type DatabaseHandle, type Engine } from './index';
import { migratedTemplate, postgresTemplate } from './test-template';

/** PGlite always; PostgreSQL too when TEST_DATABASE_URL names a server we may create databases on. */
export const testEngines: Engine[] = process.env.TEST_DATABASE_URL
	? ['pglite', 'postgres']
	: ['pglite'];

/**
 * A fresh, migrated database of its own; close() drops it. Never shared between test files.
 * `max`: PostgreSQL pool size (1 makes every query meet the same connection, whose prepared
 * statements a test can then read).
 */
export async function createTestDatabase(
	engine: Engine,
	{ max = 5 }: { max?: number } = {}
): Promise<DatabaseHandle> {
	if (engine === 'pglite') {
		const from = new Blob([readFileSync(await migratedTemplate())]);
		const handle = await openDatabase({ dataDir: 'memory', from });
		// Already migrated: this only confirms it, as the server does at every start.
		await handle.migrate();
		return handle;
	}
	const serverUrl = process.env.TEST_DATABASE_URL;
	if (!serverUrl) throw new Error('TEST_DATABASE_URL is not set');
	const name = `sachhon_test_${randomBytes(6).toString('hex')}`;
	const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
	await admin.unsafe(`create database ${name} template ${await postgresTemplate(serverUrl)}`);
	const url = new URL(serverUrl);
	url.pathname = `/${name}`;
	// Already migrated (a copy): this only confirms it. Migrating holds a connection for its lock
	// while it works on another: a pool of its own.
	const migrator = await openDatabase({ url: url.toString(), max: 2 });
	await migrator.migrate();
	await migrator.close();
	const handle = await openDatabase({ url: url.toString(), max });
	return {
		...handle,
		async close() {
			await handle.close();
			await admin.unsafe(`drop database if exists ${name} with (force)`);
			await admin.end();
		}
	};
}
