import { config } from '../config';
import type { Database, DatabaseHandle } from '../db';
import { smtpTransport } from './email';
import type { Transports } from './transports';
import { startMessageWorker, type MessageWorker } from './worker';
import { zaloTokenSource } from './zalo-token';
import { znsGateway } from './zns';

/**
 * The channels this installation has configured (README, "Messages"). `db` keeps Zalo's renewed
 * access token (zalo-token.ts).
 */
export function configuredTransports(db: Database): Transports {
	const { mail, zns } = config().messages;
	return {
		...(mail ? { email: smtpTransport(mail) } : {}),
		...(zns
			? {
					phone: znsGateway({
						templates: zns.templates,
						url: zns.url,
						...zaloTokenSource(db, zns.auth)
					})
				}
			: {})
	};
}

/**
 * Starts this instance's message worker unless MESSAGE_WORKER=off: the inbox's reminders need it
 * even when no channel beyond the inbox is configured.
 */
export async function startMessages(handle: DatabaseHandle): Promise<MessageWorker | undefined> {
	const c = config();
	if (!c.messages.worker) return undefined;
	// Without ORIGIN no channel beyond the inbox can be configured (config.ts), so no link leaves.
	const origin = c.origin ?? 'http://localhost';
	return startMessageWorker(handle, { transports: configuredTransports(handle.db), origin });
}
