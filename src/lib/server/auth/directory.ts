import { and, count, desc, eq, ilike, type SQL } from 'drizzle-orm';
import {
	auditEvents,
	consentRecords,
	dataRequests,
	guardianConsents,
	organisations,
	sessions,
	users,
	type User
} from '$db/schema';
import { fold } from '$lib/text';
import type { Database } from '../db';
import { phoneNumberExport } from '../messages/phone-numbers';
import { listRoleAssignments } from './roles';

/** What search matches: the folded full name, e-mail and username. */
export function searchKeyFor(user: Pick<User, 'fullName' | 'email' | 'username'>): string {
	return fold([user.fullName, user.email ?? '', user.username ?? ''].join(' '));
}

export interface UserQuery {
	q?: string;
	page?: number;
	pageSize?: number;
	organisationId?: string;
}

/** Lists users for administrators, newest first, searching without regard to diacritics. */
export async function listUsers(db: Database, query: UserQuery) {
	const pageSize = query.pageSize ?? 25;
	const page = Math.max(1, query.page ?? 1);
	const filters: SQL[] = [];
	const q = fold(query.q ?? '');
	if (q) {
		const escaped = q.replace(/[\\%_]/g, (c) => '\\' + c);
		filters.push(ilike(users.searchKey, `%${escaped}%`));
	}
	if (query.organisationId) filters.push(eq(users.organisationId, query.organisationId));
	const where = filters.length ? and(...filters) : undefined;
	const [rows, [{ total }]] = await Promise.all([
		db
			.select({
				id: users.id,
				fullName: users.fullName,
				email: users.email,
				username: users.username,
				isAdmin: users.isAdmin,
				audience: users.audience,
				organisationName: organisations.name,
				createdAt: users.createdAt
			})
			.from(users)
			.leftJoin(organisations, eq(users.organisationId, organisations.id))
			.where(where)
			.orderBy(desc(users.createdAt), users.id)
			.limit(pageSize)
			.offset((page - 1) * pageSize),
		db.select({ total: count() }).from(users).where(where)
	]);
	return { rows, total, page, pageSize, pages: Math.max(1, Math.ceil(total / pageSize)) };
}

/** Everything the platform holds about a user, for the "download my data" right (Decree 13/2023). */
export async function exportUserData(db: Database, userId: string) {
	const [user] = await db
		.select({
			id: users.id,
			email: users.email,
			username: users.username,
			fullName: users.fullName,
			dateOfBirth: users.dateOfBirth,
			audience: users.audience,
			area: users.area,
			organisation: organisations.name,
			isAdmin: users.isAdmin,
			createdAt: users.createdAt,
			updatedAt: users.updatedAt
		})
		.from(users)
		.leftJoin(organisations, eq(users.organisationId, organisations.id))
		.where(eq(users.id, userId));
	if (!user) return undefined;
	const [roles, activeSessions, events, phone, privacy] = await Promise.all([
		listRoleAssignments(db, userId),
		db
			.select({ createdAt: sessions.createdAt, expiresAt: sessions.expiresAt })
			.from(sessions)
			.where(eq(sessions.userId, userId)),
		db
			.select({ action: auditEvents.action, at: auditEvents.at, details: auditEvents.details })
			.from(auditEvents)
			.where(eq(auditEvents.subjectId, userId))
			.orderBy(auditEvents.at),
		phoneNumberExport(db, userId),
		privacyRecordsOf(db, userId)
	]);
	return {
		exportedAt: new Date().toISOString(),
		account: user,
		roles: roles.map((r) => ({ role: r.role, organisation: r.organisationName })),
		sessions: activeSessions,
		/** The phone number for messages, when one was given: when verified and consented to. */
		phone,
		/** Consents given and withdrawn, a guardian's consent, requests about their data. */
		privacy,
		auditEvents: events
	};
}

/** The person's own records under the personal data law (privacy/*), for the data download. */
async function privacyRecordsOf(db: Database, userId: string) {
	const [consents, guardians, requests] = await Promise.all([
		db
			.select({
				purpose: consentRecords.purpose,
				given: consentRecords.given,
				noticeVersion: consentRecords.noticeVersion,
				channel: consentRecords.channel,
				recordedAt: consentRecords.recordedAt
			})
			.from(consentRecords)
			.where(eq(consentRecords.userId, userId))
			.orderBy(consentRecords.recordedAt),
		db
			.select({
				guardianName: guardianConsents.guardianName,
				guardianContact: guardianConsents.guardianContact,
				relationship: guardianConsents.relationship,
				consentedOn: guardianConsents.consentedOn,
				method: guardianConsents.method,
				withdrawnAt: guardianConsents.withdrawnAt
			})
			.from(guardianConsents)
			.where(eq(guardianConsents.userId, userId))
			.orderBy(guardianConsents.recordedAt),
		db
			.select({
				kind: dataRequests.kind,
				details: dataRequests.details,
				status: dataRequests.status,
				receivedAt: dataRequests.receivedAt,
				dueAt: dataRequests.dueAt,
				answer: dataRequests.answer,
				closedAt: dataRequests.closedAt
			})
			.from(dataRequests)
			.where(eq(dataRequests.userId, userId))
			.orderBy(dataRequests.receivedAt)
	]);
	return { consents, guardians, requests };
}
