import {
	and,
	count,
	desc,
	eq,
	gt,
	ilike,
	isNotNull,
	isNull,
	lte,
	notExists,
	or,
	sql,
	type SQL
} from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { certificates, users, type Localised } from '$db/schema';
import { fold } from '$lib/text';
import { addDaysAt } from '$lib/vietnam-time';
import type { Database } from '../db';
import { preparedQuery } from '../db/prepared';
import { normaliseCertificateCode } from './code';
import { RENEWAL_WINDOW_DAYS, statusOf, type CertificateStatus } from './expiry';
import type { CertificateStatement } from './statement';

const byCodeQuery = preparedQuery('certificate_by_code', (db, name) =>
	db
		.select()
		.from(certificates)
		.where(eq(certificates.code, sql.placeholder('code')))
		.prepare(name)
);

/** Asked on every download and every /verify: prepared once per database handle. */
export async function getCertificateByCode(db: Database, rawCode: string) {
	const code = normaliseCertificateCode(rawCode);
	if (!code) return undefined;
	const query = byCodeQuery(db);
	const [row] = await query.execute({ code });
	return row;
}

export async function getCertificate(db: Database, id: string) {
	if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
	const [row] = await db.select().from(certificates).where(eq(certificates.id, id));
	return row;
}

/** What /verify shows: the status and no more personal data than the certificate itself prints. */
export type Verification =
	| { status: 'not_found' }
	| {
			status: CertificateStatus;
			/** A certificate of completion, or of attendance (then `course` is the workshop's title). */
			kind: 'completion' | 'attendance';
			name: string;
			course: Localised;
			completedAt: Date;
			issuer: string;
			expiresAt: Date | null;
			revokedAt: Date | null;
			revokedReason: string | null;
			/** For attendance: the sessions attended and the venue, as printed. */
			sessions: { startsAt: string; endsAt: string }[];
			venue: string | null;
			/** The graded work the completion rested on, as printed (points of the final marking). */
			assessments: NonNullable<CertificateStatement['assessments']>;
	  };

export async function verifyCertificate(
	db: Database,
	code: string,
	now = new Date()
): Promise<Verification> {
	const row = await getCertificateByCode(db, code);
	if (!row) return { status: 'not_found' };
	const statement = row.credential as CertificateStatement;
	return {
		status: statusOf(row, now),
		kind: row.kind,
		name: row.fullName,
		course: row.courseTitle,
		completedAt: row.completedAt,
		// As signed at issue: the body that issued it, even if the setting changed since.
		issuer: statement.issuer.name,
		expiresAt: row.expiresAt,
		revokedAt: row.revokedAt,
		revokedReason: row.revokedAt ? row.revokedReason : null,
		sessions: statement.workshop?.sessions ?? [],
		venue: statement.workshop?.venue || null,
		assessments: statement.assessments ?? []
	};
}

const summary = {
	id: certificates.id,
	code: certificates.code,
	number: certificates.number,
	registerNumber: certificates.registerNumber,
	userId: certificates.userId,
	kind: certificates.kind,
	workshopId: certificates.workshopId,
	fullName: certificates.fullName,
	courseTitle: certificates.courseTitle,
	courseVersion: certificates.courseVersion,
	completedAt: certificates.completedAt,
	issuedAt: certificates.issuedAt,
	expiresAt: certificates.expiresAt,
	revokedAt: certificates.revokedAt
};

const withStatus =
	(now: Date) =>
	<T extends { revokedAt: Date | null; expiresAt: Date | null }>(row: T) => ({
		...row,
		status: statusOf(row, now)
	});

/** A learner's certificates, newest first, for their dashboard. */
export async function certificatesOf(db: Database, userId: string, now = new Date()) {
	const rows = await db
		.select(summary)
		.from(certificates)
		.where(eq(certificates.userId, userId))
		.orderBy(desc(certificates.issuedAt), desc(certificates.registerNumber));
	return rows.map(withStatus(now));
}

/** The learner's newest certificate for a course that is not revoked, for the quiz result page. */
export async function certificateFor(
	db: Database,
	userId: string,
	courseId: string,
	now = new Date()
) {
	const [row] = await db
		.select(summary)
		.from(certificates)
		.where(
			and(
				eq(certificates.userId, userId),
				eq(certificates.courseId, courseId),
				eq(certificates.kind, 'completion'),
				isNull(certificates.revokedAt)
			)
		)
		.orderBy(desc(certificates.issuedAt), desc(certificates.registerNumber))
		.limit(1);
	return row && withStatus(now)(row);
}

export const certificateFilters = ['all', 'valid', 'revoked', 'expired', 'expiring'] as const;
export type CertificateFilter = (typeof certificateFilters)[number];

export interface CertificateQuery {
	/** A name (diacritics optional), a number such as SH-2026-000123, or a code. */
	q?: string;
	filter?: CertificateFilter;
	page?: number;
	pageSize?: number;
	now?: Date;
}

const renewal = alias(certificates, 'renewal');

function filterCondition(db: Database, filter: CertificateFilter, now: Date): SQL | undefined {
	const notRevoked = isNull(certificates.revokedAt);
	switch (filter) {
		case 'all':
			return undefined;
		case 'revoked':
			return isNotNull(certificates.revokedAt);
		case 'valid':
			return and(notRevoked, or(isNull(certificates.expiresAt), gt(certificates.expiresAt, now)));
		case 'expired':
			return and(notRevoked, lte(certificates.expiresAt, now));
		case 'expiring':
			return expiringWithin(db, RENEWAL_WINDOW_DAYS, now);
	}
}

/** Not revoked, expiring within `days`, and not renewed yet (a renewal already took its place). */
function expiringWithin(db: Database, days: number, now: Date): SQL | undefined {
	return and(
		isNull(certificates.revokedAt),
		gt(certificates.expiresAt, now),
		lte(certificates.expiresAt, addDaysAt(now, days)),
		notExists(
			db.select({ id: renewal.id }).from(renewal).where(eq(renewal.renewsId, certificates.id))
		)
	);
}

function searchCondition(raw: string): SQL | undefined {
	const q = raw.trim().slice(0, 100);
	if (!q) return undefined;
	const escape = (s: string) => s.replace(/[\\%_]/g, (c) => '\\' + c);
	const code = normaliseCertificateCode(q);
	return or(
		// Names through the holder's folded search key (diacritics optional), and as printed.
		ilike(users.searchKey, `%${escape(fold(q))}%`),
		ilike(certificates.fullName, `%${escape(q.normalize('NFC'))}%`),
		ilike(certificates.number, `%${escape(q)}%`),
		code ? eq(certificates.code, code) : undefined
	);
}

/** Certificates for administrators, newest first, with search, a status filter and pages. */
export async function listCertificates(db: Database, query: CertificateQuery = {}) {
	const now = query.now ?? new Date();
	const pageSize = query.pageSize ?? 25;
	const page = Math.max(1, query.page ?? 1);
	const where = and(
		searchCondition(query.q ?? ''),
		filterCondition(db, query.filter ?? 'all', now)
	);
	const [rows, [{ total }]] = await Promise.all([
		db
			.select(summary)
			.from(certificates)
			.innerJoin(users, eq(users.id, certificates.userId))
			.where(where)
			.orderBy(desc(certificates.issuedAt), desc(certificates.registerNumber))
			.limit(pageSize)
			.offset((page - 1) * pageSize),
		db
			.select({ total: count() })
			.from(certificates)
			.innerJoin(users, eq(users.id, certificates.userId))
			.where(where)
	]);
	return {
		rows: rows.map(withStatus(now)),
		total,
		page,
		pageSize,
		pages: Math.max(1, Math.ceil(total / pageSize))
	};
}

/** Valid certificates that expire within `withinDays` and have not been renewed, soonest first. */
export async function expiringCertificates(
	db: Database,
	withinDays = RENEWAL_WINDOW_DAYS,
	now = new Date(),
	limit = 200
) {
	const rows = await db
		.select(summary)
		.from(certificates)
		.where(expiringWithin(db, withinDays, now))
		.orderBy(certificates.expiresAt)
		.limit(limit);
	return rows.map(withStatus(now));
}
