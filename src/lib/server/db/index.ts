import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import * as schema from '$db/schema';
import { queryCounter } from '../bench/query-count';
import { driverValues, installJobQueue, type SqlExecutor } from '../jobs/queue';
import { PgliteWorkerClient } from './pglite-client';

export type Schema = typeof schema;
/** What every domain function takes: the database, or a transaction on it. */
export type Database = PgDatabase<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
export type Engine = 'pglite' | 'postgres';

export interface DatabaseHandle {
	db: Database;
	engine: Engine;
	/** Applies db/migrations; safe when several instances start together. */
	migrate(): Promise<void>;
	/** Writes a backup: PGlite's data directory as a gzipped tarball, or a pg_dump archive. */
	backup(file: string): Promise<void>;
	/** The engine's own client for pg-boss (src/lib/server/jobs/queue.ts): plain SQL, no ORM. */
	executor: SqlExecutor;
	/** Runs `work` while no other instance runs work under the same lock (start-up chores). */
	exclusive<T>(lockKey: number, work: () => Promise<T>): Promise<T>;
	close(): Promise<void>;
}

const migrationsFolder = resolve(process.cwd(), 'db/migrations');
/** Arbitrary constants naming advisory locks: instances starting together take turns. */
export const MIGRATION_LOCK = 7_231_842_001;
export const COURSE_SYNC_LOCK = 7_231_842_002;

export interface OpenOptions {
	/** A postgres:// URL; when absent, PGlite is used. */
	url?: string;
	/** PGlite's data directory; 'memory' for an in-memory database (tests). */
	dataDir?: string;
	/** Connections in the postgres.js pool. */
	max?: number;
	/**
	 * PGlite only: start from this data directory dump (`dumpDataDir`) instead of an empty one. A
	 * fresh PGlite runs initdb, seconds of work; tests start from a migrated copy made once.
	 */
	from?: Blob;
	/**
	 * PGlite only: run it in a worker thread (pglite-worker.js), as the server does, so that a long
	 * query does not stop the main thread. Scripts and most tests keep it in their own thread.
	 */
	worker?: boolean;
}

export async function openDatabase(options: OpenOptions): Promise<DatabaseHandle> {
	if (options.url) return openPostgres(options.url, options.max ?? 10);
	return openPglite(options.dataDir ?? './data', options.from, options.worker ?? false);
}

function openPostgres(url: string, max: number): DatabaseHandle {
	// JIT compiling pays off for long analytical queries, not for a web app's: the report and the
	// matrix crossed its cost threshold and spent tens of milliseconds compiling each time.
	const client = postgres(url, { max, onnotice: () => {}, connection: { jit: 'off' } });
	const db = drizzlePostgres(client, {
		schema,
		casing: 'snake_case',
		logger: queryCounter
	}) as unknown as Database;
	// The lock is held on a connection of its own while the work uses the pool.
	async function exclusive<T>(lockKey: number, work: () => Promise<T>): Promise<T> {
		const lock = await client.reserve();
		try {
			await lock`select pg_advisory_lock(${lockKey})`;
			return await work();
		} finally {
			await lock`select pg_advisory_unlock(${lockKey})`;
			lock.release();
		}
	}
	const executor: SqlExecutor = {
		async executeSql(text, values) {
			if (values?.length)
				return { rows: await client.unsafe(text, driverValues(values) as never[]) };
			// Without parameters pg-boss may send several statements (a transaction): the simple
			// protocol runs them, and answers with one result per statement.
			// postgres.js allows BEGIN only on a connection of its own.
			const connection = await client.reserve();
			let result: unknown[];
			try {
				result = (await connection.unsafe(text).simple()) as unknown as unknown[];
			} finally {
				connection.release();
			}
			const rows = Array.isArray(result[0]) ? (result.at(-1) as unknown[]) : result;
			return { rows: rows as Record<string, unknown>[] };
		}
	};
	return {
		db,
		engine: 'postgres',
		executor,
		migrate: () =>
			exclusive(MIGRATION_LOCK, async () => {
				await migratePostgres(drizzlePostgres(client, { casing: 'snake_case' }), {
					migrationsFolder
				});
				await installJobQueue(executor);
			}),
		exclusive,
		backup: (file) => run('pg_dump', ['--format=custom', '--no-owner', `--file=${file}`, url]),
		close: () => client.end({ timeout: 5 })
	};
}

async function openPglite(dataDir: string, from?: Blob, worker = false): Promise<DatabaseHandle> {
	let client: PGlite;
	if (worker) {
		// Drizzle and the executor below use only what the worker's client has (query, exec,
		// transaction, dumpDataDir, close).
		client = (await PgliteWorkerClient.open({ dataDir, from })).asPglite();
	} else if (dataDir === 'memory') {
		client = await PGlite.create(from ? { loadDataDir: from } : {});
	} else {
		// PGlite's own mkdir is not recursive.
		mkdirSync(dataDir, { recursive: true });
		client = await PGlite.create(dataDir);
	}
	const db = drizzlePglite(client, {
		schema,
		casing: 'snake_case',
		logger: queryCounter
	}) as unknown as Database;
	const executor: SqlExecutor = {
		async executeSql(text, values) {
			if (values?.length) {
				const result = await client.query(text, driverValues(values));
				return { rows: result.rows as Record<string, unknown>[] };
			}
			// Several statements (pg-boss's transactions) need exec, which answers one result each.
			const results = await client.exec(text);
			return { rows: (results.at(-1)?.rows ?? []) as Record<string, unknown>[] };
		}
	};
	return {
		db,
		engine: 'pglite',
		executor,
		// One process owns a PGlite directory, so no lock is needed.
		async migrate() {
			await migratePglite(drizzlePglite(client, { casing: 'snake_case' }), { migrationsFolder });
			await installJobQueue(executor);
		},
		exclusive: (_lockKey, work) => work(),
		async backup(file) {
			const dump = await client.dumpDataDir('gzip');
			writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
		},
		close: () => client.close()
	};
}

/** Runs a PostgreSQL client program, failing with its own message. */
function run(program: string, args: string[]): Promise<void> {
	return new Promise((resolvePromise, reject) => {
		execFile(program, args, (error, _stdout, stderr) => {
			if (!error) return resolvePromise();
			const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
			reject(
				new Error(
					missing
						? `${program} is not installed (Debian: apt-get install postgresql-client).`
						: `${program} failed: ${stderr.trim() || error.message}`
				)
			);
		});
	});
}

/**
 * Restores a backup made by `backup`: into an empty (or absent) PGlite data directory, or over a
 * PostgreSQL database (its objects are dropped and recreated). The server must be stopped.
 */
export async function restoreDatabase(options: OpenOptions, file: string): Promise<void> {
	if (!existsSync(file)) throw new Error(`No backup file at ${file}.`);
	if (options.url) {
		await run('pg_restore', [
			'--clean',
			'--if-exists',
			'--no-owner',
			`--dbname=${options.url}`,
			file
		]);
		return;
	}
	const dataDir = options.dataDir ?? './data';
	if (existsSync(dataDir) && readdirSync(dataDir).length > 0) {
		throw new Error(`${dataDir} is not empty: move it aside first, so nothing is overwritten.`);
	}
	mkdirSync(dataDir, { recursive: true });
	const client = await PGlite.create(dataDir, {
		loadDataDir: new Blob([readFileSync(file)])
	});
	await client.close();
}
