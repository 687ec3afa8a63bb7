import { loadRecord } from './record.server';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => loadRecord(locals);
