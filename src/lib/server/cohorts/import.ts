import { randomInt } from 'node:crypto';
import { inArray, or } from 'drizzle-orm';
import { users, type Cohort } from '$db/schema';
import { vietnamDay } from '$lib/vietnam-time';
import type { Database } from '../db';
import { insertAccounts, prepareAccount, type PreparedAccount } from '../auth/accounts';
import { recordAudit } from '../audit';
import { recordGuardianConsent } from '../privacy/guardians';
import { addMembers } from './members';
import { parseRosterRows, type RosterEntry, type RosterProblem } from './roster';

export * from './roster';

/** No 0/O, 1/l/I: read off paper by a student. */
const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/** A one-time password: three groups of four, about 59 bits. */
export function oneTimePassword(): string {
	const group = () =>
		Array.from({ length: 4 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
	return `${group()}-${group()}-${group()}`;
}

export interface Credential {
	fullName: string;
	identifier: string;
	/** The password to hand out: generated, or the one in the file. */
	password: string;
	generated: boolean;
}

export type ImportResult =
	{ ok: true; credentials: Credential[] } | { ok: false; problems: RosterProblem[] };

/**
 * Imports a class: every row is checked first (in the file, then against existing accounts), and the
 * accounts and memberships are created in one transaction, so either all rows land or none.
 *
 * The passwords are hashed before that transaction opens (≈150 ms each, up to 2,000 rows): held
 * open for minutes, it stopped every other request on PGlite, whose one connection it holds.
 */
export async function importRoster(
	db: Database,
	actorId: string,
	cohort: Pick<Cohort, 'id' | 'organisationId'>,
	rows: string[][],
	now = new Date(),
	options: {
		/** Told after each password is hashed, for a progress bar on long imports. */
		onProgress?: (done: number, total: number) => void;
		/** Stops the import before anything is stored (the reader went away). */
		signal?: AbortSignal;
	} = {}
): Promise<ImportResult> {
	const { onProgress, signal } = options;
	const parsed = parseRosterRows(rows, vietnamDay(now));
	if (!parsed.ok) return parsed;
	const taken = await takenIdentifiers(db, parsed.entries);
	if (taken.length > 0) return { ok: false, problems: taken };
	const prepared: { entry: RosterEntry; password: string; account: PreparedAccount }[] = [];
	for (const entry of parsed.entries) {
		signal?.throwIfAborted();
		const password = entry.password ?? oneTimePassword();
		const result = await prepareAccount({
			identifier: entry.identifier,
			password,
			fullName: entry.fullName,
			audience: entry.audience,
			dateOfBirth: entry.dateOfBirth,
			organisationId: cohort.organisationId,
			mustChangePassword: true
		});
		if (!result.ok) return rejected(entry.row, result.reason);
		prepared.push({ entry, password, account: result.account });
		onProgress?.(prepared.length, parsed.entries.length);
	}
	signal?.throwIfAborted();
	try {
		const credentials = await db.transaction(async (tx) => {
			const stored = await insertAccounts(
				tx,
				prepared.map((p) => p.account)
			);
			const idOf = new Map(stored.map((u) => [u.email ?? u.username, u.id]));
			// Someone took an identifier between the check and the insert: nothing is kept.
			const lost = prepared.find((p) => !idOf.has(p.entry.identifier));
			if (lost) throw new RowRejected({ row: lost.entry.row, reason: 'taken' });
			const ids = prepared.map((p) => idOf.get(p.entry.identifier)!);
			await addMembers(tx, actorId, cohort.id, ids);
			// Guardians' consent the school collected on paper, recorded as the manager's act.
			for (const [i, { entry }] of prepared.entries()) {
				if (!entry.guardian) continue;
				await recordGuardianConsent(tx, {
					userId: ids[i],
					guardianName: entry.guardian.name,
					guardianContact: entry.guardian.contact,
					relationship: entry.guardian.relationship,
					consentedOn: entry.guardian.consentedOn,
					method: 'paper',
					note: null,
					recordedBy: actorId
				});
			}
			await recordAudit(tx, {
				actorId,
				action: 'cohort.imported',
				subjectId: cohort.id,
				details: { accounts: ids.length }
			});
			return prepared.map(({ entry, password, account }) => ({
				fullName: account.fullName,
				identifier: entry.identifier,
				password,
				generated: entry.password === null
			}));
		});
		return { ok: true, credentials };
	} catch (error) {
		if (error instanceof RowRejected) return rejected(error.detail.row, error.detail.reason);
		throw error;
	}
}

function rejected(row: number, reason: string): ImportResult {
	const code = reason === 'taken' ? 'taken' : `password_${reason}`;
	const column = reason === 'taken' ? 'identifier' : 'password';
	return { ok: false, problems: [{ row, column, code } as RosterProblem] };
}

class RowRejected extends Error {
	constructor(readonly detail: { row: number; reason: string }) {
		super(`row ${detail.row}: ${detail.reason}`);
	}
}

/** One query for the whole file: which usernames and e-mail addresses already have accounts. */
async function takenIdentifiers(db: Database, entries: RosterEntry[]): Promise<RosterProblem[]> {
	const names = entries.map((e) => e.identifier);
	const rows = await db
		.select({ email: users.email, username: users.username })
		.from(users)
		.where(or(inArray(users.email, names), inArray(users.username, names)));
	const existing = new Set(rows.flatMap((r) => [r.email, r.username]));
	return entries
		.filter((e) => existing.has(e.identifier))
		.map((e) => ({ row: e.row, column: 'identifier', code: 'taken' }));
}
