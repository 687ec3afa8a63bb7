import { index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './auth';

/** Sensitive actions, kept for administrators to review. */
export const auditEvents = pgTable(
	'audit_events',
	{
		id: uuid().primaryKey().defaultRandom(),
		/** Who did it; null for the system (start-up, CLI without a user). */
		actorId: uuid().references(() => users.id, { onDelete: 'set null' }),
		/** e.g. 'role.granted', 'password_reset.issued', 'account.deleted'. */
		action: text().notNull(),
		/** The user acted upon, when there is one; kept as text so it survives account deletion. */
		subjectId: text(),
		details: jsonb()
			.$type<Record<string, string | number | boolean | null>>()
			.notNull()
			.default({}),
		at: timestamp({ withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('audit_events_at_idx').on(t.at), index('audit_events_action_idx').on(t.action)]
);

export type AuditEvent = typeof auditEvents.$inferSelect;
