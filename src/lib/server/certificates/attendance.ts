import { randomUUID } from 'node:crypto';
import { and, asc, eq } from 'drizzle-orm';
import {
	certificates,
	courses,
	workshopAttendance,
	workshops,
	workshopSessions,
	type Certificate
} from '$db/schema';
import { attendanceMet } from '../workshops/rules';
import { config, type CertificateConfig } from '../config';
import type { Database } from '../db';
import { holderFacts, holderOf, insertSigned, issuerOf } from './issue';
import { currentSigningKey } from './keystore';
import { formatCertificateNumber, nextRegisterNumber } from './number';
import { STATEMENT_VERSION, type CertificateStatement } from './statement';

export interface AttendanceIssueInput {
	userId: string;
	workshopId: string;
	now?: Date;
	settings?: CertificateConfig;
	drawCode?: () => string;
}

export type AttendanceIssueResult =
	| { ok: true; certificate: Certificate; issued: boolean }
	| { ok: false; reason: 'not_found' | 'not_offered' | 'not_met' };

/** Hours of the sessions attended, to the tenth (a morning of 3 h 20 min prints as 3,3 giờ). */
export function attendedHours(sessions: { startsAt: Date; endsAt: Date }[]): number {
	const ms = sessions.reduce((sum, s) => sum + (s.endsAt.getTime() - s.startsAt.getTime()), 0);
	return Math.round(ms / 360_000) / 10;
}

/**
 * Issues a workshop's certificate of attendance ("Giấy chứng nhận tham dự") to one person, once:
 * when the workshop offers one and they attended as its attendance rule asks. Calling it again
 * returns the certificate already issued (`issued: false`), revoked or not; the workshop row is
 * locked, so a close and a late correction at once issue one. What it prints is copied now: the
 * holder as their profile says, the workshop's title and venue, the sessions attended and their
 * hours, the workshop's organisation as issuer.
 */
export async function issueAttendanceCertificate(
	db: Database,
	input: AttendanceIssueInput
): Promise<AttendanceIssueResult> {
	const now = input.now ?? new Date();
	const settings = input.settings ?? config().certificates;
	const key = await currentSigningKey(db, settings.signingKey);
	return db.transaction(async (tx) => {
		const [workshop] = await tx
			.select()
			.from(workshops)
			.where(eq(workshops.id, input.workshopId))
			.for('update');
		if (!workshop) return { ok: false, reason: 'not_found' };
		const [existing] = await tx
			.select()
			.from(certificates)
			.where(
				and(
					eq(certificates.kind, 'attendance'),
					eq(certificates.workshopId, workshop.id),
					eq(certificates.userId, input.userId)
				)
			)
			.limit(1);
		if (existing) return { ok: true, certificate: existing, issued: false };
		if (!workshop.attendanceCertificate) return { ok: false, reason: 'not_offered' };

		const sessions = await tx
			.select({
				id: workshopSessions.id,
				startsAt: workshopSessions.startsAt,
				endsAt: workshopSessions.endsAt,
				present: workshopAttendance.userId
			})
			.from(workshopSessions)
			.leftJoin(
				workshopAttendance,
				and(
					eq(workshopAttendance.sessionId, workshopSessions.id),
					eq(workshopAttendance.userId, input.userId)
				)
			)
			.where(eq(workshopSessions.workshopId, workshop.id))
			.orderBy(asc(workshopSessions.startsAt));
		const attended = sessions.filter((s) => s.present !== null);
		if (!attendanceMet(workshop.attendanceRule, attended.length, sessions.length))
			return { ok: false, reason: 'not_met' };

		const [course] = workshop.courseId
			? await tx.select().from(courses).where(eq(courses.id, workshop.courseId))
			: [];
		const person = await holderFacts(tx, input.userId);
		const issuer = await issuerOf(tx, { organisationId: workshop.organisationId }, settings);
		const hours = attendedHours(attended);
		const lastEnd = attended[attended.length - 1].endsAt;
		const completedAt = lastEnd.getTime() > now.getTime() ? now : lastEnd;
		const registerNumber = await nextRegisterNumber(tx);
		const statement: Omit<CertificateStatement, 'code'> = {
			version: STATEMENT_VERSION,
			kind: 'attendance',
			id: randomUUID(),
			number: formatCertificateNumber(registerNumber, now),
			registerNumber,
			holder: holderOf(person),
			workshop: {
				id: workshop.id,
				title: workshop.title,
				venue: workshop.venue,
				sessions: attended.map((s) => ({
					startsAt: s.startsAt.toISOString(),
					endsAt: s.endsAt.toISOString()
				})),
				hours,
				...(course ? { course: { id: course.id, slug: course.slug, title: course.title } } : {})
			},
			completedAt: completedAt.toISOString(),
			issuedAt: now.toISOString(),
			issuer
		};
		const certificate = await insertSigned(
			tx,
			statement,
			{
				kind: 'attendance',
				userId: input.userId,
				courseId: course?.id ?? null,
				courseVersionId: null,
				workshopId: workshop.id,
				fullName: person.fullName,
				dateOfBirth: person.dateOfBirth,
				organisationName: person.organisation,
				courseTitle: { vi: workshop.title },
				// A workshop has no versions; 0 says so wherever a number is expected.
				courseVersion: 0,
				hours,
				completedAt
			},
			key,
			input.drawCode
		);
		return { ok: true, certificate, issued: true };
	});
}

/**
 * Issues the certificates of attendance a workshop owes: everyone who attended as its rule asks
 * and has none yet. Safe to run again (after attendance is corrected): each person gets one.
 * Returns the certificates issued by this run.
 */
export async function issueAttendanceCertificates(
	db: Database,
	workshopId: string,
	now = new Date(),
	settings?: CertificateConfig
): Promise<Certificate[]> {
	const people = await db
		.selectDistinct({ userId: workshopAttendance.userId })
		.from(workshopAttendance)
		.innerJoin(workshopSessions, eq(workshopSessions.id, workshopAttendance.sessionId))
		.where(eq(workshopSessions.workshopId, workshopId));
	const issued: Certificate[] = [];
	for (const { userId } of people) {
		const result = await issueAttendanceCertificate(db, { userId, workshopId, now, settings });
		if (result.ok && result.issued) issued.push(result.certificate);
		if (!result.ok && result.reason !== 'not_met') break;
	}
	return issued;
}
