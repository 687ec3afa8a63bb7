export { USERNAME_PATTERN } from '$lib/domain';

export type Identifier = { kind: 'email'; value: string } | { kind: 'username'; value: string };

/** One sign-in field takes an e-mail address or a username: an "@" tells them apart. */
export function parseIdentifier(raw: string): Identifier {
	const value = raw.normalize('NFC').trim().toLowerCase();
	return value.includes('@') ? { kind: 'email', value } : { kind: 'username', value };
}

/** Full names are stored NFC so the same name typed on two keyboards compares equal. */
export function normaliseName(raw: string): string {
	return raw.normalize('NFC').trim().replace(/\s+/g, ' ');
}
