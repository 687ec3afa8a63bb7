import type { Database } from './db';

/**
 * Memory for page data that is the same for everyone who may see it and changes rarely: the
 * catalogue as anonymous readers see it, the public statistics. Each entry lives a few seconds, and
 * publishing a course (courses/sync.ts) empties every cache at once in this process; another
 * instance's publish reaches this one when its entries expire. Never for what depends on who asks:
 * a signed-in reader's catalogue (their enrolments), anyone's progress.
 *
 * Per database handle (tests open several), bounded (oldest entry out first), and a miss is computed
 * once however many requests ask at the same moment: the first computes, the others wait for it.
 */
export interface SharedCache<V> {
	/** The entry for `key`, computed by `compute` when missing or expired. */
	get(db: Database, key: string, compute: () => Promise<V>): Promise<V>;
}

interface Entry<V> {
	value: Promise<V>;
	expires: number;
	/** The publishing generation it was computed in: one from before a publish is not served. */
	generation: number;
}

/** Bumped by every publish (forgetShared): entries of an older generation are stale. */
let generation = 0;

export function sharedCache<V>({
	ttlMs,
	max = 100,
	now = () => performance.now()
}: {
	/** How long an entry is served, in milliseconds. */
	ttlMs: number;
	/** Entries kept per database. */
	max?: number;
	/** The clock (tests pass their own). */
	now?: () => number;
}): SharedCache<V> {
	const byDatabase = new WeakMap<Database, Map<string, Entry<V>>>();
	return {
		get(db, key, compute) {
			let entries = byDatabase.get(db);
			if (!entries) byDatabase.set(db, (entries = new Map()));
			const at = now();
			const found = entries.get(key);
			if (found && found.expires > at && found.generation === generation) return found.value;
			entries.delete(key);
			if (entries.size >= max) entries.delete(entries.keys().next().value!);
			const value = compute();
			const entry = { value, expires: at + ttlMs, generation };
			entries.set(key, entry);
			// A failure is not remembered: the next request tries again.
			value.catch(() => {
				if (entries.get(key) === entry) entries.delete(key);
			});
			return value;
		}
	};
}

/**
 * Empties every shared cache of this process: a course was published, changed or rolled back, so
 * the catalogue may read differently. Entries being computed at this moment are dropped too, so
 * none read before the publish is served after it.
 */
export function forgetShared(): void {
	generation++;
}
