// The workshop of the check-in scenario: one session under way (it began ten minutes before the
// seed and lasts the whole run), in the seeded trainer's organisation, open to anyone. The bench
// derives the rotating code the way the server does, from the same stored signing key.
import { workshops, workshopSessions } from '../../db/schema';
import type { Database } from '../../src/lib/server/db';
import { checkInCode, checkInSecret } from '../../src/lib/server/workshops/checkin';

export interface CheckInSession {
	workshopId: string;
	sessionId: string;
	startsAt: string;
	endsAt: string;
	/** The check-in secret (base64) the server derives from the stored signing key. */
	secret: string;
}

const MINUTE = 60_000;

export async function seedCheckInSession(
	db: Database,
	organisationId: string,
	now: Date
): Promise<CheckInSession> {
	const [workshop] = await db
		.insert(workshops)
		.values({ title: 'Hội thảo thử tải', organisationId, status: 'open', venue: 'Hội trường' })
		.returning({ id: workshops.id });
	const startsAt = new Date(now.getTime() - 10 * MINUTE);
	const endsAt = new Date(now.getTime() + 8 * 60 * MINUTE);
	const [session] = await db
		.insert(workshopSessions)
		.values({ workshopId: workshop.id, startsAt, endsAt })
		.returning({ id: workshopSessions.id });
	// No CERTIFICATE_SIGNING_KEY in the bench: the key the server uses is the one stored here.
	const secret = await checkInSecret(db);
	return {
		workshopId: workshop.id,
		sessionId: session.id,
		startsAt: startsAt.toISOString(),
		endsAt: endsAt.toISOString(),
		secret: secret.toString('base64')
	};
}

/** The check-in link the trainer's screen shows at `now`, as a participant's phone reads it. */
export function checkInPath(session: CheckInSession, now = new Date()): string {
	const code = checkInCode(
		Buffer.from(session.secret, 'base64'),
		{
			id: session.sessionId,
			startsAt: new Date(session.startsAt),
			endsAt: new Date(session.endsAt)
		},
		now
	);
	if (!code) throw new Error('The check-in session of the bench is not open any more.');
	return `/checkin/${code}`;
}
