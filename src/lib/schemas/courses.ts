import { z } from 'zod';
import { identifier } from './fields';

/** Enrolling oneself: the key only matters for courses that ask for one. */
export const enrolSchema = z.object({ key: z.string().trim().max(64).default('') });

/** A trainer or manager enrolling someone by e-mail or username. */
export const staffEnrolSchema = z.object({ identifier });
