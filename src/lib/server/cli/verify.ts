/**
 * `npm run cli -- verify <file> [--keys <jwks file>]`: checks a downloaded credential offline, the
 * signed JSON or the Open Badges 3.0 one, against the keys of a saved key document or else the keys
 * in the configured database.
 */
import { readFile } from 'node:fs/promises';
import { issuerOriginOf, keysFromJwks, type PublicKeySet } from '../certificates/keys';
import { verifyCredentialFile } from '../certificates/verify-file';
import { CommandError } from './errors';

export interface VerifyOptions {
	file: string;
	/** A JWK set, e.g. /.well-known/sach-hon-keys.json saved to a file. */
	keys?: string;
}

async function readText(path: string, what: string): Promise<string> {
	try {
		return await readFile(path, 'utf8');
	} catch (error) {
		const code = (error as { code?: string }).code ?? 'unreadable';
		throw new CommandError(`Cannot read ${what} "${path}" (${code}).`);
	}
}

async function trusted(
	options: VerifyOptions,
	databaseKeys?: () => Promise<PublicKeySet>,
	databaseOrigin?: string
): Promise<{ keys: PublicKeySet; origin?: string }> {
	if (options.keys !== undefined) {
		try {
			const document: unknown = JSON.parse(await readText(options.keys, 'the key file'));
			return { keys: keysFromJwks(document), origin: issuerOriginOf(document) };
		} catch (error) {
			if (error instanceof CommandError) throw error;
			throw new CommandError(`--keys ${options.keys}: ${(error as Error).message}.`);
		}
	}
	const keys = databaseKeys ? await databaseKeys() : new Map();
	if (keys.size === 0) {
		throw new CommandError(
			"No signing keys in the database: give the issuer's key document with --keys <file>."
		);
	}
	return { keys, origin: databaseOrigin };
}

const day = (iso?: string) => (iso ? iso.slice(0, 10) : undefined);

/** Returns the report for a valid credential; throws a CommandError (exit 1) saying why otherwise. */
export async function verifyCredential(
	options: VerifyOptions,
	databaseKeys?: () => Promise<PublicKeySet>,
	now = new Date(),
	databaseOrigin?: string
): Promise<string> {
	const text = await readText(options.file, 'the credential');
	const { keys, origin } = await trusted(options, databaseKeys, databaseOrigin);
	const result = verifyCredentialFile(text, keys, origin);
	if (!result.ok) throw new CommandError(`Invalid: ${result.detail}.`);
	const s = result.summary;
	const format =
		result.format === 'signed-json' ? 'signed certificate' : 'Open Badges 3.0 credential';
	const lines = [
		`Valid: the ${format} is signed by key ${result.keyId} and unaltered.`,
		`  Name:        ${s.name}`,
		`  Course:      ${s.course}`,
		s.number ? `  Number:      ${s.number}` : '',
		s.completedAt ? `  Completed:   ${day(s.completedAt)}` : '',
		`  Issuer:      ${s.issuer}`,
		s.validUntil ? `  Valid until: ${day(s.validUntil)}` : ''
	];
	if (s.validUntil && new Date(s.validUntil).getTime() <= now.getTime()) {
		lines.push(`Note: it expired on ${day(s.validUntil)}.`);
	}
	lines.push(
		s.verifyUrl
			? `Revocation cannot be checked offline: see ${s.verifyUrl}`
			: "Revocation cannot be checked offline: look the certificate's code up at /verify on the issuer's own site."
	);
	if (s.untrustedVerifyUrl) {
		lines.push(
			s.verifyUrl
				? `Warning: the file's own verify link (${s.untrustedVerifyUrl}) is not the issuer's address: it may lead to a page that is not the issuer's. Use ${s.verifyUrl}.`
				: `Note: the file's verify link (${s.untrustedVerifyUrl}) is not signed: make sure it is the issuer's own site before trusting what it says.`
		);
	}
	return lines.filter(Boolean).join('\n');
}
