import { and, asc, eq, exists, inArray, or, sql, type SQL } from 'drizzle-orm';
import { users, workshopAttendance, workshopRegistrations, workshopSessions } from '$db/schema';
import type { Database } from '../db';

/**
 * Who takes part in a workshop's tests and survey: a person with a seat (registered) or seen at
 * one of its sessions (a walk-in, or someone on the waiting list who came anyway). The one place
 * the day's tasks ask it.
 */
function participantWhere(workshopId: string, userId: SQL | string) {
	return or(
		exists(
			sql`(select 1 from ${workshopRegistrations} where ${workshopRegistrations.workshopId} = ${workshopId}
				and ${workshopRegistrations.userId} = ${userId} and ${workshopRegistrations.status} = 'registered')`
		),
		exists(
			sql`(select 1 from ${workshopAttendance} join ${workshopSessions} on ${workshopSessions.id} = ${workshopAttendance.sessionId}
				where ${workshopSessions.workshopId} = ${workshopId} and ${workshopAttendance.userId} = ${userId})`
		)
	);
}

export async function isParticipant(
	db: Database,
	workshopId: string,
	userId: string
): Promise<boolean> {
	const [row] = await db
		.select({ one: sql<number>`1` })
		.from(users)
		.where(and(eq(users.id, userId), participantWhere(workshopId, userId)));
	return row !== undefined;
}

/** The workshop's participants by name, for the trainer's table of paper scores. */
export async function participantList(db: Database, workshopId: string) {
	const rows = await db
		.select({
			userId: users.id,
			fullName: users.fullName,
			username: users.username,
			email: users.email
		})
		.from(users)
		.where(participantWhere(workshopId, sql`${users.id}`))
		.orderBy(asc(users.fullName), asc(users.id));
	return rows.map(({ username, email, ...r }) => ({ ...r, account: username ?? email ?? '' }));
}

/** Which of these people take part (for checking a submitted table row by row). */
export async function participantsAmong(
	db: Database,
	workshopId: string,
	userIds: string[]
): Promise<Set<string>> {
	if (userIds.length === 0) return new Set();
	const rows = await db
		.select({ id: users.id })
		.from(users)
		.where(and(inArray(users.id, userIds), participantWhere(workshopId, sql`${users.id}`)));
	return new Set(rows.map((r) => r.id));
}
