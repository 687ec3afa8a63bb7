// The PGlite database in a worker thread of its own: PGlite computes synchronously in WebAssembly,
// so on the main thread one report of a few seconds stopped every other request. Here it stops
// only this thread; the main thread's side is pglite-client.ts, which sends each call as a message.
//
// Plain JavaScript, because Node runs this file itself: in `vite dev`, in Vitest and under tsx the
// worker starts from this very source file; in the build, db/index.ts imports it dynamically, so it
// becomes a chunk of its own (only PGlite and Node's modules beside it) and the worker starts from
// that chunk, wherever adapter-node put it. On the main thread, importing it does nothing else.
import { mkdirSync } from 'node:fs';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { messages, PGlite, TransactionAbortedError } from '@electric-sql/pglite';

/** Where to start the worker from: this module, in the source or in the build. */
export const workerUrl = import.meta.url;
/** Set in workerData, so that this module serves only in a worker started for it. */
export const WORKER_ROLE = 'sachhon-pglite';

/**
 * @typedef {import('@electric-sql/pglite').Transaction} Transaction
 * @typedef {{ tx?: Transaction, decide: (commit: boolean) => void, finished?: Promise<void> }} Open
 * @typedef {{ rowMode?: 'array' | 'object', paramTypes?: number[], raw?: number[] }} Options
 * @typedef {{ id: number, op: 'query', sql: string, params?: unknown[], options?: Options, tx?: number }
 *   | { id: number, op: 'exec', sql: string, options?: Options, tx?: number }
 *   | { id: number, op: 'begin', tx: number }
 *   | { id: number, op: 'end', tx: number, commit: boolean }
 *   | { id: number, op: 'rollback', tx: number }
 *   | { id: number, op: 'dump', compression?: 'none' | 'gzip' | 'auto' }
 *   | { id: number, op: 'close' }} Call
 */

/** A transaction the main thread rolled back: thrown out of PGlite's callback so that it rolls back. */
const ROLLED_BACK = Symbol('rolled back');

if (!isMainThread && parentPort && workerData?.role === WORKER_ROLE) {
	const port = parentPort;
	open(workerData).then(
		(pg) => {
			port.on('message', (/** @type {Call} */ call) => {
				answer(pg, call).then(
					(result) => {
						try {
							port.postMessage(
								{ id: call.id, result },
								result instanceof ArrayBuffer ? [result] : []
							);
						} catch (error) {
							// A value that cannot cross threads: the caller hears why instead of waiting forever.
							port.postMessage({ id: call.id, error: describe(error) });
						}
					},
					(error) => port.postMessage({ id: call.id, error: describe(error) })
				);
			});
			port.postMessage({ ready: true });
		},
		(error) => port.postMessage({ failed: describe(error) })
	);
}

/**
 * @param {{ dataDir: string, from?: ArrayBuffer }} options
 * @returns {Promise<PGlite>}
 */
async function open({ dataDir, from }) {
	if (dataDir === 'memory') return PGlite.create(from ? { loadDataDir: new Blob([from]) } : {});
	// PGlite's own mkdir is not recursive.
	mkdirSync(dataDir, { recursive: true });
	return PGlite.create(dataDir);
}

/** @type {Map<number, Open>} */
const transactions = new Map();
/** @param {unknown} value */
const asText = (value) => value;
/** @type {Map<string, Record<number, (value: unknown) => unknown>>} */
const rawParsers = new Map();

/**
 * The caller's own parsers are functions, which cannot cross threads: their types come back as
 * PostgreSQL's text and the client applies the functions to it.
 * @param {Options | undefined} options
 */
function queryOptions(options) {
	if (!options) return undefined;
	const { raw, ...rest } = options;
	if (!raw?.length) return rest;
	const key = raw.join(',');
	let parsers = rawParsers.get(key);
	if (!parsers) {
		parsers = Object.fromEntries(raw.map((oid) => [oid, asText]));
		rawParsers.set(key, parsers);
	}
	return { ...rest, parsers };
}

/**
 * @param {number} id
 * @returns {Transaction}
 */
function transaction(id) {
	const open = transactions.get(id);
	if (!open?.tx) throw new Error(`Transaction ${id} is not open.`);
	return open.tx;
}

/**
 * @param {PGlite} pg
 * @param {number | undefined} id
 */
const target = (pg, id) => (id === undefined ? pg : transaction(id));

/**
 * @param {PGlite} pg
 * @param {Call} call
 * @returns {Promise<unknown>}
 */
async function answer(pg, call) {
	switch (call.op) {
		case 'query':
			return target(pg, call.tx).query(call.sql, call.params, queryOptions(call.options));
		case 'exec':
			return target(pg, call.tx).exec(call.sql, queryOptions(call.options));
		case 'begin':
			return begin(pg, call.tx);
		case 'rollback':
			return transaction(call.tx).rollback();
		case 'end':
			return end(call.tx, call.commit);
		case 'dump': {
			const dump = await pg.dumpDataDir(call.compression);
			return dump.arrayBuffer();
		}
		case 'close':
			return pg.close();
	}
}

/**
 * Opens a transaction with PGlite's own `transaction`, held open until the main thread ends it:
 * PGlite's lock keeps every query that is not part of it waiting meanwhile, as in one thread.
 * @param {PGlite} pg
 * @param {number} id
 * @returns {Promise<void>}
 */
function begin(pg, id) {
	return new Promise((began, failed) => {
		/** @type {(commit: boolean) => void} */
		let decide = () => {};
		const decision = new Promise((resolve) => (decide = resolve));
		/** @type {Open} */
		const open = { decide };
		transactions.set(id, open);
		open.finished = pg.transaction(async (tx) => {
			open.tx = tx;
			began();
			if (!(await decision)) throw ROLLED_BACK;
		});
		open.finished.catch((error) => {
			if (!open.tx) {
				transactions.delete(id);
				failed(error);
			}
		});
	});
}

/**
 * Commits (unless rolled back already) or rolls back, with PGlite's own rules and errors.
 * @param {number} id
 * @param {boolean} commit
 */
async function end(id, commit) {
	const open = transactions.get(id);
	if (!open) throw new Error(`Transaction ${id} is not open.`);
	open.decide(commit);
	try {
		await open.finished;
	} catch (error) {
		if (error !== ROLLED_BACK) throw error;
	} finally {
		transactions.delete(id);
	}
}

/**
 * An error as plain data: PostgreSQL's fields (code, constraint, detail…) travel as they are, and
 * the client makes the same kind of error of them.
 * @param {unknown} error
 */
function describe(error) {
	if (!(error instanceof Error)) return { message: String(error), kind: 'error', fields: {} };
	/** @type {Record<string, string | number | boolean>} */
	const fields = {};
	for (const [key, value] of Object.entries(error)) {
		if (['string', 'number', 'boolean'].includes(typeof value)) fields[key] = value;
	}
	const kind =
		error instanceof TransactionAbortedError
			? 'aborted'
			: error instanceof messages.DatabaseError
				? 'database'
				: 'error';
	return { message: error.message, name: error.name, stack: error.stack, kind, fields };
}
