/**
 * The trainer's offline list (browser side): taps and walk-ins made without a network are kept in
 * localStorage as batches, each with a random id the server sees again on every retry, and sent to
 * the session's sync endpoint when the network returns. A batch being sent is sealed: taps made
 * meanwhile start the next one, so a retried batch is always the same batch.
 */

/** The cache of roster pages the service worker keeps (src/service-worker.ts). */
export const rosterCacheName = (version: string) => `sachhon-roster-${version}`;

/**
 * A roster page: the only pages the service worker keeps. Not its __data.json, whose content
 * depends on what the client already holds, so a kept copy could answer the wrong question.
 */
export const ROSTER_PATH =
	/^(?:\/[a-z]{2})?\/workshops\/[0-9a-f-]{36}\/sessions\/[0-9a-f-]{36}\/roster$/i;

export type QueuedEntry =
	| { kind: 'tap'; userId: string; at: string }
	| { kind: 'walkIn'; fullName: string; contact: string; at: string };

export interface QueuedBatch {
	clientBatchId: string;
	entries: QueuedEntry[];
	/** Sent at least once: nothing more is added, so a retry carries exactly the same entries. */
	sealed: boolean;
}

/**
 * A batch id: 128 random bits. Not crypto.randomUUID, which exists only on https and localhost, and
 * a trainer may open the list on a hall's local network by plain http.
 */
export function randomBatchId(): string {
	const bytes = crypto.getRandomValues(new Uint8Array(16));
	return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

const keyOf = (sessionId: string) => `sachhon.roster.${sessionId}`;

export function readQueue(storage: Storage, sessionId: string): QueuedBatch[] {
	try {
		const value = JSON.parse(storage.getItem(keyOf(sessionId)) ?? '[]');
		return Array.isArray(value) ? value : [];
	} catch {
		return [];
	}
}

export function writeQueue(storage: Storage, sessionId: string, batches: QueuedBatch[]): void {
	if (batches.length === 0) storage.removeItem(keyOf(sessionId));
	else storage.setItem(keyOf(sessionId), JSON.stringify(batches));
}

/** The queue with one more entry: in the open batch, or a new one when the last is sealed. */
export function enqueue(batches: QueuedBatch[], entry: QueuedEntry): QueuedBatch[] {
	const last = batches.at(-1);
	if (last && !last.sealed)
		return [...batches.slice(0, -1), { ...last, entries: [...last.entries, entry] }];
	return [...batches, { clientBatchId: randomBatchId(), entries: [entry], sealed: false }];
}

/** Who is waiting to be synced as present (a second tap on them adds nothing). */
export function queuedTaps(batches: QueuedBatch[]): Set<string> {
	return new Set(
		batches.flatMap((b) => b.entries.flatMap((e) => (e.kind === 'tap' ? [e.userId] : [])))
	);
}

export function queuedWalkIns(batches: QueuedBatch[]) {
	return batches.flatMap((b) => b.entries.flatMap((e) => (e.kind === 'walkIn' ? [e] : [])));
}

/** What a sync answered for one walk-in, to tell the trainer (a new account's password). */
export interface SyncedWalkIn {
	fullName: string;
	password: string | null;
}

export type SyncOutcome =
	| { state: 'done'; recorded: number; walkIns: SyncedWalkIn[]; refused: number }
	| { state: 'offline' }
	| { state: 'signed_out' };

interface SyncAnswer {
	results: { outcome: string; fullName?: string; password?: string | null }[];
}

/**
 * Sends the queued batches in order, each sealed first and removed once the server answered it.
 * A network failure stops and keeps the rest for the next try; a batch the server refuses outright
 * (malformed, not theirs, a closed workshop) is dropped, since sending it again cannot help.
 */
export async function syncQueue(
	storage: Storage,
	sessionId: string,
	endpoint: string
): Promise<SyncOutcome> {
	let recorded = 0;
	let refused = 0;
	const walkIns: SyncedWalkIn[] = [];
	for (;;) {
		const batches = readQueue(storage, sessionId);
		const batch = batches[0];
		if (!batch) break;
		if (!batch.sealed)
			writeQueue(storage, sessionId, [{ ...batch, sealed: true }, ...batches.slice(1)]);
		let response: Response;
		try {
			response = await fetch(endpoint, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ clientBatchId: batch.clientBatchId, entries: batch.entries })
			});
		} catch {
			return { state: 'offline' };
		}
		if (response.status === 401) return { state: 'signed_out' };
		if (response.status >= 500) return { state: 'offline' };
		if (response.ok) {
			const answer = (await response.json()) as SyncAnswer;
			for (const r of answer.results) {
				if (r.outcome === 'recorded') recorded++;
				if (r.outcome === 'walk_in_invalid' || r.outcome === 'not_found') refused++;
				if (r.fullName !== undefined && r.outcome !== 'walk_in_invalid')
					walkIns.push({ fullName: r.fullName, password: r.password ?? null });
			}
		} else refused += batch.entries.length;
		// Re-read: taps made while this batch was on its way went into a new batch.
		writeQueue(
			storage,
			sessionId,
			readQueue(storage, sessionId).filter((b) => b.clientBatchId !== batch.clientBatchId)
		);
	}
	return { state: 'done', recorded, walkIns, refused };
}
