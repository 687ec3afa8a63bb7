// Fresh databases for the bench: a PGlite data directory in a temporary folder, or a PostgreSQL
// database `sachhon_bench_<random>` created for the run and dropped at the end.
import { randomBytes } from 'node:crypto';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import type { EngineChoice } from './options';

export const LOCAL_POSTGRES = 'postgres://postgres@127.0.0.1:5432/postgres';

export interface BenchDatabase {
	engine: EngineChoice;
	/** What the server is started with: DATA_DIR or DATABASE_URL. */
	env: { DATA_DIR: string } | { DATABASE_URL: string };
	/** openDatabase's options for the seeding process. */
	open: { dataDir: string } | { url: string };
	label: string;
	/** A new database with this one's contents (the server must be stopped). */
	clone(): Promise<BenchDatabase>;
	drop(): Promise<void>;
}

/** The administrative URL to use, or undefined when no PostgreSQL answers. */
export async function findPostgres(configured: string | undefined): Promise<string | undefined> {
	const url = configured ?? LOCAL_POSTGRES;
	const sql = postgres(url, { max: 1, connect_timeout: 3, onnotice: () => {} });
	try {
		await sql`select 1`;
		return url;
	} catch (error) {
		if (configured) throw new Error(`BENCH_DATABASE_URL does not answer: ${String(error)}`);
		return undefined;
	} finally {
		await sql.end({ timeout: 1 });
	}
}

function withDatabase(url: string, name: string): string {
	const parsed = new URL(url);
	parsed.pathname = `/${name}`;
	return parsed.toString();
}

export async function createDatabase(
	engine: EngineChoice,
	adminUrl: string | undefined,
	from?: BenchDatabase
): Promise<BenchDatabase> {
	if (engine === 'pglite') {
		const dir = mkdtempSync(join(tmpdir(), 'sachhon-bench-'));
		const dataDir = join(dir, 'data');
		if (from && 'dataDir' in from.open) cpSync(from.open.dataDir, dataDir, { recursive: true });
		const database: BenchDatabase = {
			engine,
			env: { DATA_DIR: dataDir },
			open: { dataDir },
			label: dataDir,
			clone: () => createDatabase(engine, adminUrl, database),
			drop: async () => rmSync(dir, { recursive: true, force: true })
		};
		return database;
	}
	if (!adminUrl) throw new Error('No PostgreSQL to create a database on.');
	const name = `sachhon_bench_${randomBytes(5).toString('hex')}`;
	const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
	try {
		const template = from ? ` template ${from.label}` : '';
		await admin.unsafe(`create database ${name}${template}`);
	} finally {
		await admin.end({ timeout: 5 });
	}
	const url = withDatabase(adminUrl, name);
	const database: BenchDatabase = {
		engine,
		env: { DATABASE_URL: url },
		open: { url },
		label: name,
		clone: () => createDatabase(engine, adminUrl, database),
		async drop() {
			const sql = postgres(adminUrl, { max: 1, onnotice: () => {} });
			try {
				await sql.unsafe(`drop database if exists ${name} with (force)`);
			} finally {
				await sql.end({ timeout: 5 });
			}
		}
	};
	return database;
}
