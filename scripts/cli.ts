// `npm run cli -- <command> [options]`: the operator's tool. This file is only the shell around
// src/lib/server/cli/commands.ts (argv in, text out, exit codes); `npm run cli -- --help` lists the
// commands. Exit codes: 0 done, 1 failed (bad configuration, unknown user…), 2 misused command line.
import { existsSync } from 'node:fs';
import { ConfigError, config } from '$lib/server/config';
import { openDatabase } from '$lib/server/db';
import {
	CommandError,
	HELP,
	HELP_POINTER,
	parseCommandLine,
	runCommand,
	type ParsedCommand
} from '$lib/server/cli/commands';
import { verifyCredential } from '$lib/server/cli/verify';

async function main(): Promise<number> {
	let parsed: ParsedCommand;
	try {
		parsed = parseCommandLine(process.argv.slice(2));
	} catch (error) {
		return fail(error);
	}
	if (parsed.command === 'help') {
		console.log(HELP);
		return 0;
	}
	// With the issuer's key document at hand, checking a certificate needs no database at all.
	if (parsed.command === 'verify' && parsed.options.keys !== undefined) {
		console.log(await verifyCredential(parsed.options));
		return 0;
	}

	// The same .env as `npm start`, so the CLI opens the server's database; the environment wins.
	if (existsSync('.env')) process.loadEnvFile('.env');
	const c = config();
	const handle = await openDatabase({ url: c.databaseUrl, dataDir: c.dataDir, max: 2 });
	try {
		await handle.migrate();
		// PORT was validated by config(); without ORIGIN, links point at a local server.
		const origin = c.origin ?? `http://localhost:${process.env.PORT?.trim() || 3000}`;
		console.log(await runCommand(handle.db, parsed, { origin, configuredOrigin: c.origin }));
		return 0;
	} finally {
		await handle.close();
	}
}

/** One line for the errors we expect; the whole stack for a bug or a database failure. */
function fail(error: unknown): number {
	if (error instanceof CommandError) {
		console.error(error.exitCode === 2 ? `${error.message} ${HELP_POINTER}` : error.message);
		return error.exitCode;
	}
	if (error instanceof ConfigError) {
		console.error(error.message);
		return 1;
	}
	console.error(error);
	return 1;
}

// exitCode rather than exit(): output is flushed and the database closed before the process ends.
main().then(
	(code) => (process.exitCode = code),
	(error: unknown) => (process.exitCode = fail(error))
);
