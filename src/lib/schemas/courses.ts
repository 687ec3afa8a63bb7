import { z } from 'zod';
import { identifier, optionalId } from './fields';

/** Enrolling oneself: the key only matters for courses that ask for one. */
export const enrolSchema = z.object({ key: z.string().trim().max(64).default('') });

/**
 * A trainer or manager enrolling someone by e-mail or username; `organisationId` is whom an
 * invitation comes from, asked only of someone working for several organisations.
 */
export const staffEnrolSchema = z.object({ identifier, organisationId: optionalId.default('') });

/** Enrolling in a course suggested on the catalogue, named by its address. */
export const suggestedEnrolSchema = z.object({
	slug: z
		.string()
		.trim()
		.regex(/^[a-z0-9][a-z0-9-]{0,79}$/)
});
