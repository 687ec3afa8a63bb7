/**
 * The operator's command line (`npm run cli -- <command>`): parsing and the commands themselves,
 * kept apart from process I/O (scripts/cli.ts) so they can be tested against a real database.
 * Messages are in English: this is a tool for whoever runs the server, not for learners.
 */
import { randomInt } from 'node:crypto';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { and, eq, or } from 'drizzle-orm';
import { z } from 'zod';
import {
	audienceGroups,
	organisationRoles,
	organisations,
	roleAssignments,
	users,
	type AudienceGroup,
	type Organisation,
	type OrganisationRole,
	type User
} from '$db/schema';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from '$lib/domain';
import type { Database } from '../db';
import { recordAudit } from '../audit';
import {
	USERNAME_PATTERN,
	createAccount,
	grantRole,
	issuePasswordReset,
	parseIdentifier,
	revokeRole,
	setAdministrator
} from '../auth';
import { trustedKeys } from '../certificates/keystore';
import { config } from '../config';
import {
	dryRunRetention,
	retentionRules,
	retentionSettings,
	runRetention,
	type RetentionRule,
	type RetentionSettings
} from '../privacy/retention';
import { CommandError } from './errors';
import { verifyCredential, type VerifyOptions } from './verify';

export { CommandError };

const usageError = (message: string) => new CommandError(message, 2);

export const HELP = `Sạch Hơn operator commands

Usage: npm run cli -- <command> [options]

Commands:
  create-user   Create an account.
      --identifier <email-or-username>   required; an e-mail address or a username
                                         (3–32 of a–z, 0–9, ".", "-", "_")
      --name "<full name>"               required; as it will appear on certificates
      --password <password>              at least ${MIN_PASSWORD_LENGTH} characters, not a common one; when left out,
                                         a one-time password is printed once and must be changed
                                         at first sign-in (preferable: no password in shell history)
      --audience <group>                 ${audienceGroups.join('|')} (default: other)
      --admin                            make the account an administrator

  set-role      Grant (or with --revoke, withdraw) a role.
      --user <email-or-username>         required
      --role <role>                      admin|${organisationRoles.join('|')}
      --organisation <id or exact name>  required for ${organisationRoles.join(' and ')}; not for admin
      --revoke                           withdraw the role instead of granting it

  reset-link    Print a one-time password reset link, valid for 24 hours; earlier unused links of
                the user stop working.
      --user <email-or-username>         required

  verify <file> Check a downloaded certificate offline: the signed JSON (credential.json) or the
                Open Badges 3.0 credential (badge.json). Prints "Valid" with what it certifies, or
                "Invalid" and why (exit code 1). Revocation is only visible online, at /verify.
      --keys <file>                      the issuer's key document (/.well-known/sach-hon-keys.json
                                         saved to a file); without it, the keys in the database

  retention     Apply the retention periods (RETENTION_* settings; README, "Personal data"):
                anonymise accounts inactive too long, clear old quiz answers and assignment work,
                delete old audit events, messages, expired sessions and reset links. Prints what
                each rule changed; the run is recorded and shown at /admin/privacy/retention.
      --dry-run                          only count what a run would change; nothing changes

  help          Show this text (also --help or -h).

The database is the server's: DATABASE_URL, or PGlite in DATA_DIR (default ./data), read from the
environment or .env. With PGlite, stop the server first: one process at a time may open its directory.
Links use ORIGIN, or http://localhost:<PORT or 3000>.`;

export const HELP_POINTER = 'Run `npm run cli -- --help` for the commands and their options.';

export interface CreateUserOptions {
	identifier: string;
	name: string;
	password?: string;
	audience?: AudienceGroup;
	admin?: boolean;
}

export interface SetRoleOptions {
	user: string;
	role: 'admin' | OrganisationRole;
	organisation?: string;
	revoke?: boolean;
}

export interface ResetLinkOptions {
	user: string;
}

export interface RetentionOptions {
	dryRun: boolean;
}

export type ParsedCommand =
	| { command: 'help' }
	| { command: 'create-user'; options: CreateUserOptions }
	| { command: 'set-role'; options: SetRoleOptions }
	| { command: 'reset-link'; options: ResetLinkOptions }
	| { command: 'verify'; options: VerifyOptions }
	| { command: 'retention'; options: RetentionOptions };

const COMMAND_OPTIONS = {
	'create-user': {
		identifier: { type: 'string' },
		name: { type: 'string' },
		password: { type: 'string' },
		audience: { type: 'string' },
		admin: { type: 'boolean' }
	},
	'set-role': {
		user: { type: 'string' },
		role: { type: 'string' },
		organisation: { type: 'string' },
		revoke: { type: 'boolean' }
	},
	'reset-link': { user: { type: 'string' } },
	verify: { keys: { type: 'string' } },
	retention: { 'dry-run': { type: 'boolean' } }
} satisfies Record<string, ParseArgsConfig['options']>;

type CommandName = keyof typeof COMMAND_OPTIONS;

const isHelpFlag = (arg: string) => arg === '--help' || arg === '-h';

/** Reads argv (without node and the script); throws a CommandError with exit code 2 on misuse. */
export function parseCommandLine(argv: string[]): ParsedCommand {
	const [name, ...rest] = argv;
	if (name === undefined) throw usageError('No command given.');
	if (name === 'help' || isHelpFlag(name) || rest.some(isHelpFlag)) return { command: 'help' };
	if (!Object.hasOwn(COMMAND_OPTIONS, name)) {
		throw usageError(`Unknown command "${name}".`);
	}
	const command = name as CommandName;
	let values: Record<string, string | boolean | undefined>;
	let positionals: string[];
	try {
		const parsed = parseArgs({
			args: rest,
			options: COMMAND_OPTIONS[command],
			strict: true,
			// Only verify takes an argument of its own: the file.
			allowPositionals: command === 'verify'
		});
		values = parsed.values as Record<string, string | boolean | undefined>;
		positionals = parsed.positionals;
	} catch (error) {
		const e = error as { code?: string; message: string };
		if (e.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
			const option = /'([^']+)'/.exec(e.message)?.[1] ?? '';
			throw usageError(`Unknown option ${option} for ${command}.`);
		}
		if (e.code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') {
			const arg = /'([^']+)'/.exec(e.message)?.[1] ?? '';
			throw usageError(`Unexpected argument "${arg}" for ${command} (quote values with spaces).`);
		}
		if (e.code?.startsWith('ERR_PARSE_ARGS')) throw usageError(e.message.replace(/\s*\n\s*/g, ' '));
		throw error;
	}
	const required = (key: string): string => {
		const value = values[key];
		if (typeof value !== 'string' || value.trim() === '') {
			throw usageError(`${command} needs --${key}.`);
		}
		return value;
	};
	const optional = (key: string) => values[key] as string | undefined;
	const flag = (key: string) => values[key] === true;
	const oneOf = <T extends string>(key: string, allowed: readonly T[]): T | undefined => {
		const value = optional(key);
		if (value !== undefined && !allowed.includes(value as T)) {
			throw usageError(`--${key} must be one of ${allowed.join(', ')} (got "${value}").`);
		}
		return value as T | undefined;
	};

	switch (command) {
		case 'create-user':
			return {
				command,
				options: {
					identifier: required('identifier'),
					name: required('name'),
					password: optional('password'),
					audience: oneOf('audience', audienceGroups),
					admin: flag('admin')
				}
			};
		case 'set-role': {
			const user = required('user');
			required('role');
			const options: SetRoleOptions = {
				user,
				role: oneOf('role', ['admin', ...organisationRoles] as const)!,
				organisation: optional('organisation'),
				revoke: flag('revoke')
			};
			checkRoleScope(options);
			return { command, options };
		}
		case 'reset-link':
			return { command, options: { user: required('user') } };
		case 'retention':
			return { command, options: { dryRun: flag('dry-run') } };
		case 'verify': {
			if (positionals.length === 0) throw usageError('verify needs the file to check.');
			if (positionals.length > 1) {
				throw usageError(`verify checks one file at a time (got ${positionals.length}).`);
			}
			const keys = optional('keys');
			return { command, options: { file: positionals[0], ...(keys ? { keys } : {}) } };
		}
	}
}

/** No 0/O/o, 1/l/I/i: one-time passwords are read off a screen or paper and typed by hand. */
export const ONE_TIME_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghjkmnpqrstuvwxyz23456789';
export const ONE_TIME_LENGTH = 12;

/** 12 characters drawn uniformly (crypto.randomInt) from 55: about 69 bits. */
export function generateOneTimePassword(): string {
	let password = '';
	for (let i = 0; i < ONE_TIME_LENGTH; i++) {
		password += ONE_TIME_ALPHABET[randomInt(ONE_TIME_ALPHABET.length)];
	}
	return password;
}

/** The account an e-mail address or username names, compared as stored (lower case, NFC). */
export async function findUser(db: Database, raw: string): Promise<User> {
	const id = parseIdentifier(raw);
	const [user] = await db
		.select()
		.from(users)
		.where(id.kind === 'email' ? eq(users.email, id.value) : eq(users.username, id.value));
	if (!user)
		throw new CommandError(
			`No user with ${id.kind === 'email' ? 'e-mail address' : 'username'} "${id.value}".`
		);
	return user;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An organisation by its id or its exact name (names are not unique: several matches are refused). */
export async function findOrganisation(db: Database, raw: string): Promise<Organisation> {
	const value = raw.normalize('NFC').trim();
	const byName = eq(organisations.name, value);
	const found = await db
		.select()
		.from(organisations)
		.where(UUID.test(value) ? or(eq(organisations.id, value.toLowerCase()), byName) : byName);
	if (found.length === 0) throw new CommandError(`No organisation with id or name "${value}".`);
	if (found.length > 1) {
		throw new CommandError(
			`${found.length} organisations are named "${value}"; give one of their ids: ` +
				found.map((o) => o.id).join(', ') +
				'.'
		);
	}
	return found[0];
}

function describeUser(user: User): string {
	return `${user.email ?? user.username} (${user.fullName})`;
}

const PASSWORD_REFUSALS = {
	too_short: `The password is too short: at least ${MIN_PASSWORD_LENGTH} characters.`,
	too_long: `The password is too long: at most ${MAX_PASSWORD_LENGTH} characters.`,
	common: 'The password is too common or equals the identifier; choose another.'
} as const;

export async function createUser(
	db: Database,
	options: CreateUserOptions,
	generatePassword: () => string = generateOneTimePassword
): Promise<string> {
	const id = parseIdentifier(options.identifier);
	const valid =
		id.kind === 'email' ? z.email().safeParse(id.value).success : USERNAME_PATTERN.test(id.value);
	if (!valid) {
		throw usageError(
			id.kind === 'email'
				? `"${id.value}" is not a valid e-mail address.`
				: `"${id.value}" is not a valid username: 3–32 of a–z, 0–9, ".", "-", "_", starting with a letter or digit.`
		);
	}
	if (options.name.trim() === '') throw usageError('create-user needs a non-empty --name.');
	const oneTime = options.password === undefined;
	const password = options.password ?? generatePassword();
	const result = await createAccount(db, {
		identifier: id.value,
		password,
		fullName: options.name,
		audience: options.audience,
		isAdmin: options.admin ?? false,
		mustChangePassword: oneTime
	});
	if (!result.ok) {
		if (result.reason === 'taken') throw new CommandError(`"${id.value}" is already taken.`);
		throw new CommandError(PASSWORD_REFUSALS[result.reason]);
	}
	const { user } = result;
	if (user.isAdmin) {
		await recordAudit(db, {
			actorId: null,
			action: 'role.granted',
			subjectId: user.id,
			details: { role: 'admin' }
		});
	}
	const lines = [
		`Created ${user.isAdmin ? 'administrator' : 'user'} ${describeUser(user)}, audience ${user.audience}, id ${user.id}.`
	];
	if (oneTime) {
		lines.push(
			`One-time password (shown only now; it must be changed at first sign-in): ${password}`
		);
	}
	return lines.join('\n');
}

/** Administrator is platform-wide; managers and trainers are appointed in one organisation. */
function checkRoleScope(options: SetRoleOptions): void {
	const scoped = options.organisation !== undefined && options.organisation.trim() !== '';
	if (options.role === 'admin' && options.organisation !== undefined) {
		throw usageError('admin is platform-wide: leave out --organisation.');
	}
	if (options.role !== 'admin' && !scoped) {
		throw usageError(
			`${options.role} is held in an organisation: give --organisation <id or exact name>.`
		);
	}
}

export async function setRole(db: Database, options: SetRoleOptions): Promise<string> {
	checkRoleScope(options);
	if (options.role === 'admin') {
		const user = await findUser(db, options.user);
		const wanted = !options.revoke;
		if (user.isAdmin === wanted) {
			return `${describeUser(user)} ${wanted ? 'is already' : 'is not'} an administrator; nothing changed.`;
		}
		await setAdministrator(db, null, user.id, wanted);
		return `${describeUser(user)} ${wanted ? 'is now' : 'is no longer'} an administrator.`;
	}
	const user = await findUser(db, options.user);
	const organisation = await findOrganisation(db, options.organisation!);
	const [held] = await db
		.select({ id: roleAssignments.id })
		.from(roleAssignments)
		.where(
			and(
				eq(roleAssignments.userId, user.id),
				eq(roleAssignments.role, options.role),
				eq(roleAssignments.organisationId, organisation.id)
			)
		);
	const where = `${options.role} in ${organisation.name} (${organisation.id})`;
	if (options.revoke) {
		if (!held) return `${describeUser(user)} is not ${where}; nothing changed.`;
		await revokeRole(db, null, user.id, options.role, organisation.id);
		return `${describeUser(user)} is no longer ${where}.`;
	}
	if (held) return `${describeUser(user)} is already ${where}; nothing changed.`;
	await grantRole(db, null, user.id, options.role, organisation.id);
	return `${describeUser(user)} is now ${where}.`;
}

export async function resetLink(
	db: Database,
	options: ResetLinkOptions,
	origin: string,
	now = new Date()
): Promise<string> {
	const user = await findUser(db, options.user);
	const { token, expiresAt } = await issuePasswordReset(db, user.id, null, now);
	return [
		`Password reset link for ${describeUser(user)}:`,
		`${origin.replace(/\/+$/, '')}/reset/${token}`,
		`Valid until ${expiresAt.toISOString()} (24 hours), once; earlier unused links no longer work.`
	].join('\n');
}

/** What each retention rule touches, and what it does to it, in the operator's words. */
const RETENTION_LINES: Record<RetentionRule, (s: RetentionSettings) => [string, string]> = {
	sessions: () => ['expired sessions', 'deleted'],
	password_resets: () => ['used or expired password reset links', 'deleted'],
	notifications: (s) => [`inbox messages older than ${s.messageMonths} months`, 'deleted'],
	deliveries: (s) => [`sent or failed deliveries older than ${s.messageMonths} months`, 'deleted'],
	audit_events: (s) => [`audit events older than ${s.logYears} years`, 'deleted'],
	quiz_answers: (s) => [`quiz attempts older than ${s.attemptYears} years`, 'answers cleared'],
	submissions: (s) => [
		`assignment work older than ${s.submissionYears} years`,
		'text and files removed'
	],
	submission_files: () => ['files of that work', 'deleted'],
	accounts: (s) => [`accounts inactive for ${s.inactiveYears} years`, 'anonymised']
};

/** Runs the retention periods, or with --dry-run counts what they would change. */
export async function retention(
	db: Database,
	options: RetentionOptions,
	settings: RetentionSettings,
	now = new Date()
): Promise<string> {
	const counts = options.dryRun
		? (await dryRunRetention(db, now, settings, null)).counts
		: await runRetention(db, now, settings, null);
	const width = Math.max(...retentionRules.map((r) => String(counts[r] ?? 0).length));
	const lines = retentionRules.map((rule) => {
		const [what, done] = RETENTION_LINES[rule](settings);
		const n = String(counts[rule] ?? 0).padStart(width);
		return `  ${n}  ${what}: ${options.dryRun ? 'to be ' : ''}${done}`;
	});
	return options.dryRun
		? ['Dry run, nothing changed. A run now would change:', ...lines].join('\n') +
				'\nRun `npm run cli -- retention` to apply.'
		: ['Retention run done:', ...lines].join('\n');
}

export interface CommandContext {
	/** The server's public origin, for links. */
	origin: string;
	/** ORIGIN when it is configured: the only address a credential's verify link is checked against. */
	configuredOrigin?: string;
}

/** Runs a parsed command and returns what to print. */
export async function runCommand(
	db: Database,
	parsed: ParsedCommand,
	context: CommandContext
): Promise<string> {
	switch (parsed.command) {
		case 'help':
			return HELP;
		case 'create-user':
			return createUser(db, parsed.options);
		case 'set-role':
			return setRole(db, parsed.options);
		case 'reset-link':
			return resetLink(db, parsed.options, context.origin);
		case 'retention':
			return retention(db, parsed.options, retentionSettings(config().privacy.retention));
		case 'verify':
			return verifyCredential(
				parsed.options,
				() => trustedKeys(db),
				new Date(),
				context.configuredOrigin
			);
	}
}
