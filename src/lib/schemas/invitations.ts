import { z } from 'zod';

/** The invitation a button answers or withdraws; anything else is refused before the database. */
export const invitationSchema = z.object({ invitationId: z.uuid() });
