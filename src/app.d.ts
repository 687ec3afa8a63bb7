import type { Session } from '$db/schema';
import type { SessionUser } from '$lib/server/auth/session';
import type { StaffScope } from '$lib/server/auth/staff';
import type { Database, Engine } from '$lib/server/db';

declare global {
	namespace App {
		interface Locals {
			/** Correlates this request's log lines (see hooks/handles.ts). */
			requestId: string;
			db: Database;
			engine: Engine;
			user: SessionUser | null;
			session: Session | null;
			/** What the user may do as staff, from the roles read with the session (auth/staff.ts). */
			scope: StaffScope;
			/** The signed-in person's unread messages, read with the session: the bell's count. */
			unread: number;
			/** HTML the page shows but does not carry in its data (hooks/html-once.ts). */
			htmlOnce?: string;
		}
		interface Error {
			message: string;
		}
		namespace Superforms {
			type Message = { type: 'success' | 'error'; text: string };
		}
	}
}

export {};
