import { z } from 'zod';
import {
	messageChannels,
	messageKinds,
	type MessageChannel,
	type MessageKind
} from '$lib/messages';

/** The checkbox of one kind of message on one channel: "course_due.email". */
export const preferenceField = (kind: MessageKind, channel: MessageChannel) =>
	`${kind}.${channel}` as const;

/** A ticked checkbox sends "on"; an unticked one sends nothing. */
const checkbox = z.preprocess((value) => value === 'on' || value === 'true', z.boolean());

/**
 * The preferences form: one checkbox per kind and channel. Only the boxes of channels the person can
 * use are on the page; the others are disabled (and so not sent), and saving leaves them as they are.
 */
export const messagePreferencesSchema = z.object(
	Object.fromEntries(
		messageKinds.flatMap((kind) =>
			messageChannels.map((channel) => [preferenceField(kind, channel), checkbox])
		)
	) as Record<`${MessageKind}.${MessageChannel}`, typeof checkbox>
);

export type MessagePreferencesInput = z.infer<typeof messagePreferencesSchema>;
