// A migrated PGlite data directory, made once per set of migrations and kept in the system's temp
// folder: every test file still gets a database of its own, loaded from this copy in about a second
// instead of the five an empty PGlite spends in initdb plus the migrations. Vitest's global setup
// makes it before the workers start; a test file run on its own makes it when it is missing.
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
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

/** Vitest global setup: make the copy once, before the test files run in parallel. */
export default async function setup() {
	await migratedTemplate();
}
