import { createRequire } from 'node:module';
import { hash, verify } from '@node-rs/argon2';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from '$lib/domain';

// OWASP's argon2id baseline: 19 MiB, 2 passes, 1 lane.
const ARGON2 = { memoryCost: 19_456, timeCost: 2, parallelism: 1, outputLen: 32 } as const;

export function hashPassword(password: string): Promise<string> {
	return hash(password, ARGON2);
}

export async function verifyPassword(hashed: string, password: string): Promise<boolean> {
	try {
		return await verify(hashed, password);
	} catch {
		return false;
	}
}

/** A hash of nothing in particular, verified when an account is unknown so timing does not tell. */
let decoy: Promise<string> | undefined;
export async function verifyAgainstDecoy(password: string): Promise<void> {
	decoy ??= hashPassword('decoy password that never matches');
	await verifyPassword(await decoy, password);
}

const require = createRequire(import.meta.url);
// Firefox Accounts' list of the 50,000 most common passwords of 8 or more characters.
const commonList = require('fxa-common-password-list') as { test(password: string): boolean };

/** Passwords common among Vietnamese users that the English-language list does not hold. */
const VIETNAMESE_COMMON = new Set([
	'matkhau',
	'matkhau1',
	'matkhau123',
	'matkhau@123',
	'anhyeuem',
	'anhyeuem1',
	'anhyeuem123',
	'emyeuanh',
	'emyeuanh123',
	'yeuemnhieu',
	'vietnam1',
	'vietnam123',
	'saigon123',
	'hanoi123',
	'bentre123',
	'sachhon123',
	'sanxuatsachhon',
	'123456789a',
	'12345678a',
	'a123456789',
	'qwerty123'
]);

export type PasswordProblem = 'too_short' | 'too_long' | 'common';

/** At least 8 characters and not a common password; deliberately no other composition rules. */
export function passwordProblem(password: string, personal: string[] = []): PasswordProblem | null {
	if ([...password].length < MIN_PASSWORD_LENGTH) return 'too_short';
	if (password.length > MAX_PASSWORD_LENGTH) return 'too_long';
	const lower = password.toLowerCase();
	if (VIETNAMESE_COMMON.has(lower) || commonList.test(lower)) return 'common';
	if (personal.some((p) => p.length >= 3 && lower === p.toLowerCase())) return 'common';
	return null;
}
