import { and, asc, count, eq, sql } from 'drizzle-orm';
import {
	certificates,
	enrolments,
	workshopAttendance,
	workshops,
	workshopSessions,
	type Certificate,
	type Workshop
} from '$db/schema';
import type { WorkshopAttendanceRule } from '$lib/workshops';
import type { Database } from '../db';
import { recordAudit } from '../audit';
import {
	issueAttendanceCertificate,
	issueAttendanceCertificates
} from '../certificates/attendance';
import { evaluateCompletion } from '../progress/completion';
import { workshopAccess, type WorkshopViewer } from './access';
import { attendanceMet, sessionsNeeded } from './rules';

export type CloseResult =
	| {
			ok: true;
			/** It was closed already: the run only issued what was still owed. */
			already: boolean;
			/** Certificates of attendance issued by this run. */
			issued: Certificate[];
	  }
	| { ok: false; reason: 'not_found' | 'not_allowed' | 'draft' };

/**
 * "Kết thúc lớp": the workshop is over. Its trainers and planners may close it; it then takes no
 * new registrations or check-ins (a trainer's late correction still goes in, audited), and a
 * workshop that offers one issues its certificates of attendance. Closing a closed workshop issues
 * only what is still owed (after attendance was corrected), so it is safe to press again.
 */
export async function closeWorkshop(
	db: Database,
	viewer: WorkshopViewer,
	workshopId: string,
	now = new Date()
): Promise<CloseResult> {
	const access = await workshopAccess(db, viewer, workshopId);
	if (!access || !access.takeAttendance) return { ok: false, reason: 'not_found' };
	if (access.workshop.status === 'draft') return { ok: false, reason: 'draft' };
	if (access.workshop.status === 'cancelled') return { ok: false, reason: 'not_allowed' };
	const closed = await db
		.update(workshops)
		.set({ status: 'closed', closedAt: now, closedBy: viewer.user?.id ?? null, updatedAt: now })
		.where(and(eq(workshops.id, workshopId), eq(workshops.status, 'open')))
		.returning({ id: workshops.id });
	const issued = await issueAttendanceCertificates(db, workshopId, now);
	// Pressed again on a closed workshop, it is logged only when it issued something.
	if (closed.length > 0 || issued.length > 0)
		await recordAudit(db, {
			actorId: viewer.user?.id ?? null,
			...(closed.length > 0
				? { action: 'workshop.closed' }
				: { action: 'workshop.certificates_reissued' }),
			subjectId: workshopId,
			details: { title: access.workshop.title, certificates: issued.length }
		});
	return { ok: true, already: closed.length === 0, issued };
}

/**
 * Takes a closed workshop back to open (a mistake, a session added): planners only, audited.
 * Certificates already issued stay; closing again issues only new ones.
 */
export async function reopenWorkshop(
	db: Database,
	viewer: WorkshopViewer,
	workshopId: string,
	now = new Date()
): Promise<{ ok: true; reopened: boolean } | { ok: false; reason: 'not_found' | 'not_allowed' }> {
	const access = await workshopAccess(db, viewer, workshopId);
	if (!access || !access.takeAttendance) return { ok: false, reason: 'not_found' };
	if (!access.plan) return { ok: false, reason: 'not_allowed' };
	const reopened = await db
		.update(workshops)
		.set({ status: 'open', closedAt: null, closedBy: null, updatedAt: now })
		.where(and(eq(workshops.id, workshopId), eq(workshops.status, 'closed')))
		.returning({ id: workshops.id });
	if (reopened.length > 0)
		await recordAudit(db, {
			actorId: viewer.user?.id ?? null,
			action: 'workshop.reopened',
			subjectId: workshopId,
			details: { title: access.workshop.title }
		});
	return { ok: true, reopened: reopened.length > 0 };
}

/**
 * What a newly recorded attendance may bring, in the transaction that recorded it
 * (attendance.ts): the blended course's completion (progress/completion.ts, the one rule) with its
 * certificate, and — at a workshop already closed — the certificate of attendance it now earns.
 */
export async function afterAttendance(
	tx: Database,
	workshopId: string,
	userId: string,
	now: Date
): Promise<void> {
	const [workshop] = await tx
		.select({
			courseId: workshops.courseId,
			status: workshops.status,
			attendanceCertificate: workshops.attendanceCertificate
		})
		.from(workshops)
		.where(eq(workshops.id, workshopId));
	if (!workshop) return;
	if (workshop.courseId) {
		const [enrolment] = await tx
			.select({ id: enrolments.id })
			.from(enrolments)
			.where(
				and(
					eq(enrolments.userId, userId),
					eq(enrolments.courseId, workshop.courseId),
					sql`${enrolments.completedAt} is null`
				)
			);
		if (enrolment) await evaluateCompletion(tx, enrolment.id, now);
	}
	if (workshop.status === 'closed' && workshop.attendanceCertificate)
		await issueAttendanceCertificate(tx, { userId, workshopId, now });
}

/**
 * What the closing page shows: how many sessions there are, how many people attended as the rule
 * asks (those closing would certify), and the certificates of attendance issued so far.
 */
export async function closingSummary(db: Database, workshop: Workshop) {
	const [sessions, counts, issued] = await Promise.all([
		db
			.select({ id: workshopSessions.id })
			.from(workshopSessions)
			.where(eq(workshopSessions.workshopId, workshop.id)),
		db
			.select({ userId: workshopAttendance.userId, attended: count() })
			.from(workshopAttendance)
			.innerJoin(workshopSessions, eq(workshopSessions.id, workshopAttendance.sessionId))
			.where(eq(workshopSessions.workshopId, workshop.id))
			.groupBy(workshopAttendance.userId),
		db
			.select({
				number: certificates.number,
				code: certificates.code,
				fullName: certificates.fullName,
				revokedAt: certificates.revokedAt
			})
			.from(certificates)
			.where(and(eq(certificates.workshopId, workshop.id), eq(certificates.kind, 'attendance')))
			.orderBy(asc(certificates.registerNumber))
	]);
	const total = sessions.length;
	return {
		sessions: total,
		needed: sessionsNeeded(workshop.attendanceRule, total),
		qualifying: counts.filter((c) => attendanceMet(workshop.attendanceRule, c.attended, total))
			.length,
		issued
	};
}

/**
 * Whether closing issues certificates of attendance, and the attendance they ask: planners only.
 * Changed after closing, it applies to the certificates still to issue, not those issued.
 */
export async function setAttendanceCertificate(
	db: Database,
	viewer: WorkshopViewer,
	workshopId: string,
	settings: { attendanceCertificate: boolean; attendanceRule: WorkshopAttendanceRule }
): Promise<{ ok: true } | { ok: false; reason: 'not_found' | 'not_allowed' }> {
	const access = await workshopAccess(db, viewer, workshopId);
	if (!access || !access.takeAttendance) return { ok: false, reason: 'not_found' };
	if (!access.plan) return { ok: false, reason: 'not_allowed' };
	await db
		.update(workshops)
		.set({ ...settings, updatedAt: new Date() })
		.where(eq(workshops.id, workshopId));
	return { ok: true };
}
