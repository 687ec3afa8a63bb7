// `npm start`: build when the sources are newer than the build, then run the adapter-node server.
// Migrations, course sync and the first administrator happen in the server's `init` hook, so a
// plain `node build/index.js` (e.g. in a container) does the same; this script only adds the build.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { constants } from 'node:os';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';
import { buildState, SERVER } from './build-state.js';
import { readyLines } from './ready.js';

// Run from the project root whatever the caller's directory: DATA_DIR, db/migrations and courses/
// are resolved against the working directory.
process.chdir(dirname(dirname(fileURLToPath(import.meta.url))));

// The same .env the operator edits for the server; variables already set in the environment win.
if (existsSync('.env')) process.loadEnvFile('.env');

// Check the settings before a possibly long build, with the server's own rules (src/lib/server/config.ts),
// so a bad value stops here with one sentence; adapter-node would otherwise throw a stack trace for
// some of them (ORIGIN) before the server's own check runs.
try {
	const { tsImport } = await import('tsx/esm/api');
	const { parseConfig } = await tsImport('../src/lib/server/config.ts', import.meta.url);
	parseConfig(process.env);
} catch (error) {
	if (error instanceof Error && error.name === 'ConfigError') {
		console.error(error.message);
		process.exit(1);
	}
	// Without tsx (an install without dev dependencies) the server still checks at start.
	if (!(error instanceof Error && 'code' in error && error.code === 'ERR_MODULE_NOT_FOUND'))
		throw error;
}

const state = buildState();
if (state !== 'fresh') {
	console.log(
		state === 'stale'
			? 'Sources changed since the last build: building (about a minute)…'
			: 'No build yet: building (about a minute)…'
	);
	// The build's own output (a line per chunk, "Run npm run preview…") is for developers: shown
	// only when the build fails, with the reason.
	const started = Date.now();
	const build = spawnSync('npm', ['run', 'build'], {
		encoding: 'utf8',
		maxBuffer: 64 * 1024 * 1024
	});
	if (build.status !== 0) {
		process.stdout.write(build.stdout ?? '');
		process.stderr.write(build.stderr ?? '');
		console.error('The build failed: see above.');
		process.exit(build.status ?? 1);
	}
	console.log(`Built in ${Math.round((Date.now() - started) / 1000)} s.`);
}

// adapter-node reads PORT, HOST and ORIGIN; the contract is http://localhost:3000 by default.
const port = process.env.PORT || '3000';
const child = spawn(process.execPath, [SERVER], {
	// stdout is read to replace adapter-node's "Listening on http://0.0.0.0:3000" (below).
	stdio: ['inherit', 'pipe', 'inherit'],
	env: {
		...process.env,
		// `ORIGIN=` in a .env means unset to our configuration; adapter-node would refuse it.
		ORIGIN: process.env.ORIGIN?.trim() || undefined,
		PORT: port,
		// Course zips and lesson images are uploaded through the editor (adapter-node's default is 512K).
		BODY_SIZE_LIMIT: process.env.BODY_SIZE_LIMIT || '25M'
	}
});

// Log lines pass through untouched; the listening line becomes what an operator needs to know.
createInterface({ input: child.stdout }).on('line', (line) => {
	if (line.startsWith('Listening on ')) for (const out of readyLines(process.env)) console.log(out);
	else console.log(line);
});

// Pass stop requests on so the server shuts down gracefully (it finishes requests in flight, closes
// the database and exits). `npm start` runs this script with `exec`, so npm's forwarded SIGTERM
// reaches it; a Ctrl-C in a terminal reaches both processes, and the server ignores the second.
for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) {
	process.on(signal, () => child.kill(signal));
}

child.on('exit', (code, signal) => {
	// Report a death by signal the shell way (128 + its number), so supervisors see what happened.
	process.exit(code ?? 128 + (signal ? constants.signals[signal] : 0));
});
