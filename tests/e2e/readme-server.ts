import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { buildState } from '../../scripts/build-state.js';

/**
 * The platform started exactly as the README says (`npm start`), with none of the variables the rest
 * of the suite sets (no ORIGIN above all): what a newcomer meets. Only PORT and DATA_DIR are chosen,
 * so it runs beside the suite's own server; DATABASE_URL only for the PostgreSQL run.
 */
export class ReadmeServer {
	readonly lines: string[] = [];
	private readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
	private ready!: Promise<void>;

	private constructor(
		readonly port: number,
		private readonly child: ChildProcess,
		private readonly dataDir: string
	) {
		this.exited = new Promise((resolve) =>
			child.on('exit', (code, signal) => resolve({ code, signal }))
		);
	}

	static async start(options: { databaseUrl?: string } = {}): Promise<ReadmeServer> {
		// `npm start` rebuilds when sources are newer than the build: here that would replace the
		// files under the suite's own running server (build/) mid-run. The suite built just before.
		const state = buildState();
		if (state !== 'fresh')
			throw new Error(`The build is ${state}: run \`npm run build\` before the end-to-end tests.`);
		const port = await freePort();
		const dataDir = mkdtempSync(join(tmpdir(), 'sachhon-readme-'));
		const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), DATA_DIR: dataDir };
		for (const name of [
			'ORIGIN',
			'HOST',
			'PROTOCOL_HEADER',
			'HOST_HEADER',
			'ADDRESS_HEADER',
			'ADMIN_EMAIL',
			'ADMIN_PASSWORD',
			'DATABASE_URL',
			'BODY_SIZE_LIMIT',
			'LOG_LEVEL'
		])
			delete env[name];
		if (options.databaseUrl) env.DATABASE_URL = options.databaseUrl;
		// `npm start`, as the README says: npm → sh → scripts/start.js → the server.
		// A process group of its own, so a failed test can still end every process it started.
		const child = spawn('npm', ['start'], {
			env,
			stdio: ['ignore', 'pipe', 'pipe'],
			detached: true
		});
		const server = new ReadmeServer(port, child, dataDir);
		server.ready = new Promise((resolve, reject) => {
			for (const stream of [child.stdout!, child.stderr!]) {
				createInterface({ input: stream }).on('line', (line) => {
					server.lines.push(line);
					if (line.startsWith('Sạch Hơn is ready at ')) resolve();
				});
			}
			server.exited.then(({ code }) =>
				reject(new Error(`npm start exited with ${code}:\n${server.lines.join('\n')}`))
			);
		});
		await server.ready;
		return server;
	}

	/** SIGTERM to `npm start` itself, as systemd or Docker would send it; resolves with the exit. */
	async stop(): Promise<{ code: number | null; signal: NodeJS.Signals | null; ms: number }> {
		const started = Date.now();
		this.child.kill('SIGTERM');
		const exit = await this.exited;
		return { ...exit, ms: Date.now() - started };
	}

	/** Whether anything still answers on the port (the server outliving `npm start` would). */
	async answers(): Promise<boolean> {
		try {
			await fetch(`http://127.0.0.1:${this.port}/healthz`, { signal: AbortSignal.timeout(2000) });
			return true;
		} catch {
			return false;
		}
	}

	async dispose(): Promise<void> {
		try {
			process.kill(-this.child.pid!, 'SIGKILL');
		} catch {
			// Already gone: the group ended with a clean stop.
		}
		await this.exited;
		rmSync(this.dataDir, { recursive: true, force: true });
	}
}

export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const probe = createServer();
		probe.once('error', reject);
		probe.listen(0, '127.0.0.1', () => {
			const address = probe.address();
			probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
		});
	});
}
