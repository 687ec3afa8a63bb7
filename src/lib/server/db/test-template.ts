// A migrated PGlite data directory, made once per set of migrations and kept in the system's temp
// folder: every test file still gets a database of its own, loaded from this copy in about a second
// instead of the five an empty PGlite spends in initdb plus the migrations. Vitest's global setup
// makes it before the workers start; a test file run on its own makes it when it is missing.
// On PostgreSQL (TEST_DATABASE_URL) likewise: a database migrated once per set of migrations, kept on
// the server, which each file's database is created from (`create database … template`, about 0.1 s
// where migrating an empty one took 3–5 s on a busy machine, in each of some ninety files).
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import postgres from 'postgres';
import { openDatabase } from './index';

const migrationsFolder = resolve(process.cwd(), 'db/migrations');

/** Changes whenever a migration or the journal does, so a stale copy is never used. */
function migrationsHash(): string {
	const hash = createHash('sha256');
	const files = [
		...readdirSync(migrationsFolder).filter((f) => f.endsWith('.sql')),
		'meta/_journal.json'
	].sort();
	for (const file of files) hash.update(file).update(readFileSync(join(migrationsFolder, file)));
	return hash.digest('hex').slice(0, 16);
}

/** The path of the migrated copy, made first if it does not exist yet. */
export async function migratedTemplate(): Promise<string> {
	const file = join(tmpdir(), `sachhon-test-template-${migrationsHash()}.tar`);
	if (existsSync(file)) return file;
	const handle = await openDatabase({ dataDir: 'memory' });
	try {
		await handle.migrate();
		const client = (handle.db as unknown as { $client: PGlite }).$client;
		const dump = await client.dumpDataDir('none');
		// Written aside and renamed: two workers making it at once never read half a file.
		const partial = `${file}.${randomBytes(4).toString('hex')}`;
		writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
		renameSync(partial, file);
	} finally {
		await handle.close();
	}
	return file;
}

/**
 * The name of a migrated database on the PostgreSQL server `serverUrl` to create test databases from,
 * made first if it does not exist yet. Left in place for the next run (one per set of migrations).
 */
export async function postgresTemplate(serverUrl: string): Promise<string> {
	const name = `sachhon_test_template_${migrationsHash()}`;
	const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
	const exists = async () =>
		(await admin`select 1 from pg_database where datname = ${name}`).length > 0;
	try {
		if (await exists()) return name;
		// Made aside and renamed: a run starting meanwhile never copies a half-migrated database.
		const partial = `${name}_${randomBytes(4).toString('hex')}`;
		await admin.unsafe(`create database ${partial}`);
		const url = new URL(serverUrl);
		url.pathname = `/${partial}`;
		// Migrating holds a connection for its lock while it works on another: two connections.
		const migrator = await openDatabase({ url: url.toString(), max: 2 });
		try {
			await migrator.migrate();
		} finally {
			await migrator.close();
		}
		try {
			await admin.unsafe(`alter database ${partial} rename to ${name}`);
		} catch (error) {
			// Another run made the same one meanwhile.
			await admin.unsafe(`drop database if exists ${partial} with (force)`);
			if (!(await exists())) throw error;
		}
		return name;
	} finally {
		await admin.end();
	}
}

/** Vitest global setup: make the copies once, before the test files run in parallel. */
export default async function setup() {
	await migratedTemplate();
	if (process.env.TEST_DATABASE_URL) await postgresTemplate(process.env.TEST_DATABASE_URL);
}
