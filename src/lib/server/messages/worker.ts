import { randomUUID } from 'node:crypto';
import { and, asc, eq, gt, isNotNull, lt, lte, or, sql } from 'drizzle-orm';
import type PgBoss from 'pg-boss';
import {
	deliveries,
	notifications,
	phoneNumbers,
	users,
	type Delivery,
	type MessageParams
} from '$db/schema';
import {
	isReminder,
	type DeliveryKind,
	type MessageChannel,
	type MessageKind
} from '$lib/messages';
import type { Database, DatabaseHandle } from '../db';
import { jobQueue, QUEUES } from '../jobs/queue';
import { log } from '../log';
import { composeEmail } from './email';
import { reachable, sendJobs } from './outbox';
import { renderDigest, renderMessage, type RenderedMessage } from './render';
import { sweepReminders } from './reminders';
import { PermanentFailure, type Transports } from './transports';
import { unsubscribeUrl } from './unsubscribe';
import { phoneTemplateData } from './zns';

/** A claim on a row lasts this long: a worker that crashed mid-send loses it after. */
const CLAIM_MS = 2 * 60 * 1000;
/** The first try and the queue's retries; the last failure marks the row failed. */
export const MAX_ATTEMPTS = QUEUES.deliver.retryLimit + 1;
/** What a person asked for this minute: no unsubscribe link, and the secret is wiped once sent. */
const ASKED_FOR: readonly string[] = ['password_reset', 'phone_code'];

export interface DeliveryContext {
	db: Database;
	transports: Transports;
	/** The site's public address, for the links in messages. */
	origin: string;
	now?: () => Date;
}

/**
 * sent, skipped (no longer wanted or reachable: nothing to retry), failed (the last try, or a
 * failure no retry can mend), done (another worker sent it, or it is gone). A failure that may
 * pass is thrown, after the row is put back in the queue, so the job queue retries with backoff.
 */
export type DeliveryOutcome = 'sent' | 'skipped' | 'failed' | 'done';

export class DeliveryBusy extends Error {
	name = 'DeliveryBusy';
}

/**
 * Sends one outbox row, once: the row is claimed by a conditional update, so of two workers that
 * hold a job for it (two instances, a job retried while its first try still runs) only one sends.
 */
export async function deliverOne(
	context: DeliveryContext,
	deliveryId: string
): Promise<DeliveryOutcome> {
	const { db } = context;
	const now = context.now?.() ?? new Date();
	const [claimed] = await db
		.update(deliveries)
		.set({
			status: 'sending',
			attempts: sql`${deliveries.attempts} + 1`,
			lockedUntil: new Date(now.getTime() + CLAIM_MS)
		})
		.where(
			and(
				eq(deliveries.id, deliveryId),
				or(
					eq(deliveries.status, 'queued'),
					and(eq(deliveries.status, 'sending'), lt(deliveries.lockedUntil, now))
				)
			)
		)
		.returning();
	if (!claimed) {
		const [row] = await db
			.select({ status: deliveries.status })
			.from(deliveries)
			.where(eq(deliveries.id, deliveryId));
		// Another worker holds it: try again later, in case that worker dies.
		if (row?.status === 'sending') throw new DeliveryBusy(`delivery ${deliveryId} is being sent`);
		return 'done';
	}
	try {
		const prepared = await prepare(context, claimed);
		if ('skip' in prepared) {
			await finish(db, claimed.id, { status: 'skipped', lastError: prepared.skip });
			return 'skipped';
		}
		const { providerId } = await prepared.send();
		await finish(db, claimed.id, {
			status: 'sent',
			sentAt: now,
			providerId,
			lastError: null,
			...(ASKED_FOR.includes(claimed.kind) ? { params: null } : {})
		});
		log().info(
			{ delivery: claimed.id, user: claimed.userId, channel: claimed.channel, kind: claimed.kind },
			'message sent'
		);
		return 'sent';
	} catch (error) {
		const reason = error instanceof Error ? error.message : String(error);
		const last = error instanceof PermanentFailure || claimed.attempts >= MAX_ATTEMPTS;
		await finish(db, claimed.id, { status: last ? 'failed' : 'queued', lastError: reason });
		log().warn(
			{ delivery: claimed.id, channel: claimed.channel, attempt: claimed.attempts, reason },
			last ? 'message failed' : 'message will be retried'
		);
		if (last) return 'failed';
		throw error;
	}
}

async function finish(
	db: Database,
	id: string,
	values: Partial<typeof deliveries.$inferInsert>
): Promise<void> {
	await db
		.update(deliveries)
		.set({ ...values, lockedUntil: null })
		.where(eq(deliveries.id, id));
}

type Prepared = { skip: string } | { send(): Promise<{ providerId: string }> };

/** What to send and how, read fresh: a person may have changed their mind since it was queued. */
async function prepare(context: DeliveryContext, row: Delivery): Promise<Prepared> {
	const { db, transports, origin } = context;
	const channel = row.channel as MessageChannel;
	const [person] = await db
		.select({ email: users.email, language: users.language, phone: phoneNumbers.number })
		.from(users)
		.leftJoin(
			phoneNumbers,
			and(
				eq(phoneNumbers.userId, users.id),
				isNotNull(phoneNumbers.verifiedAt),
				isNotNull(phoneNumbers.consentAt)
			)
		)
		.where(eq(users.id, row.userId));
	if (!person) return { skip: 'the account no longer exists' };
	const kind = row.kind as DeliveryKind;
	// A code is sent to the number being verified, so it is read without the verified condition.
	const to =
		channel === 'email'
			? person.email
			: kind === 'phone_code'
				? await numberBeingVerified(db, row.userId)
				: person.phone;
	if (!to)
		return {
			skip: channel === 'email' ? 'no e-mail address' : 'no verified phone number with consent'
		};
	if (channel === 'email' && !transports.email) return { skip: 'e-mail is not configured' };
	if (channel === 'phone' && !transports.phone?.supports(kind))
		return { skip: `no approved phone template for ${kind}` };
	if (!ASKED_FOR.includes(kind)) {
		const reach = await reachable(db, [row.userId], [channel]);
		if (!reach.allows(row.userId, kind, channel)) return { skip: 'turned off by the person' };
	}

	const language = person.language;
	let rendered: RenderedMessage;
	let params: MessageParams = row.params ?? {};
	if (kind === 'digest') {
		const items = await digestItems(db, row, channel);
		if (items.length === 0) return { skip: 'no reminder left to send' };
		rendered = renderDigest(items, language);
	} else if (row.notificationId) {
		const [notification] = await db
			.select()
			.from(notifications)
			.where(eq(notifications.id, row.notificationId));
		if (!notification) return { skip: 'the message was deleted' };
		params = notification.params;
		rendered = renderMessage(kind, params, language);
	} else {
		rendered = renderMessage(kind, params, language);
	}

	if (channel === 'email') {
		const email = transports.email!;
		const unsubscribe = ASKED_FOR.includes(kind)
			? undefined
			: await unsubscribeUrl(db, origin, row.userId, kind, 'email', language);
		const mail = composeEmail({
			to,
			rendered,
			language,
			origin,
			unsubscribeUrl: unsubscribe,
			messageId: `<${row.id}@${new URL(origin).hostname}>`
		});
		return { send: () => email.send(mail) };
	}
	const phone = transports.phone!;
	return {
		send: () =>
			phone.send({
				to,
				kind,
				params: phoneTemplateData(kind, {
					...params,
					short: rendered.short,
					// A template with a button opens this address.
					...(rendered.action ? { link: new URL(rendered.action.path, origin).href } : {})
				}),
				trackingId: row.id
			})
	};
}

async function numberBeingVerified(db: Database, userId: string): Promise<string | null> {
	const [row] = await db
		.select({ number: phoneNumbers.number })
		.from(phoneNumbers)
		.where(eq(phoneNumbers.userId, userId));
	return row?.number ?? null;
}

/**
 * The reminders a digest carries: those of the person since their previous digest on this channel
 * (`since`, exclusive) up to when this one was made (`until`), of the kinds they still want here.
 */
async function digestItems(db: Database, row: Delivery, channel: MessageChannel) {
	const since = typeof row.params?.since === 'string' ? new Date(row.params.since) : null;
	const until = typeof row.params?.until === 'string' ? new Date(row.params.until) : row.createdAt;
	const reminders = await db
		.select({ kind: notifications.kind, params: notifications.params, link: notifications.link })
		.from(notifications)
		.where(
			and(
				eq(notifications.userId, row.userId),
				eq(notifications.inDigest, true),
				since ? gt(notifications.createdAt, since) : undefined,
				lte(notifications.createdAt, until)
			)
		)
		.orderBy(asc(notifications.createdAt));
	const reach = await reachable(db, [row.userId], [channel]);
	return reminders.filter(
		(r) => isReminder(r.kind as MessageKind) && reach.allows(row.userId, r.kind, channel)
	);
}

/**
 * Queues again, with a new job, outbox rows left waiting with no live job (a job queue restored
 * from an older backup, a purge, a row stuck in 'sending' by a crash whose job is gone). A safety
 * net run every quarter hour; a row with a live job is left to it.
 */
export async function requeueLost(db: Database, now = new Date()): Promise<number> {
	const stale = new Date(now.getTime() - 30 * 60 * 1000);
	return db.transaction(async (tx) => {
		const rows = await tx
			.update(deliveries)
			.set({ status: 'queued', lockedUntil: null })
			.where(
				and(
					or(
						and(eq(deliveries.status, 'queued'), lt(deliveries.notBefore, stale)),
						and(eq(deliveries.status, 'sending'), lt(deliveries.lockedUntil, stale))
					),
					sql`not exists (select 1 from pgboss.job j where j.name = ${QUEUES.deliver.name}
						and j.state in ('created', 'retry', 'active')
						and j.data->>'deliveryId' = ${deliveries.id}::text)`
				)
			)
			.returning({ id: deliveries.id, notBefore: deliveries.notBefore });
		await sendJobs(
			tx,
			rows.map((r) => ({ ...r, notBefore: now })),
			() => randomUUID()
		);
		return rows.length;
	});
}

/** Rows taken a poll by one instance: with a poll every 2 seconds, about 18,000 messages an hour. */
const DELIVERY_BATCH = 10;

export interface MessageWorker {
	stop(): Promise<void>;
}

/**
 * Starts this instance's share of the work: delivering the outbox, the hourly reminder sweep (at
 * :05, Vietnam time) and a sweep for rows whose job was lost. Every instance may run it: the job
 * queue hands each job to one worker, and rows are claimed before they are sent.
 */
export async function startMessageWorker(
	handle: DatabaseHandle,
	options: { transports: Transports; origin: string; pollingIntervalSeconds?: number }
): Promise<MessageWorker> {
	const boss: PgBoss = jobQueue(handle.executor, { worker: true });
	boss.on('error', (error) => log().error({ err: error }, 'job queue error'));
	await boss.start();
	const context: DeliveryContext = {
		db: handle.db,
		transports: options.transports,
		origin: options.origin
	};
	const polling = { pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2 };
	// Up to DELIVERY_BATCH rows a poll, sent side by side; each job that fails is failed on its own
	// (the queue retries it with backoff), and the rest of the batch completes.
	await boss.work<{ deliveryId: string }>(
		QUEUES.deliver.name,
		{ ...polling, batchSize: DELIVERY_BATCH },
		async (jobs) => {
			await Promise.all(
				jobs.map(async (job) => {
					try {
						await deliverOne(context, job.data.deliveryId);
					} catch (error) {
						const reason = error instanceof Error ? error.message : String(error);
						await boss.fail(QUEUES.deliver.name, job.id, { reason });
					}
				})
			);
		}
	);
	await boss.work(QUEUES.reminders.name, polling, async () => {
		const outcome = await sweepReminders(handle.db);
		log().info(outcome, 'reminders swept');
	});
	await boss.work(QUEUES.outboxSweep.name, polling, async () => {
		const requeued = await requeueLost(handle.db);
		if (requeued > 0) log().warn({ requeued }, 'outbox rows without a job were queued again');
	});
	await boss.schedule(QUEUES.reminders.name, '5 * * * *', undefined, { tz: 'Asia/Ho_Chi_Minh' });
	await boss.schedule(QUEUES.outboxSweep.name, '*/15 * * * *', undefined, {
		tz: 'Asia/Ho_Chi_Minh'
	});
	return {
		async stop() {
			// Short: the server gives the whole stop five seconds; an unfinished send is retried later.
			await boss.stop({ graceful: true, wait: true, timeout: 3_000 });
			await options.transports.email?.close?.();
		}
	};
}
