/**
 * The "hồ sơ lớp": what a centre files to settle a class's budget — who came to each session and
 * how their attendance was taken, the pre- and post-test scores, the survey in figures and the
 * certificates issued. Gathered here once; dossier-files.ts lays it out as XLSX and as A4 PDF.
 */
import { and, asc, eq, inArray } from 'drizzle-orm';
import { certificates, courses, organisations, users, workshops } from '$db/schema';
import type { AttendanceMethod } from '$lib/workshops';
import type { Database } from '../db';
import { attendanceOf } from './attendance';
import { sessionsOf } from './plan';
import { registrationList } from './registration';
import { attendanceMet } from './rules';
import { surveySummary, type SurveySummary } from './survey';
import { testScores, testSummary, type TestSummary } from './tests';

export interface DossierParticipant {
	userId: string;
	fullName: string;
	account: string;
	organisation: string | null;
	/** registered, waitlisted, cancelled — or 'walk_in' shown by `source`. */
	status: string;
	source: string;
	/** Per session, in session order: how attendance was taken and when; null when absent. */
	attendance: ({ method: AttendanceMethod; at: Date } | null)[];
	attended: number;
	/** Whether they attended as the workshop's attendance rule asks. */
	met: boolean;
	pre: number | null;
	post: number | null;
	certificateNumber: string | null;
}

export interface Dossier {
	workshop: {
		id: string;
		title: string;
		venue: string;
		area: string | null;
		organisation: string;
		course: string | null;
		status: string;
		closedAt: Date | null;
		attendanceCertificate: boolean;
		rule: { kind: 'all' } | { kind: 'share'; share: number };
	};
	sessions: { id: string; startsAt: Date; endsAt: Date; present: number }[];
	participants: DossierParticipant[];
	tests: TestSummary;
	survey: SurveySummary;
	certificates: {
		number: string;
		code: string;
		fullName: string;
		hours: number;
		issuedAt: Date;
		revokedAt: Date | null;
	}[];
}

/** Everything the class record holds, for a workshop the caller may see the people of. */
export async function workshopDossier(
	db: Database,
	workshopId: string
): Promise<Dossier | undefined> {
	const [row] = await db
		.select({
			workshop: workshops,
			organisation: organisations.name,
			course: courses.title
		})
		.from(workshops)
		.innerJoin(organisations, eq(organisations.id, workshops.organisationId))
		.leftJoin(courses, eq(courses.id, workshops.courseId))
		.where(eq(workshops.id, workshopId));
	if (!row) return undefined;
	const w = row.workshop;
	const [sessions, people, attendance, scores, tests, survey, issued] = await Promise.all([
		sessionsOf(db, workshopId),
		registrationList(db, workshopId),
		attendanceOf(db, workshopId),
		testScores(db, workshopId),
		testSummary(db, workshopId),
		surveySummary(db, workshopId),
		db
			.select({
				userId: certificates.userId,
				number: certificates.number,
				code: certificates.code,
				fullName: certificates.fullName,
				hours: certificates.hours,
				issuedAt: certificates.issuedAt,
				revokedAt: certificates.revokedAt
			})
			.from(certificates)
			.where(and(eq(certificates.workshopId, workshopId), eq(certificates.kind, 'attendance')))
			.orderBy(asc(certificates.registerNumber))
	]);
	const orgs = people.length
		? await db
				.select({ userId: users.id, organisation: organisations.name })
				.from(users)
				.innerJoin(organisations, eq(organisations.id, users.organisationId))
				.where(
					inArray(
						users.id,
						people.map((p) => p.userId)
					)
				)
		: [];
	const orgOf = new Map(orgs.map((o) => [o.userId, o.organisation]));
	const scoreOf = new Map(scores.map((s) => [s.userId, s]));
	const certificateOf = new Map(issued.map((c) => [c.userId, c.number]));
	const seen = new Map(attendance.map((a) => [`${a.sessionId}:${a.userId}`, a]));
	// Everyone registered or present: a cancelled registration stays only if they came anyway.
	const present = new Set(attendance.map((a) => a.userId));
	const participants = people
		.filter((p) => p.status !== 'cancelled' || present.has(p.userId))
		.map((p): DossierParticipant => {
			const marks = sessions.map((s) => {
				const a = seen.get(`${s.id}:${p.userId}`);
				return a ? { method: a.method, at: a.recordedAt } : null;
			});
			const attended = marks.filter(Boolean).length;
			return {
				userId: p.userId,
				fullName: p.fullName,
				account: p.account,
				organisation: orgOf.get(p.userId) ?? null,
				status: p.status,
				source: p.source,
				attendance: marks,
				attended,
				met: attendanceMet(w.attendanceRule, attended, sessions.length),
				pre: scoreOf.get(p.userId)?.pre ?? null,
				post: scoreOf.get(p.userId)?.post ?? null,
				certificateNumber: certificateOf.get(p.userId) ?? null
			};
		})
		.sort(
			(a, b) => a.fullName.localeCompare(b.fullName, 'vi') || a.account.localeCompare(b.account)
		);
	return {
		workshop: {
			id: w.id,
			title: w.title,
			venue: w.venue,
			area: w.area,
			organisation: row.organisation,
			course: row.course?.vi ?? null,
			status: w.status,
			closedAt: w.closedAt,
			attendanceCertificate: w.attendanceCertificate,
			rule: w.attendanceRule
		},
		sessions: sessions.map((s) => ({
			id: s.id,
			startsAt: s.startsAt,
			endsAt: s.endsAt,
			present: attendance.filter((a) => a.sessionId === s.id).length
		})),
		participants,
		tests,
		survey,
		certificates: issued.map(({ userId: _, ...c }) => c)
	};
}
