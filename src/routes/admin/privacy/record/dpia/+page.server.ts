import { loadRecord } from '../record.server';
import { dataFlow, operatorBlanks, risks, securityMeasures } from '$lib/server/privacy/dpia';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => ({
	...(await loadRecord(locals)),
	securityMeasures,
	risks,
	dataFlow,
	operatorBlanks
});
