/**
 * The privacy notice, versioned: each publication is a new row (never an edit of an old one), the
 * highest version is current, and its HTML is rendered once when it is published. A version marked
 * requiresConsent asks everyone who agreed to an earlier one to agree again (standing.ts).
 */
import { desc, eq, max, sql } from 'drizzle-orm';
import { privacyNotices, type Controller } from '$db/schema';
import type { Database } from '../db';
import { recordAudit } from '../audit';
import { config } from '../config';
import { defaultNotice } from './default-notice';
import { renderMarkdown } from './markdown';

export type PrivacyNotice = typeof privacyNotices.$inferSelect;

export async function currentNotice(db: Database): Promise<PrivacyNotice | undefined> {
	const [row] = await db
		.select()
		.from(privacyNotices)
		.orderBy(desc(privacyNotices.version))
		.limit(1);
	return row;
}

export async function noticeVersion(
	db: Database,
	version: number
): Promise<PrivacyNotice | undefined> {
	const [row] = await db.select().from(privacyNotices).where(eq(privacyNotices.version, version));
	return row;
}

/** Every version, newest first, without their texts. */
export function noticeVersions(db: Database) {
	return db
		.select({
			version: privacyNotices.version,
			publishedAt: privacyNotices.publishedAt,
			changes: privacyNotices.changes,
			requiresConsent: privacyNotices.requiresConsent
		})
		.from(privacyNotices)
		.orderBy(desc(privacyNotices.version));
}

/**
 * The version everyone must have agreed to: the highest one published with requiresConsent (null
 * before any). As SQL too, for the session query (auth/session.ts).
 */
export const requiredVersionSql = sql<
	number | null
>`(select max(${privacyNotices.version}) from ${privacyNotices} where ${privacyNotices.requiresConsent})`;

export async function requiredVersion(db: Database): Promise<number | null> {
	const [row] = await db
		.select({ v: max(privacyNotices.version) })
		.from(privacyNotices)
		.where(eq(privacyNotices.requiresConsent, true));
	return row?.v ?? null;
}

export interface NewNotice {
	body: { vi: string; en: string };
	controller: Controller;
	changes: string;
	requiresConsent: boolean;
	publishedBy: string | null;
}

/** Publishes the next version; earlier ones stay as they were. */
export async function publishNotice(db: Database, input: NewNotice): Promise<PrivacyNotice> {
	return db.transaction(async (tx) => {
		// One publication at a time: the next number is read and taken under the same lock.
		await tx.execute(sql`lock table ${privacyNotices} in share row exclusive mode`);
		const [{ top }] = await tx.select({ top: max(privacyNotices.version) }).from(privacyNotices);
		const version = (top ?? 0) + 1;
		const body = { vi: input.body.vi.trim(), en: input.body.en.trim() };
		const [row] = await tx
			.insert(privacyNotices)
			.values({
				version,
				body,
				html: { vi: renderMarkdown(body.vi), en: renderMarkdown(body.en || body.vi) },
				controller: input.controller,
				changes: input.changes.trim(),
				// The first version is what everyone agrees to, whatever the box said.
				requiresConsent: version === 1 || input.requiresConsent,
				publishedBy: input.publishedBy
			})
			.returning();
		await recordAudit(tx, {
			actorId: input.publishedBy,
			action: 'notice.published',
			subjectId: null,
			details: { version, requiresConsent: row.requiresConsent }
		});
		return row;
	});
}

/** The controller the notice names until the administrator says otherwise. */
export function defaultController(): Controller {
	return { name: config().certificates.issuer, address: '', email: '', phone: '', contact: '' };
}

/** At start-up: version 1 from the default text when there is no notice yet. */
export async function ensureNotice(db: Database): Promise<void> {
	const [any] = await db.select({ v: privacyNotices.version }).from(privacyNotices).limit(1);
	if (any) return;
	const controller = defaultController();
	const body = defaultNotice(controller, config().privacy);
	await db
		.insert(privacyNotices)
		.values({
			version: 1,
			body,
			html: { vi: renderMarkdown(body.vi), en: renderMarkdown(body.en) },
			controller,
			changes: '',
			requiresConsent: true
		})
		.onConflictDoNothing();
}
