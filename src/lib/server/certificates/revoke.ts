import { and, eq, isNotNull, isNull } from 'drizzle-orm';
import { certificates, type Certificate } from '$db/schema';
import { recordAudit } from '../audit';
import type { Database } from '../db';
import { refreshSummaries } from '../progress/summary';

/** The holder's summary for the course names their newest certificate not revoked. */
async function refreshCertificateSummary(tx: Database, row: Certificate) {
	if (row.kind === 'completion' && row.courseId)
		await refreshSummaries(tx, { userId: row.userId, courseIds: [row.courseId] });
}

export interface RevokeInput {
	certificateId: string;
	/** The administrator acting; null for the system. */
	actorId: string | null;
	/** Shown publicly on /verify, so it should say why without personal details. */
	reason: string;
	now?: Date;
}

export type RevokeResult =
	| { ok: true; certificate: Certificate }
	| { ok: false; reason: 'not_found' | 'already_revoked' | 'reason_required' };

/** Revokes a certificate with a reason; /verify then says so. Recorded in the audit log. */
export async function revokeCertificate(db: Database, input: RevokeInput): Promise<RevokeResult> {
	const reason = input.reason.normalize('NFC').trim();
	if (!reason) return { ok: false, reason: 'reason_required' };
	const now = input.now ?? new Date();
	return db.transaction(async (tx) => {
		// Only if not revoked already: two administrators at once record one revocation.
		const [row] = await tx
			.update(certificates)
			.set({ revokedAt: now, revokedReason: reason, revokedBy: input.actorId })
			.where(and(eq(certificates.id, input.certificateId), isNull(certificates.revokedAt)))
			.returning();
		if (!row)
			return { ok: false, reason: await missingOr(tx, input.certificateId, 'already_revoked') };
		await refreshCertificateSummary(tx, row);
		await recordAudit(tx, {
			actorId: input.actorId,
			action: 'certificate.revoked',
			subjectId: row.userId,
			details: { certificateId: row.id, number: row.number, reason }
		});
		return { ok: true, certificate: row };
	});
}

export interface ReinstateInput {
	certificateId: string;
	actorId: string | null;
	/** Why it is valid again (e.g. the revocation was a mistake); kept in the audit log. */
	note?: string;
}

export type ReinstateResult =
	{ ok: true; certificate: Certificate } | { ok: false; reason: 'not_found' | 'not_revoked' };

/** Makes a revoked certificate valid again (expiry still applies). Recorded in the audit log. */
export async function reinstateCertificate(
	db: Database,
	input: ReinstateInput
): Promise<ReinstateResult> {
	return db.transaction(async (tx) => {
		const [before] = await tx
			.select({ reason: certificates.revokedReason })
			.from(certificates)
			.where(eq(certificates.id, input.certificateId))
			.for('update');
		const [row] = await tx
			.update(certificates)
			.set({ revokedAt: null, revokedReason: null, revokedBy: null })
			.where(and(eq(certificates.id, input.certificateId), isNotNull(certificates.revokedAt)))
			.returning();
		if (!row) return { ok: false, reason: before ? 'not_revoked' : 'not_found' };
		await refreshCertificateSummary(tx, row);
		await recordAudit(tx, {
			actorId: input.actorId,
			action: 'certificate.reinstated',
			subjectId: row.userId,
			details: {
				certificateId: row.id,
				number: row.number,
				revokedReason: before?.reason ?? null,
				note: input.note?.normalize('NFC').trim() || null
			}
		});
		return { ok: true, certificate: row };
	});
}

async function missingOr<T extends string>(
	db: Database,
	id: string,
	otherwise: T
): Promise<T | 'not_found'> {
	const [row] = await db
		.select({ id: certificates.id })
		.from(certificates)
		.where(eq(certificates.id, id));
	return row ? otherwise : 'not_found';
}
