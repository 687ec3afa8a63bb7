import { and, eq, inArray } from 'drizzle-orm';
import { workshops } from '$db/schema';
import type { Database } from '../db';
import { recordAudit } from '../audit';
import { workshopAccess, type WorkshopViewer } from './access';
import { tellCancelled } from './messages';

/**
 * Cancels a workshop that has not ended (a draft or open one): its planners only. In one
 * transaction it becomes 'cancelled' — no registrations, check-ins or closing, never counted as
 * held (reports/workshops.ts) — everyone holding a seat or waiting is told why, and it is audited.
 * A draft's people were never told of it, so they are not told of this either.
 */
export async function cancelWorkshop(
	db: Database,
	viewer: WorkshopViewer,
	workshopId: string,
	reason: string,
	now = new Date()
): Promise<{ ok: true } | { ok: false; reason: 'not_found' | 'not_allowed' | 'not_cancellable' }> {
	const access = await workshopAccess(db, viewer, workshopId);
	if (!access) return { ok: false, reason: 'not_found' };
	if (!access.plan) return { ok: false, reason: 'not_allowed' };
	return db.transaction(async (tx) => {
		const [before] = await tx
			.select({ status: workshops.status })
			.from(workshops)
			.where(eq(workshops.id, workshopId))
			.for('update');
		const [cancelled] = await tx
			.update(workshops)
			.set({ status: 'cancelled', updatedAt: now })
			.where(and(eq(workshops.id, workshopId), inArray(workshops.status, ['draft', 'open'])))
			.returning();
		if (!before || !cancelled) return { ok: false, reason: 'not_cancellable' } as const;
		if (before.status === 'open') await tellCancelled(tx, cancelled, reason, now);
		await recordAudit(tx, {
			actorId: viewer.user?.id ?? null,
			action: 'workshop.cancelled',
			subjectId: workshopId,
			details: { title: cancelled.title, reason }
		});
		return { ok: true } as const;
	});
}
