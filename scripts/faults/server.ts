// The built server (`node build`) as the checks use it: started on a port of its own with the
// settings given, waited for until /healthz answers, stopped gently or killed with SIGKILL.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { buildState } from '../build-state.js';
import { get } from './http';
import { onCleanup, step } from './report';

export const ADMIN = {
	email: 'quantri.faults@example.vn',
	password: 'kiểm-tra-sự-cố-Bến-Tre-2026'
};

/** Builds when the sources are newer than build/ (after `npm test` they are not). */
export function ensureBuild(): void {
	const state = buildState();
	if (state === 'fresh') {
		step('build/ is newer than the sources: no build needed');
		return;
	}
	step(
		state === 'stale'
			? 'sources changed since the last build: npm run build'
			: 'no build: npm run build'
	);
	const build = spawnSync('npm', ['run', 'build'], { stdio: ['ignore', 'ignore', 'inherit'] });
	if (build.status !== 0) {
		throw new Error(`npm run build failed (${build.status ?? build.signal})`);
	}
}

function portIsFree(port: number): Promise<boolean> {
	return new Promise((resolve) => {
		const probe = createServer();
		probe.once('error', () => resolve(false));
		probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
	});
}

/** The first free port from `from` on (another run of these checks may hold the first ones). */
export async function freePort(from: number, avoid: number[] = []): Promise<number> {
	for (let port = from; port < from + 100; port++) {
		if (!avoid.includes(port) && (await portIsFree(port))) return port;
	}
	throw new Error(`no free port from ${from} to ${from + 99}`);
}

export interface ServerOptions {
	port: number;
	/** DATABASE_URL or DATA_DIR. */
	database: { DATABASE_URL: string } | { DATA_DIR: string };
	label: string;
}

export class Server {
	readonly origin: string;
	private readonly lines: string[] = [];
	private exited: Promise<void>;
	private exitCode: number | null = null;
	private exitSignal: string | null = null;
	private readonly forget: () => void;

	private constructor(
		readonly options: ServerOptions,
		private readonly child: ChildProcess
	) {
		this.origin = `http://127.0.0.1:${options.port}`;
		let partial = '';
		const collect = (chunk: Buffer) => {
			const text = partial + chunk.toString('utf8');
			const lines = text.split('\n');
			partial = lines.pop() ?? '';
			this.lines.push(...lines.filter((line) => line.trim()));
		};
		child.stdout?.on('data', collect);
		child.stderr?.on('data', collect);
		this.exited = new Promise((resolve) => {
			child.once('exit', (code, signal) => {
				this.exitCode = code;
				this.exitSignal = signal;
				resolve();
			});
		});
		this.forget = onCleanup(() => this.kill());
	}

	/** Spawns without waiting: instances meant to start at the same moment are spawned together. */
	static spawn(options: ServerOptions): Server {
		// The caller's own database settings (a developer's DATABASE_URL) must not leak in.
		const inherited = { ...process.env };
		delete inherited.DATABASE_URL;
		delete inherited.DATA_DIR;
		const child = spawn(process.execPath, ['build/index.js'], {
			stdio: ['ignore', 'pipe', 'pipe'],
			env: {
				...inherited,
				...options.database,
				PORT: String(options.port),
				HOST: '127.0.0.1',
				ORIGIN: `http://127.0.0.1:${options.port}`,
				ADMIN_EMAIL: ADMIN.email,
				ADMIN_PASSWORD: ADMIN.password,
				LOG_LEVEL: 'warn'
			}
		});
		return new Server(options, child);
	}

	static async start(options: ServerOptions): Promise<Server> {
		const server = Server.spawn(options);
		await server.ready();
		return server;
	}

	get pid(): number | undefined {
		return this.child.pid;
	}

	get running(): boolean {
		return this.exitCode === null && this.exitSignal === null;
	}

	/** Waits until /healthz answers ok; fails with the server's last lines if it exits or hangs. */
	async ready(timeoutMs = 120_000): Promise<number> {
		const started = performance.now();
		while (performance.now() - started < timeoutMs) {
			if (!this.running) {
				throw new Error(`${this.options.label} exited (${this.exitCode ?? this.exitSignal})
${this.tail()}`);
			}
			const reply = await get(this.origin, '/healthz');
			if (reply.status === 200 && reply.body.includes('"status":"ok"')) {
				return performance.now() - started;
			}
			await new Promise((resolve) => setTimeout(resolve, 100));
		}
		throw new Error(`${this.options.label} did not answer /healthz within ${timeoutMs / 1000} s
${this.tail()}`);
	}

	/** Log lines at level error or fatal (pino: 50 and 60), and anything unexpected that is not JSON. */
	errors(): string[] {
		return this.lines.filter((line) => {
			if (line.startsWith('Listening on ')) return false;
			try {
				return ((JSON.parse(line) as { level?: number }).level ?? 0) >= 50;
			} catch {
				return true;
			}
		});
	}

	tail(count = 20): string {
		return this.lines
			.slice(-count)
			.map((line) => `     | ${line}`)
			.join('\n');
	}

	/** SIGKILL: no shutdown hook runs, the database is not closed. */
	async kill(): Promise<void> {
		if (this.running) this.child.kill('SIGKILL');
		await this.exited;
		this.forget();
	}

	/** SIGTERM, as an operator would; adapter-node finishes requests and the database is closed. */
	async stop(timeoutMs = 20_000): Promise<void> {
		if (this.running) {
			this.child.kill('SIGTERM');
			const timer = setTimeout(() => this.child.kill('SIGKILL'), timeoutMs);
			await this.exited;
			clearTimeout(timer);
		}
		this.forget();
	}
}
