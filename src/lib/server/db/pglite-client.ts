// The main thread's side of the PGlite worker (pglite-worker.js): the part of PGlite's interface
// that Drizzle (drizzle-orm/pglite, its migrator) and db/index.ts use — query, exec, transaction,
// dumpDataDir, close — each call sent to the worker as a message. Results come back as PGlite made
// them there (dates, jsonb, bytea as Uint8Array, arrays and numbers as in one thread), errors as
// PGlite's own kinds with PostgreSQL's code.
//
// PGlite's `@electric-sql/pglite/worker` is for browsers: it elects a leader among tabs with
// navigator.locks, which Node 20 lacks, and sends every protocol message (several a query) across.
import { Worker } from 'node:worker_threads';
import {
	messages,
	TransactionAbortedError,
	type PGlite,
	type QueryOptions,
	type Results
} from '@electric-sql/pglite';

type Parser = (value: string, typeId: number) => unknown;

/** What a transaction gives its callback, as PGlite's does (no LISTEN through the worker). */
export interface WorkerTransaction {
	query<T>(sql: string, params?: unknown[], options?: QueryOptions): Promise<Results<T>>;
	exec(sql: string, options?: QueryOptions): Promise<Results[]>;
	rollback(): Promise<void>;
	readonly closed: boolean;
}

interface ErrorData {
	message: string;
	name?: string;
	stack?: string;
	kind: 'aborted' | 'database' | 'error';
	fields: Record<string, unknown>;
}

type Reply = { id: number; result?: unknown; error?: ErrorData };
type Started = { ready: true } | { failed: ErrorData };

interface Pending {
	resolve(value: unknown): void;
	reject(error: unknown): void;
}

/** An error from the worker as the same kind of error an in-thread PGlite throws. */
function rebuild(data: ErrorData): Error {
	let error: Error;
	if (data.kind === 'aborted') error = new TransactionAbortedError();
	else if (data.kind === 'database')
		error = new messages.DatabaseError(data.message, 0, 'error' as never);
	else error = new Error(data.message);
	Object.assign(error, data.fields);
	if (data.kind === 'error' && data.name) error.name = data.name;
	if (data.stack) error.stack = `${error.stack}\n    in the PGlite worker:\n${data.stack}`;
	return error;
}

/** Applies the caller's parsers to the columns the worker left as text for them. */
function applyParsers(result: Results, parsers: Record<number, Parser>, arrays: boolean) {
	const columns = new Map<string | number, [Parser, number]>();
	result.fields.forEach((field, index) => {
		const parse = parsers[field.dataTypeID];
		const key = arrays ? index : field.name;
		// In object rows a later column of the same name wins, as in PGlite's own rows.
		if (parse) columns.set(key, [parse, field.dataTypeID]);
		else columns.delete(key);
	});
	if (columns.size === 0) return;
	for (const row of result.rows as Record<string | number, unknown>[]) {
		for (const [key, [parse, typeId]] of columns) {
			const value = row[key];
			if (value !== null && value !== undefined) row[key] = parse(value as string, typeId);
		}
	}
}

export class PgliteWorkerClient {
	readonly #worker: Worker;
	readonly #pending = new Map<number, Pending>();
	#nextCall = 1;
	#nextTransaction = 1;
	#stopped: Error | undefined;
	/** Resolves once PGlite has opened in the worker; rejects with why it could not. */
	readonly waitReady: Promise<void>;

	private constructor(workerUrl: string, workerData: Record<string, unknown>) {
		this.#worker = new Worker(new URL(workerUrl), { workerData });
		this.waitReady = new Promise<void>((resolve, reject) => {
			this.#worker.once('message', (started: Started) => {
				if ('failed' in started) reject(rebuild(started.failed));
				else resolve();
				this.#worker.on('message', (reply: Reply) => this.#settle(reply));
				this.#idle();
			});
		});
		this.#worker.on('error', (error) => this.#stop(error));
		this.#worker.on('exit', (code) =>
			this.#stop(new Error(`The PGlite worker stopped (exit code ${code}).`))
		);
	}

	/** Starts the worker on a data directory ('memory': in memory, from `from` when given). */
	static async open(options: { dataDir: string; from?: Blob }): Promise<PgliteWorkerClient> {
		const { workerUrl, WORKER_ROLE } = await import('./pglite-worker.js');
		const from = options.from ? await options.from.arrayBuffer() : undefined;
		const client = new PgliteWorkerClient(workerUrl, {
			role: WORKER_ROLE,
			dataDir: options.dataDir,
			from
		});
		try {
			await client.waitReady;
		} catch (error) {
			await client.#worker.terminate();
			throw error;
		}
		return client;
	}

	get closed(): boolean {
		return this.#stopped !== undefined;
	}

	/** A worker waiting for nothing does not keep the process alive (an in-thread PGlite does not). */
	#idle() {
		if (this.#pending.size === 0) this.#worker.unref();
	}

	#stop(error: Error) {
		this.#stopped ??= error;
		for (const pending of this.#pending.values()) pending.reject(error);
		this.#pending.clear();
	}

	#settle(reply: Reply) {
		const pending = this.#pending.get(reply.id);
		if (!pending) return;
		this.#pending.delete(reply.id);
		this.#idle();
		if (reply.error) pending.reject(rebuild(reply.error));
		else pending.resolve(reply.result);
	}

	#call<T>(message: Record<string, unknown>): Promise<T> {
		if (this.#stopped) return Promise.reject(this.#stopped);
		const id = this.#nextCall++;
		return new Promise<T>((resolve, reject) => {
			if (this.#pending.size === 0) this.#worker.ref();
			this.#pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
			this.#worker.postMessage({ ...message, id });
		});
	}

	async #run(
		op: 'query' | 'exec',
		sql: string,
		params: unknown[] | undefined,
		options: QueryOptions | undefined,
		tx: number | undefined
	): Promise<unknown> {
		if (options?.serializers || options?.blob || options?.onNotice)
			throw new Error('serializers, blob and onNotice do not cross to the PGlite worker.');
		const parsers = options?.parsers as Record<number, Parser> | undefined;
		const raw = parsers ? Object.keys(parsers).map(Number) : undefined;
		const result = await this.#call<Results | Results[]>({
			op,
			sql,
			params,
			tx,
			options: options && {
				rowMode: options.rowMode,
				paramTypes: options.paramTypes,
				raw
			}
		});
		if (parsers) {
			const arrays = options?.rowMode === 'array';
			for (const one of Array.isArray(result) ? result : [result])
				applyParsers(one, parsers, arrays);
		}
		return result;
	}

	query<T>(sql: string, params?: unknown[], options?: QueryOptions): Promise<Results<T>> {
		return this.#run('query', sql, params, options, undefined) as Promise<Results<T>>;
	}

	exec(sql: string, options?: QueryOptions): Promise<Results[]> {
		return this.#run('exec', sql, undefined, options, undefined) as Promise<Results[]>;
	}

	/**
	 * As PGlite's: commits when `fn` resolves, rolls back when it throws (and rethrows), and any
	 * query not made through `tx` waits until the transaction has ended.
	 */
	async transaction<T>(fn: (tx: WorkerTransaction) => Promise<T>): Promise<T> {
		const id = this.#nextTransaction++;
		await this.#call({ op: 'begin', tx: id });
		let closed = false;
		let ended = false;
		const open = () => {
			if (closed) throw new Error('Transaction is closed');
		};
		const end = (commit: boolean) => {
			closed = ended = true;
			return this.#call<void>({ op: 'end', tx: id, commit });
		};
		const tx: WorkerTransaction = {
			query: <T>(sql: string, params?: unknown[], options?: QueryOptions) => {
				open();
				return this.#run('query', sql, params, options, id) as Promise<Results<T>>;
			},
			exec: (sql, options) => {
				open();
				return this.#run('exec', sql, undefined, options, id) as Promise<Results[]>;
			},
			rollback: async () => {
				open();
				await this.#call({ op: 'rollback', tx: id });
				closed = true;
			},
			get closed() {
				return closed;
			}
		};
		try {
			const result = await fn(tx);
			await end(true);
			return result;
		} catch (error) {
			if (!ended) await end(false);
			throw error;
		}
	}

	async dumpDataDir(compression?: 'none' | 'gzip' | 'auto'): Promise<Blob> {
		const bytes = await this.#call<ArrayBuffer>({ op: 'dump', compression });
		return new Blob([bytes]);
	}

	/** Closes PGlite (its files synced) and then stops the worker. */
	async close(): Promise<void> {
		if (this.#stopped) return;
		await this.#call({ op: 'close' });
		this.#stop(new Error('PGlite is closed.'));
		await this.#worker.terminate();
	}

	/** For drizzle-orm/pglite, which uses only query, exec and transaction (whose `tx` it queries). */
	asPglite(): PGlite {
		return this as unknown as PGlite;
	}
}
