import type { DeliveryKind } from '$lib/messages';

/**
 * The channels beyond the inbox, as the worker (worker.ts) sees them. Each is off until configured;
 * tests give their own, pointed at a local SMTP server or a local stand-in of the gateway.
 */
export interface Transports {
	email?: EmailTransport;
	phone?: PhoneGateway;
}

export interface OutgoingEmail {
	to: string;
	subject: string;
	text: string;
	html: string;
	/** Extra headers: List-Unsubscribe and List-Unsubscribe-Post (RFC 8058) for what may be stopped. */
	headers: Record<string, string>;
	/** Derived from the outbox row, so a retried send carries the same Message-ID. */
	messageId: string;
	language: 'vi' | 'en';
}

export interface EmailTransport {
	send(mail: OutgoingEmail): Promise<{ providerId: string }>;
	/** Closes pooled connections when the worker stops. */
	close?(): void | Promise<void>;
}

export interface OutgoingPhoneMessage {
	/** E.164: +84912345678. */
	to: string;
	kind: DeliveryKind;
	/** The template's parameters, each within the gateway's length limits. */
	params: Record<string, string>;
	/** The outbox row's id: the gateway's tracking id, so a retried send can be recognised. */
	trackingId: string;
}

export interface PhoneGateway {
	/** Whether a kind can be sent at all (an approved template exists for it). */
	supports(kind: DeliveryKind): boolean;
	send(message: OutgoingPhoneMessage): Promise<{ providerId: string }>;
}

/** A failure that retrying cannot mend (an address refused, a template not approved): recorded at once. */
export class PermanentFailure extends Error {
	name = 'PermanentFailure';
}
