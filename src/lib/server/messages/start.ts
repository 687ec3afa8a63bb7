import { config } from '../config';
import type { DatabaseHandle } from '../db';
import { smtpTransport } from './email';
import type { Transports } from './transports';
import { startMessageWorker, type MessageWorker } from './worker';
import { znsGateway } from './zns';

/** The channels this installation has configured (README, "Messages"). */
export function configuredTransports(): Transports {
	const { mail, zns } = config().messages;
	return {
		...(mail ? { email: smtpTransport(mail) } : {}),
		...(zns ? { phone: znsGateway(zns) } : {})
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
	return startMessageWorker(handle, { transports: configuredTransports(), origin });
}
