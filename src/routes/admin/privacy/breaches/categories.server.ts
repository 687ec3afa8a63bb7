import { localise } from '$lib/localise';
import { dataCategories } from '$lib/server/privacy/registry';

/** The registry's data categories as the breach form lists them, in the reader's language. */
export function categoryOptions() {
	return dataCategories.map((c) => ({
		key: c.key,
		name: localise(c.name),
		sensitive: c.sensitive
	}));
}
