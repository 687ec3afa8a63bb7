import { sql } from 'drizzle-orm';
import type { Database } from '../../src/lib/server/db';
import { currentNotice, ensureNotice } from '../../src/lib/server/privacy/notices';

/**
 * For seeded people (the bench, the fault checks) who stand for learners who signed up themselves:
 * each account with no consent yet agrees to the current privacy notice, as sign-up records it
 * (privacy/consent.ts), in two statements however many there are. Otherwise the guard would hold
 * every one of them on /privacy/consent.
 */
export async function seededAgreeToNotice(db: Database): Promise<void> {
	await ensureNotice(db);
	const notice = await currentNotice(db);
	if (!notice) throw new Error('no privacy notice to agree to');
	await db.transaction(async (tx) => {
		await tx.execute(sql`
			insert into consent_records (user_id, purpose, given, notice_version, channel)
			select id, 'service', true, ${notice.version}, 'sign_up' from users
			where consent_version is null and anonymised_at is null`);
		await tx.execute(sql`
			update users set consent_version = ${notice.version}
			where consent_version is null and anonymised_at is null`);
	});
}
