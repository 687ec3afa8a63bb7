import { z } from 'zod';

/** One message of the inbox, named by a hidden field: opening it or marking it read. */
export const inboxItemSchema = z.object({ id: z.uuid() });
