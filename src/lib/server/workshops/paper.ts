/**
 * Attendance taken on paper: the sign-in sheet's rows (one order for the printed sheet and the
 * screen that types it back, so "12" means the same person on both), the typed lines read and
 * matched against the registrants, and the trainer's confirmed choices recorded (method 'paper').
 */
import { and, eq, gte, not, or } from 'drizzle-orm';
import {
	organisations,
	users,
	workshopAttendance,
	workshopRegistrations,
	workshopSessions
} from '$db/schema';
import { fold } from '$lib/text';
import { compareNames } from '../cohorts/sort';
import type { Database } from '../db';
import {
	matchNames,
	recordAttendance,
	walkIn,
	walkInIdentifier,
	type NameMatch
} from './attendance';

/** A registrant as the sheet and the review show them. */
export interface SheetPerson {
	userId: string;
	fullName: string;
	/** Their organisation's name, when their account has one. */
	organisation: string | null;
	/** Username or e-mail, partly hidden: the sheet goes round the room. */
	account: string;
}

export interface SheetRow extends SheetPerson {
	/** The number printed in the sheet's first column, from 1. */
	row: number;
}

/** "0912345678" → "091•••678", "an.nguyen@sxsh.vn" → "an•••@sxsh.vn": enough to tell two apart. */
export function maskAccount(identifier: string): string {
	const at = identifier.indexOf('@');
	if (at >= 0) return `${identifier.slice(0, Math.min(2, at))}•••${identifier.slice(at)}`;
	if (identifier.length < 7) return `${identifier.slice(0, 1)}•••`;
	return `${identifier.slice(0, 3)}•••${identifier.slice(-3)}`;
}

/**
 * Registrants with their organisation; `sheetOf` a session: those registered, less the walk-ins
 * added since it began; else: those registered or waiting (anyone a typed name may mean).
 */
async function people(db: Database, workshopId: string, sheetOf?: { startsAt: Date }) {
	const rows = await db
		.select({
			userId: users.id,
			fullName: users.fullName,
			username: users.username,
			email: users.email,
			organisation: organisations.name
		})
		.from(workshopRegistrations)
		.innerJoin(users, eq(users.id, workshopRegistrations.userId))
		.leftJoin(organisations, eq(organisations.id, users.organisationId))
		.where(
			and(
				eq(workshopRegistrations.workshopId, workshopId),
				sheetOf
					? and(
							eq(workshopRegistrations.status, 'registered'),
							not(
								and(
									eq(workshopRegistrations.source, 'walk_in'),
									gte(workshopRegistrations.registeredAt, sheetOf.startsAt)
								)!
							)
						)
					: or(
							eq(workshopRegistrations.status, 'registered'),
							eq(workshopRegistrations.status, 'waitlisted')
						)
			)
		);
	return rows.map((r): SheetPerson => ({
		userId: r.userId,
		fullName: r.fullName,
		organisation: r.organisation,
		account: maskAccount(r.username ?? r.email ?? '')
	}));
}

/**
 * A session's sheet rows: everyone registered (not the waiting list), in the Vietnamese order of a
 * class list, ties by account so two people of one name keep their numbers from one print to the
 * next. Walk-ins added since the session began are left out: they are not on the sheet printed for
 * it, and typing back its first page (which adds them) must not move the numbers of the next.
 */
export async function sheetRows(
	db: Database,
	workshopId: string,
	session: { startsAt: Date }
): Promise<SheetRow[]> {
	const list = await people(db, workshopId, session);
	list.sort((a, b) => compareNames(a.fullName, b.fullName) || (a.userId < b.userId ? -1 : 1));
	return list.map((p, i) => ({ ...p, row: i + 1 }));
}

/** One line typed from the sheet: a row number, a name, a walk-in's "name, phone", or a mix. */
export interface PaperLine {
	/** Its line in the text box, from 1: the key of the trainer's choice for it. */
	line: number;
	text: string;
	row: number | null;
	name: string;
	contact: string;
}

const NUMBERED = /^(\d{1,4})(?:\s*[.):–-]\s*|\s+|$)(.*)$/;

/** "12", "12. Nguyễn Văn An", "Nguyễn Văn An", "Lê Thị Mới, 0912 345 678": one per line. */
export function parsePaperLines(text: string): PaperLine[] {
	const lines: PaperLine[] = [];
	text.split(/\r\n|\r|\n/).forEach((raw, i) => {
		const line = raw.normalize('NFC').trim();
		if (!line) return;
		const numbered = NUMBERED.exec(line);
		const rest = numbered ? numbered[2] : line;
		const comma = rest.indexOf(',');
		const name = (comma < 0 ? rest : rest.slice(0, comma)).trim().replace(/\s+/g, ' ');
		const contact = comma < 0 ? '' : rest.slice(comma + 1).trim();
		lines.push({
			line: i + 1,
			text: line,
			row: numbered ? Number(numbered[1]) : null,
			name,
			contact
		});
	});
	return lines;
}

export type ReviewItem = PaperLine & { alreadyPresent?: boolean; duplicate?: boolean } & (
		| { status: 'matched'; person: ReviewPerson }
		| { status: 'ambiguous'; candidates: ReviewPerson[] }
		/** Nobody by that name (or no such row): a walk-in, given a contact, or skipped. */
		| { status: 'unmatched'; problem: 'no_one' | 'row_unknown' | 'contact_invalid' }
		/** A walk-in whose contact has no account yet: one is made on confirming. */
		| { status: 'new_walk_in' }
	);

/**
 * What each typed line stands for. A row number picks that row (when a name is typed with it and
 * names someone else, the page asks which of the two); a name is matched with the one text fold
 * (matchNames); a contact finds the account it belongs to, so a walk-in already known is not made
 * twice. The same person typed twice is marked a duplicate; one already present, marked so.
 */
export async function reviewPaper(
	db: Database,
	workshopId: string,
	sessionId: string,
	text: string
): Promise<ReviewItem[]> {
	const lines = parsePaperLines(text);
	const [session] = await db
		.select({ startsAt: workshopSessions.startsAt })
		.from(workshopSessions)
		.where(and(eq(workshopSessions.id, sessionId), eq(workshopSessions.workshopId, workshopId)));
	if (!session) return [];
	const rows = await sheetRows(db, workshopId, session);
	const rowOf = new Map(rows.map((r) => [r.userId, r.row]));
	const present = new Set(
		(
			await db
				.select({ userId: workshopAttendance.userId })
				.from(workshopAttendance)
				.where(eq(workshopAttendance.sessionId, sessionId))
		).map((a) => a.userId)
	);
	const everyone = new Map(
		(await people(db, workshopId)).map((p) => [
			p.userId,
			{ ...p, row: rowOf.get(p.userId) ?? null, present: present.has(p.userId) }
		])
	);
	const named = await matchNames(
		db,
		workshopId,
		lines.map((l) => l.name)
	);
	const items: ReviewItem[] = [];
	for (const [i, line] of lines.entries())
		items.push(await resolveLine(db, line, named[i], rows, everyone, present));
	const seen = new Set<string>();
	for (const item of items) {
		if (item.status !== 'matched') continue;
		item.alreadyPresent = item.person.present;
		item.duplicate = seen.has(item.person.userId);
		seen.add(item.person.userId);
	}
	return items;
}

/** Someone a line may mean: their row on the sheet (null when not on it) and whether present. */
export type ReviewPerson = SheetPerson & { row: number | null; present: boolean };

async function resolveLine(
	db: Database,
	line: PaperLine,
	named: NameMatch,
	rows: SheetRow[],
	everyone: Map<string, ReviewPerson>,
	present: Set<string>
): Promise<ReviewItem> {
	if (line.contact) {
		const identifier = walkInIdentifier(line.contact);
		if (!identifier) return { ...line, status: 'unmatched', problem: 'contact_invalid' };
		// walkIn() looks the same way when the trainer confirms; here the page says who it is.
		const [known] = await db
			.select({ id: users.id, fullName: users.fullName })
			.from(users)
			.where(
				identifier.includes('@') ? eq(users.email, identifier) : eq(users.username, identifier)
			);
		if (!known) return { ...line, status: 'new_walk_in' };
		const person = everyone.get(known.id) ?? {
			userId: known.id,
			fullName: known.fullName,
			organisation: null,
			account: maskAccount(identifier),
			row: null,
			present: present.has(known.id)
		};
		return { ...line, status: 'matched', person };
	}
	const byName: ReviewPerson[] =
		named.match === 'exact'
			? [everyone.get(named.user.userId)!]
			: named.match === 'ambiguous'
				? named.candidates.map((c) => everyone.get(c.userId)!)
				: [];
	if (line.row !== null) {
		const sheetRow = rows[line.row - 1];
		if (!sheetRow) {
			if (!line.name) return { ...line, status: 'unmatched', problem: 'row_unknown' };
		} else {
			const picked = everyone.get(sheetRow.userId)!;
			// The number and the name agree (or no name): that row. Otherwise ask which was meant.
			if (!line.name || fold(line.name) === fold(picked.fullName))
				return { ...line, status: 'matched', person: picked };
			const candidates = [picked, ...byName.filter((p) => p.userId !== picked.userId)];
			return { ...line, status: 'ambiguous', candidates };
		}
	}
	if (byName.length === 1) return { ...line, status: 'matched', person: byName[0] };
	if (byName.length > 1) return { ...line, status: 'ambiguous', candidates: byName };
	return { ...line, status: 'unmatched', problem: 'no_one' };
}

/** The trainer's answer for one line of the review (form fields pick-N, name-N, contact-N). */
export interface PaperDecision {
	/** A candidate's user id for an ambiguous line; 'walk_in' or 'skip' for one that matched nobody. */
	pick?: string;
	name?: string;
	contact?: string;
}

/** 'choose': which of the candidates; 'walk_in_or_skip': a name nobody has, neither added nor skipped. */
export type PaperProblem = 'choose' | 'walk_in_or_skip' | 'contact_invalid' | 'name_missing';

export interface PaperOutcome {
	line: number;
	fullName: string;
	/** 'refused': the session is gone, or `by` may not record for it (the route checks first). */
	outcome: 'recorded' | 'already' | 'skipped' | 'refused';
	/** A walk-in's new account: its username and one-time password, shown once to hand over. */
	account?: { identifier: string; password: string };
}

/**
 * Records the reviewed sheet: the review is worked out again from the typed text (so a forged
 * choice can only pick among that line's own candidates), every line's choice is checked first,
 * and only when all are answered is anything recorded: nothing half-done to redo. Idempotent:
 * confirming again finds everyone already present, and walk-ins the accounts made the first time.
 * The caller has checked that `by` may take attendance (workshopAccess(...).takeAttendance).
 */
export async function confirmPaper(
	db: Database,
	workshop: { id: string; sessionId: string },
	text: string,
	decisions: Record<number, PaperDecision>,
	by: string,
	now: Date = new Date()
): Promise<
	| { ok: false; review: ReviewItem[]; problems: Record<number, PaperProblem> }
	| { ok: true; outcomes: PaperOutcome[] }
> {
	const review = await reviewPaper(db, workshop.id, workshop.sessionId, text);
	const problems: Record<number, PaperProblem> = {};
	const plan: { line: number; userId?: string; walkIn?: { fullName: string; contact: string } }[] =
		[];
	for (const item of review) {
		const d = decisions[item.line] ?? {};
		if (item.status === 'matched') plan.push({ line: item.line, userId: item.person.userId });
		else if (item.status === 'ambiguous') {
			if (d.pick === 'skip') plan.push({ line: item.line });
			else if (item.candidates.some((c) => c.userId === d.pick))
				plan.push({ line: item.line, userId: d.pick });
			else problems[item.line] = 'choose';
		} else {
			const pick = d.pick ?? (item.status === 'new_walk_in' ? 'walk_in' : undefined);
			if (pick === 'skip') plan.push({ line: item.line });
			else if (pick !== 'walk_in') problems[item.line] = 'walk_in_or_skip';
			else {
				const fullName = (d.name ?? item.name).trim();
				const contact = (d.contact ?? item.contact).trim();
				if (!walkInIdentifier(contact)) problems[item.line] = 'contact_invalid';
				else if (!fullName || fullName.length > 120) problems[item.line] = 'name_missing';
				else plan.push({ line: item.line, walkIn: { fullName, contact } });
			}
		}
	}
	if (Object.keys(problems).length > 0) return { ok: false, review, problems };
	const outcomes: PaperOutcome[] = [];
	for (const step of plan) {
		let userId = step.userId;
		let account: PaperOutcome['account'];
		if (step.walkIn) {
			const found = await walkIn(db, workshop.id, step.walkIn, by);
			// Checked above; a contact refused here could only be a race with its own account.
			if (!found.ok) continue;
			userId = found.userId;
			if (found.password)
				account = {
					identifier: walkInIdentifier(step.walkIn.contact)!,
					password: found.password
				};
		}
		const item = review.find((r) => r.line === step.line)!;
		if (!userId) {
			outcomes.push({ line: step.line, fullName: item.name || item.text, outcome: 'skipped' });
			continue;
		}
		const outcome = await recordAttendance(db, {
			sessionId: workshop.sessionId,
			userId,
			method: 'paper',
			by,
			at: now
		});
		const fullName =
			step.walkIn?.fullName ??
			(item.status === 'matched'
				? item.person.fullName
				: item.status === 'ambiguous'
					? item.candidates.find((c) => c.userId === userId)!.fullName
					: item.name);
		outcomes.push({
			line: step.line,
			fullName,
			outcome: outcome === 'recorded' || outcome === 'already' ? outcome : 'refused',
			...(account ? { account } : {})
		});
	}
	return { ok: true, outcomes };
}
