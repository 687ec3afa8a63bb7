/**
 * /verify's lookup, throttled against enumeration: each code looked up that does not exist counts
 * against the caller's address (throttle/throttle.ts); past the limit, every lookup from that
 * address waits. With 59-bit codes enumeration is hopeless anyway; this keeps anyone from trying
 * at volume.
 */
import type { Database } from '../db';
import { admit, settle } from '../throttle/throttle';
import { verifyCertificate, type Verification } from './queries';

export type Lookup = Verification | { status: 'throttled'; retryAfterSeconds: number };

/** A code (already normalised; undefined when it cannot be one) looked up from `address`. */
export async function lookUpCertificate(
	db: Database,
	code: string | undefined,
	address: string,
	now = new Date()
): Promise<Lookup> {
	// Counted before the lookup, so a burst of parallel guesses cannot outrun the limit.
	const admission = await admit(db, [{ policy: 'verify-address', subject: address }], now);
	if (!admission.allowed) {
		return { status: 'throttled', retryAfterSeconds: admission.retryAfterSeconds };
	}
	const result = code ? await verifyCertificate(db, code, now) : { status: 'not_found' as const };
	// Only unknown codes count.
	await settle(db, admission.slots, result.status === 'not_found' ? 'failed' : 'passed');
	return result;
}
