import type { Slip } from '$lib/server/cohorts/slips';

/** At most a class list's worth: the import takes no more. */
const MOST = 1000;

/**
 * The one-time passwords the result screen posts back (hidden fields, in order), for the CSV and
 * the slips. They are never stored in clear: this echo is the only way to print them again, while
 * that screen is open.
 */
export function postedCredentials(form: FormData): Slip[] {
	const [names, ids, passwords] = ['fullName', 'identifier', 'password'].map((k) =>
		form.getAll(k).map(String).slice(0, MOST)
	);
	return names.map((fullName, i) => ({
		fullName: fullName.slice(0, 200),
		identifier: (ids[i] ?? '').slice(0, 254),
		password: (passwords[i] ?? '').slice(0, 128)
	}));
}
