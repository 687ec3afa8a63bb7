import { auditEvents } from '$db/schema';
import type { Database } from '../db';

export interface AuditEntry {
	actorId: string | null;
	action: string;
	subjectId?: string | null;
	details?: Record<string, string | number | boolean | null>;
}

/** Writes one sensitive action to the audit log; call it inside the action's own transaction. */
export async function recordAudit(db: Database, entry: AuditEntry): Promise<void> {
	await db.insert(auditEvents).values({
		actorId: entry.actorId,
		action: entry.action,
		subjectId: entry.subjectId ?? null,
		details: entry.details ?? {}
	});
}
