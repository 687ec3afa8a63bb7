/**
 * Data requests (README, "Personal data" › "Data requests"): a person asks to see, correct, get a
 * copy of, restrict or delete their data, or to withdraw consent, from /account/privacy/requests;
 * or the administrator records a request made on paper. Each request is a case with its legal
 * deadlines (deadlines.ts, Decree 356/2025 Art. 5): acknowledged within 2 working days, carried out
 * within the period of its kind, extended once at most, and closed with the answer given and what
 * was done. Every step is audited with ids only.
 *
 * The person is not told in their inbox: a message kind would need its templates in
 * messages/render.ts and its place in src/lib/messages.ts; they see each step on their requests page.
 */
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import {
	dataRequests,
	users,
	type ConsentPurpose,
	type DataRequestKind,
	type DataRequestStatus
} from '$db/schema';
import { dayEnd, dayStart, lastDayBefore, vietnamDay, type CalendarDay } from '$lib/vietnam-time';
import { recordAudit } from '../audit';
import { findUserByIdentifier } from '../authoring/access';
import { config } from '../config';
import type { Database } from '../db';
import { recordConsent } from './consent';
import { latestExtension, requestClock, requestDeadlines, type Counting } from './deadlines';
import { notify } from '../messages/outbox';
import { erasePerson, type ErasureSummary } from './erasure';
import { holidaySet } from './holidays';
import { currentNotice } from './notices';

export type DataRequest = typeof dataRequests.$inferSelect;

/** What was done, as recorded in data_requests.actions (shown through messages privacy_request_action_*). */
export const requestActions = [
	'erased',
	'restricted',
	'consent_withdrawn',
	'data_download',
	'corrected'
] as const;
export type RequestAction = (typeof requestActions)[number];

export interface ClockOptions {
	now?: Date;
	/** Public holidays; read from public_holidays when absent. */
	holidays?: ReadonlySet<CalendarDay>;
	/** How the periods are counted; the configuration's (PRIVACY_REQUEST_DAYS) when absent. */
	counting?: Counting;
}

async function clockOptions(db: Database, options: ClockOptions) {
	return {
		now: options.now ?? new Date(),
		holidays: options.holidays ?? (await holidaySet(db)),
		counting: options.counting ?? config().privacy.requestDays
	};
}

const audited = (request: Pick<DataRequest, 'id' | 'kind'>) => ({
	requestId: request.id,
	kind: request.kind
});

export type FileResult =
	{ ok: true; request: DataRequest } | { ok: false; reason: 'already_open'; request: DataRequest };

async function openOfKind(db: Database, userId: string, kind: DataRequestKind) {
	const [open] = await db
		.select()
		.from(dataRequests)
		.where(
			and(
				eq(dataRequests.userId, userId),
				eq(dataRequests.kind, kind),
				eq(dataRequests.status, 'open')
			)
		)
		.limit(1);
	return open;
}

/** A person's own request, made online: received now. One open request per kind at a time. */
export async function fileRequest(
	db: Database,
	userId: string,
	input: { kind: DataRequestKind; details: string },
	options: ClockOptions = {}
): Promise<FileResult> {
	const { now, holidays, counting } = await clockOptions(db, options);
	return db.transaction(async (tx) => {
		// The person's row locked: two requests sent at once take turns.
		await tx.select({ id: users.id }).from(users).where(eq(users.id, userId)).for('update');
		const open = await openOfKind(tx, userId, input.kind);
		if (open) return { ok: false, reason: 'already_open', request: open };
		const [request] = await tx
			.insert(dataRequests)
			.values({
				userId,
				kind: input.kind,
				details: input.details.trim(),
				channel: 'online',
				receivedAt: now,
				...requestDeadlines(input.kind, now, holidays, counting),
				createdAt: now
			})
			.returning();
		await recordAudit(tx, {
			actorId: userId,
			action: 'data_request.filed',
			subjectId: userId,
			details: audited(request)
		});
		return { ok: true, request };
	});
}

export type PaperResult =
	{ ok: true; request: DataRequest } | { ok: false; reason: 'not_found' | 'future' | 'erased' };

/**
 * A request made on paper (or in person), entered by the administrator for the account named by its
 * e-mail address or username, with the day it was received: the clock runs from that day.
 */
export async function recordPaperRequest(
	db: Database,
	adminId: string,
	input: { identifier: string; kind: DataRequestKind; details: string; receivedOn: CalendarDay },
	options: ClockOptions = {}
): Promise<PaperResult> {
	const { now, holidays, counting } = await clockOptions(db, options);
	const today = vietnamDay(now);
	if (input.receivedOn > today) return { ok: false, reason: 'future' };
	const person = await findUserByIdentifier(db, input.identifier);
	if (!person) return { ok: false, reason: 'not_found' };
	// Received today: now; an earlier day: its start (the periods count from the day after anyway).
	const receivedAt = input.receivedOn === today ? now : dayStart(input.receivedOn);
	return db.transaction(async (tx) => {
		const [user] = await tx
			.select({ anonymisedAt: users.anonymisedAt })
			.from(users)
			.where(eq(users.id, person.id))
			.for('update');
		if (user?.anonymisedAt) return { ok: false, reason: 'erased' };
		const [request] = await tx
			.insert(dataRequests)
			.values({
				userId: person.id,
				kind: input.kind,
				details: input.details.trim(),
				channel: 'paper',
				receivedAt,
				...requestDeadlines(input.kind, receivedAt, holidays, counting),
				recordedBy: adminId,
				createdAt: now
			})
			.returning();
		await recordAudit(tx, {
			actorId: adminId,
			action: 'data_request.recorded',
			subjectId: person.id,
			details: audited(request)
		});
		return { ok: true, request };
	});
}

export async function getRequest(db: Database, id: string): Promise<DataRequest | undefined> {
	const [request] = await db.select().from(dataRequests).where(eq(dataRequests.id, id));
	return request;
}

type StepFailure = {
	ok: false;
	reason: 'not_found' | 'closed' | 'already' | 'too_late' | 'too_early';
};
export type StepResult = { ok: true; request: DataRequest } | StepFailure;

/**
 * Tells the person in their inbox (and by e-mail where they have one) that their request moved on:
 * once per request and step. Not after an erasure: there is no one left to tell.
 */
function tellPerson(
	tx: Database,
	request: DataRequest,
	step: 'acknowledged' | 'extended' | 'completed' | 'refused',
	due?: Date
) {
	return notify(tx, [
		{
			userId: request.userId,
			kind: 'data_request',
			key: `data_request:${request.id}:${step}`,
			params: { request: request.kind, step, ...(due ? { dueOn: lastDayBefore(due) } : {}) }
		}
	]);
}

/** Runs a step on an open request, locked, in one transaction with its audit entry. */
async function step(
	db: Database,
	id: string,
	work: (tx: Database, request: DataRequest) => Promise<StepResult>
): Promise<StepResult> {
	return db.transaction(async (tx) => {
		const [request] = await tx
			.select()
			.from(dataRequests)
			.where(eq(dataRequests.id, id))
			.for('update');
		if (!request) return { ok: false, reason: 'not_found' };
		if (request.status !== 'open') return { ok: false, reason: 'closed' };
		return work(tx, request);
	});
}

/** The reply within 2 working days: the request is received and being dealt with. */
export function acknowledgeRequest(db: Database, adminId: string, id: string, now = new Date()) {
	return step(db, id, async (tx, request) => {
		if (request.acknowledgedAt) return { ok: false, reason: 'already' };
		const [updated] = await tx
			.update(dataRequests)
			.set({ acknowledgedAt: now, handledBy: adminId })
			.where(eq(dataRequests.id, id))
			.returning();
		await recordAudit(tx, {
			actorId: adminId,
			action: 'data_request.acknowledged',
			subjectId: request.userId,
			details: audited(request)
		});
		await tellPerson(tx, request, 'acknowledged', request.extendedDueAt ?? request.dueAt);
		return { ok: true, request: updated };
	});
}

/**
 * The one extension the decree allows, to the end of `until`, with the reason the person is given:
 * later than the deadline, no later than the period again (deadlines.ts latestExtension).
 */
export async function extendRequest(
	db: Database,
	adminId: string,
	id: string,
	input: { until: CalendarDay; reason: string },
	options: ClockOptions = {}
): Promise<StepResult> {
	const { holidays, counting } = await clockOptions(db, options);
	return step(db, id, async (tx, request) => {
		if (request.extendedDueAt) return { ok: false, reason: 'already' };
		const until = dayEnd(input.until);
		if (until <= request.dueAt) return { ok: false, reason: 'too_early' };
		if (until > latestExtension(request.kind, request.dueAt, holidays, counting))
			return { ok: false, reason: 'too_late' };
		const [updated] = await tx
			.update(dataRequests)
			.set({
				extendedDueAt: until,
				extensionReason: input.reason.trim(),
				handledBy: adminId
			})
			.where(eq(dataRequests.id, id))
			.returning();
		await recordAudit(tx, {
			actorId: adminId,
			action: 'data_request.extended',
			subjectId: request.userId,
			details: { ...audited(request), until: input.until }
		});
		await tellPerson(tx, request, 'extended', until);
		return { ok: true, request: updated };
	});
}

export interface Completion {
	/** The answer given to the person. */
	answer: string;
	/** For a withdrawal: the consent withdrawn (the optional phone messages by default). */
	purpose?: ConsentPurpose;
}

/**
 * Carries the request out and closes it with the answer. By kind: delete erases the person
 * (erasure.ts); restrict sets users.restrictedAt (no more messages leave the platform for them,
 * messages/outbox.ts); withdraw records the consent withdrawn (consent.ts); access and export point
 * to the data download on /account; correct records that the administrator changed what the answer
 * says (the profile is edited on /admin/users).
 */
export async function completeRequest(
	db: Database,
	adminId: string,
	id: string,
	input: Completion,
	now = new Date()
): Promise<StepResult & { erased?: ErasureSummary }> {
	let erased: ErasureSummary | undefined;
	const result = await step(db, id, async (tx, request) => {
		const actions: RequestAction[] = [];
		switch (request.kind) {
			case 'delete':
				erased = await erasePerson(tx, request.userId, { by: adminId, reason: 'request', now });
				actions.push('erased');
				break;
			case 'restrict':
				await tx
					.update(users)
					.set({ restrictedAt: now, updatedAt: now })
					.where(eq(users.id, request.userId));
				actions.push('restricted');
				break;
			case 'withdraw': {
				const notice = await currentNotice(tx);
				await recordConsent(tx, {
					userId: request.userId,
					purpose: input.purpose ?? 'phone_messages',
					given: false,
					noticeVersion: notice?.version ?? 1,
					channel: request.channel === 'paper' ? 'paper' : 'account',
					recordedBy: adminId,
					now
				});
				actions.push('consent_withdrawn');
				break;
			}
			case 'access':
			case 'export':
				actions.push('data_download');
				break;
			case 'correct':
				actions.push('corrected');
				break;
		}
		const [updated] = await tx
			.update(dataRequests)
			.set({
				status: 'done',
				answer: input.answer.trim(),
				actions,
				closedAt: now,
				handledBy: adminId,
				acknowledgedAt: request.acknowledgedAt ?? now
			})
			.where(eq(dataRequests.id, id))
			.returning();
		await recordAudit(tx, {
			actorId: adminId,
			action: 'data_request.completed',
			subjectId: request.userId,
			details: audited(request)
		});
		if (request.kind !== 'delete') await tellPerson(tx, request, 'completed');
		return { ok: true, request: updated };
	});
	return erased ? { ...result, erased } : result;
}

/** Refuses the request, with the reason the person is given (e.g. the law requires keeping it). */
export function refuseRequest(
	db: Database,
	adminId: string,
	id: string,
	reason: string,
	now = new Date()
) {
	return step(db, id, async (tx, request) => {
		const [updated] = await tx
			.update(dataRequests)
			.set({
				status: 'refused',
				answer: reason.trim(),
				closedAt: now,
				handledBy: adminId,
				acknowledgedAt: request.acknowledgedAt ?? now
			})
			.where(eq(dataRequests.id, id))
			.returning();
		await recordAudit(tx, {
			actorId: adminId,
			action: 'data_request.refused',
			subjectId: request.userId,
			details: audited(request)
		});
		await tellPerson(tx, request, 'refused');
		return { ok: true, request: updated };
	});
}

/** The person withdraws their own open request. */
export function cancelRequest(db: Database, userId: string, id: string, now = new Date()) {
	return step(db, id, async (tx, request) => {
		if (request.userId !== userId) return { ok: false, reason: 'not_found' };
		const [updated] = await tx
			.update(dataRequests)
			.set({ status: 'cancelled', closedAt: now })
			.where(eq(dataRequests.id, id))
			.returning();
		await recordAudit(tx, {
			actorId: userId,
			action: 'data_request.cancelled',
			subjectId: userId,
			details: audited(request)
		});
		return { ok: true, request: updated };
	});
}

/**
 * The person lifts the restriction they asked for: processing resumes (messages leave again). Their
 * own act, as asking for it was; false when nothing was restricted.
 */
export async function liftRestriction(db: Database, userId: string, now = new Date()) {
	return db.transaction(async (tx) => {
		const [lifted] = await tx
			.update(users)
			.set({ restrictedAt: null, updatedAt: now })
			.where(and(eq(users.id, userId), sql`${users.restrictedAt} is not null`))
			.returning({ id: users.id });
		if (!lifted) return false;
		await recordAudit(tx, {
			actorId: userId,
			action: 'person.restriction_lifted',
			subjectId: userId
		});
		return true;
	});
}

const openStatuses: DataRequestStatus[] = ['open'];
const closedStatuses: DataRequestStatus[] = ['done', 'refused', 'cancelled'];

/** The administrator's queue: open requests by deadline (the earliest first), or closed ones, newest first. */
export async function requestQueue(
	db: Database,
	filter: { state: 'open' | 'closed'; limit?: number },
	options: ClockOptions = {}
) {
	const { now, holidays } = await clockOptions(db, options);
	const due = sql<Date>`coalesce(${dataRequests.extendedDueAt}, ${dataRequests.dueAt})`;
	const rows = await db
		.select({
			request: dataRequests,
			name: users.fullName,
			email: users.email,
			username: users.username,
			anonymisedAt: users.anonymisedAt
		})
		.from(dataRequests)
		.innerJoin(users, eq(users.id, dataRequests.userId))
		.where(inArray(dataRequests.status, filter.state === 'open' ? openStatuses : closedStatuses))
		.orderBy(
			...(filter.state === 'open'
				? [asc(due), asc(dataRequests.receivedAt)]
				: [desc(dataRequests.closedAt), desc(dataRequests.receivedAt)])
		)
		.limit(filter.limit ?? 500);
	return rows.map((row) => ({
		...row,
		identifier: row.email ?? row.username ?? '',
		clock: requestClock(row.request, now, holidays)
	}));
}

/** A person's own requests, newest first, with where each stands. */
export async function ownRequests(db: Database, userId: string, options: ClockOptions = {}) {
	const { now, holidays } = await clockOptions(db, options);
	const rows = await db
		.select()
		.from(dataRequests)
		.where(eq(dataRequests.userId, userId))
		.orderBy(desc(dataRequests.receivedAt));
	return rows.map((request) => ({ request, clock: requestClock(request, now, holidays) }));
}

/** One request for the administrator's page, with the person it is about. */
export async function requestCase(db: Database, id: string, options: ClockOptions = {}) {
	const { now, holidays, counting } = await clockOptions(db, options);
	const [row] = await db
		.select({
			request: dataRequests,
			name: users.fullName,
			email: users.email,
			username: users.username,
			anonymisedAt: users.anonymisedAt,
			restrictedAt: users.restrictedAt
		})
		.from(dataRequests)
		.innerJoin(users, eq(users.id, dataRequests.userId))
		.where(eq(dataRequests.id, id));
	if (!row) return undefined;
	return {
		...row,
		identifier: row.email ?? row.username ?? '',
		clock: requestClock(row.request, now, holidays),
		latestExtension: latestExtension(row.request.kind, row.request.dueAt, holidays, counting)
	};
}
