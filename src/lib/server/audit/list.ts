import { and, count, desc, eq, gte, ilike, lt, or, type SQL } from 'drizzle-orm';
import { auditEvents, users } from '$db/schema';
import type { Database } from '../db';

export const AUDIT_PAGE_SIZE = 50;

export interface AuditFilter {
	/** An exact action, e.g. 'role.granted'; empty for all. */
	action?: string;
	/** Part of the actor's name, e-mail or username. */
	actor?: string;
	/** Inclusive instants; the page turns calendar days in Vietnam into these. */
	from?: Date;
	until?: Date;
	page?: number;
}

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * The audit log, newest first, filtered and paged, with who acted. What the event is about is named
 * by names.ts, which knows which table each kind's subject lives in.
 */
export async function listAuditEvents(db: Database, filter: AuditFilter) {
	const where: SQL[] = [];
	if (filter.action) where.push(eq(auditEvents.action, filter.action));
	if (filter.actor) {
		const pattern = `%${escapeLike(filter.actor)}%`;
		where.push(
			or(
				ilike(users.fullName, pattern),
				ilike(users.email, pattern),
				ilike(users.username, pattern)
			)!
		);
	}
	if (filter.from) where.push(gte(auditEvents.at, filter.from));
	if (filter.until) where.push(lt(auditEvents.at, filter.until));
	const condition = where.length ? and(...where) : undefined;

	const [{ total }] = await db
		.select({ total: count() })
		.from(auditEvents)
		.leftJoin(users, eq(auditEvents.actorId, users.id))
		.where(condition);
	const pages = Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE));
	const page = Math.min(Math.max(1, filter.page ?? 1), pages);
	const rows = await db
		.select({
			id: auditEvents.id,
			at: auditEvents.at,
			action: auditEvents.action,
			details: auditEvents.details,
			subjectId: auditEvents.subjectId,
			actorId: auditEvents.actorId,
			actorName: users.fullName
		})
		.from(auditEvents)
		.leftJoin(users, eq(auditEvents.actorId, users.id))
		.where(condition)
		.orderBy(desc(auditEvents.at), desc(auditEvents.id))
		.limit(AUDIT_PAGE_SIZE)
		.offset((page - 1) * AUDIT_PAGE_SIZE);
	return { rows, total, page, pages };
}

/** The actions recorded so far, for the filter's list. */
export async function auditActions(db: Database): Promise<string[]> {
	const rows = await db
		.selectDistinct({ action: auditEvents.action })
		.from(auditEvents)
		.orderBy(auditEvents.action);
	return rows.map((r) => r.action);
}
