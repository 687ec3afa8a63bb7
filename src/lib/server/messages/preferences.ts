import { and, eq, inArray } from 'drizzle-orm';
import { messagePreferences } from '$db/schema';
import {
	enabledByDefault,
	messageChannels,
	type MessageChannel,
	type MessageKind
} from '$lib/messages';
import {
	messagePreferencesSchema,
	preferenceField,
	type MessagePreferencesInput
} from '$lib/schemas/message-preferences';
import type { Database } from '../db';
import { configuredChannels, reachable } from './outbox';

/** The kinds of message as the preferences page groups them. */
export const preferenceGroups = [
	{
		group: 'courses',
		kinds: ['course_assigned', 'course_due', 'course_overdue', 'cohort_overdue', 'graded']
	},
	{
		group: 'certificates',
		kinds: ['certificate_issued', 'certificate_expiring', 'certificate_expired']
	},
	{
		group: 'workshops',
		kinds: ['workshop_registered', 'workshop_reminder', 'workshop_changed', 'workshop_cancelled']
	},
	{ group: 'announcements', kinds: ['announcement'] },
	{ group: 'privacy', kinds: ['data_request'] }
] as const satisfies readonly { group: string; kinds: readonly MessageKind[] }[];

export type PreferenceGroup = (typeof preferenceGroups)[number]['group'];

/** Why a channel cannot be chosen: this site does not send on it, or the person has no address. */
export type ChannelBlock = 'not_configured' | 'no_email' | 'no_phone';

export interface ChannelState {
	channel: MessageChannel;
	/** Null when the person can receive messages on it. */
	blocked: ChannelBlock | null;
}

export interface MessageSettings {
	channels: ChannelState[];
	/** Whether each kind reaches each channel: the person's choice, else the default. */
	choices: Record<MessageKind, Record<MessageChannel, boolean>>;
}

/** Each channel: configured on this site and reachable for the person (e-mail, a verified phone). */
export async function channelStates(
	db: Database,
	userId: string,
	configured: readonly MessageChannel[] = configuredChannels()
): Promise<ChannelState[]> {
	const reach = await reachable(db, [userId], configured);
	return messageChannels.map((channel) => ({
		channel,
		blocked: !configured.includes(channel)
			? 'not_configured'
			: // What a person asks for (a reset) is sent whenever they can be reached: reachability alone.
				reach.allows(userId, 'password_reset', channel)
				? null
				: channel === 'email'
					? 'no_email'
					: 'no_phone'
	}));
}

/** A person's own preferences, for their page. */
export async function messageSettings(
	db: Database,
	userId: string,
	configured: readonly MessageChannel[] = configuredChannels()
): Promise<MessageSettings> {
	const [channels, rows] = await Promise.all([
		channelStates(db, userId, configured),
		db
			.select({
				kind: messagePreferences.kind,
				channel: messagePreferences.channel,
				enabled: messagePreferences.enabled
			})
			.from(messagePreferences)
			.where(eq(messagePreferences.userId, userId))
	]);
	const chosen = new Map(rows.map((r) => [`${r.kind}.${r.channel}`, r.enabled]));
	const choices = Object.fromEntries(
		preferenceGroups.flatMap((g) =>
			g.kinds.map((kind) => [
				kind,
				Object.fromEntries(
					messageChannels.map((channel) => [
						channel,
						chosen.get(preferenceField(kind, channel)) ?? enabledByDefault(kind, channel)
					])
				)
			])
		)
	) as MessageSettings['choices'];
	return { channels, choices };
}

/** The form's fields as the schema reads them (unticked boxes are absent, so false). */
export function parsePreferences(form: FormData): MessagePreferencesInput {
	return messagePreferencesSchema.parse(Object.fromEntries(form));
}

/**
 * Saves a person's choices for the channels they can use now; the others stay as they were. False
 * when they can use none (nothing to save). Only
 * a choice that differs from the default is kept as a row, so "no row" keeps meaning "the default".
 * Called with the signed-in person's own id only: nobody sets another person's preferences.
 */
export async function savePreferences(
	db: Database,
	userId: string,
	input: MessagePreferencesInput,
	configured: readonly MessageChannel[] = configuredChannels(),
	now = new Date()
): Promise<boolean> {
	const usable = (await channelStates(db, userId, configured))
		.filter((c) => c.blocked === null)
		.map((c) => c.channel);
	if (usable.length === 0) return false;
	const kinds = preferenceGroups.flatMap((g) => [...g.kinds]);
	const rows = kinds.flatMap((kind) =>
		usable
			.map((channel) => ({ kind, channel, enabled: input[preferenceField(kind, channel)] }))
			.filter((r) => r.enabled !== enabledByDefault(r.kind, r.channel))
	);
	await db.transaction(async (tx) => {
		await tx
			.delete(messagePreferences)
			.where(
				and(
					eq(messagePreferences.userId, userId),
					inArray(messagePreferences.kind, kinds),
					inArray(messagePreferences.channel, usable)
				)
			);
		if (rows.length > 0) {
			await tx
				.insert(messagePreferences)
				.values(rows.map((r) => ({ userId, ...r, updatedAt: now })));
		}
	});
	return true;
}
