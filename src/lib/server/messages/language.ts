import { eq } from 'drizzle-orm';
import { users } from '$db/schema';
import type { Database } from '../db';

/**
 * The language messages reach a person in (e-mail, phone): the one they last chose on the site. Set
 * at sign-up and whenever they switch language while signed in.
 */
export async function setMessageLanguage(
	db: Database,
	userId: string,
	language: 'vi' | 'en'
): Promise<void> {
	await db.update(users).set({ language }).where(eq(users.id, userId));
}
