import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { walkInSchema } from './workshops';

/** One tap on the trainer's list (and its undo): the person's account id. */
export const rosterTapSchema = z.object({
	userId: z.uuid({ error: () => m.error_invalid() })
});

/** The most entries one sync may carry: a full hall, twice over. */
export const MAX_SYNC_ENTRIES = 400;
/** The most bytes a sync's body may have (400 walk-ins of long names fit). */
export const MAX_SYNC_BYTES = 256 * 1024;

/** When the tap was made, by the phone's clock. */
const at = z.iso.datetime({ offset: true }).transform((v) => new Date(v));

/**
 * What the phone sends when the network returns: the taps and walk-ins kept while offline, under
 * the id it gave the batch (the same id on every retry of that batch).
 */
export const rosterSyncSchema = z.object({
	clientBatchId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/),
	entries: z
		.array(
			z.discriminatedUnion('kind', [
				z.object({ kind: z.literal('tap'), userId: z.uuid(), at }),
				walkInSchema.extend({ kind: z.literal('walkIn'), at })
			])
		)
		.min(1)
		.max(MAX_SYNC_ENTRIES)
});

export type RosterSync = z.output<typeof rosterSyncSchema>;
/** A sync as the phone keeps and sends it (times as ISO strings). */
export type RosterSyncInput = z.input<typeof rosterSyncSchema>;
