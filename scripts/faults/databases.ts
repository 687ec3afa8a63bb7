// The two engines the checks run on: a PostgreSQL database made for this run (dropped at the end)
// and a PGlite directory in a temporary folder (removed at the end). One PGlite directory has one
// owner, so the script opens it only while no server does.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { openDatabase, type Database, type OpenOptions } from '$lib/server/db';
import { onCleanup, step } from './report';

export interface Engine {
	name: 'PostgreSQL' | 'PGlite';
	/** What the server is given. */
	server: { DATABASE_URL: string } | { DATA_DIR: string };
	open: OpenOptions;
	/** Whether the script may open the database while a server has it (PostgreSQL: yes). */
	shared: boolean;
}

/** Where databases may be created: TEST_DATABASE_URL's server, else the local one. */
const serverUrl = () =>
	process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';

/** Why PostgreSQL cannot be used, or null when it can. */
export async function postgresProblem(): Promise<string | null> {
	const admin = postgres(serverUrl(), { max: 1, connect_timeout: 5, onnotice: () => {} });
	try {
		await admin`select 1`;
		return null;
	} catch (error) {
		return `PostgreSQL does not answer at ${redact(serverUrl())}: ${error instanceof Error ? error.message : error}`;
	} finally {
		await admin.end({ timeout: 1 });
	}
}

const redact = (url: string) => url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:…@');

/** A new, empty database on the PostgreSQL server, dropped when the run ends. */
export async function postgresEngine(): Promise<Engine> {
	const name = `sachhon_faults_${randomBytes(5).toString('hex')}`;
	const admin = postgres(serverUrl(), { max: 1, onnotice: () => {} });
	await admin`create database ${admin(name)}`;
	await admin.end();
	const url = new URL(serverUrl());
	url.pathname = `/${name}`;
	step(`created PostgreSQL database ${name}`);
	onCleanup(async () => {
		const dropper = postgres(serverUrl(), { max: 1, onnotice: () => {} });
		try {
			await dropper`drop database if exists ${dropper(name)} with (force)`;
		} finally {
			await dropper.end();
		}
	});
	return {
		name: 'PostgreSQL',
		server: { DATABASE_URL: url.href },
		open: { url: url.href, max: 4 },
		shared: true
	};
}

/** A PGlite data directory in a temporary folder, removed when the run ends. */
export function pgliteEngine(): Engine {
	const parent = mkdtempSync(join(tmpdir(), 'sachhon-faults-'));
	onCleanup(() => rmSync(parent, { recursive: true, force: true }));
	const dataDir = join(parent, 'data');
	return { name: 'PGlite', server: { DATA_DIR: dataDir }, open: { dataDir }, shared: false };
}

/** Opens the engine's database for the script itself (migrated by the server already). */
export async function withDatabase<T>(
	engine: Engine,
	work: (db: Database) => Promise<T>
): Promise<T> {
	const handle = await openDatabase(engine.open);
	try {
		return await work(handle.db);
	} finally {
		await handle.close();
	}
}
