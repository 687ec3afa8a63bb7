// The built server, started as in production (`node build`) on a bench database, and the bare
// node:http ceiling next to it. Also: building when the sources are newer than the build, and the
// server's memory read from /proc.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildState, SERVER } from '../build-state.js';
import type { BenchDatabase } from './engines';

/** Builds unless build/ is newer than every source; returns whether it built. */
export function ensureBuild(): boolean {
	const state = buildState();
	if (state === 'fresh') return false;
	console.log(state === 'stale' ? 'Sources changed since the last build: building…' : 'Building…');
	const result = spawnSync('npm', ['run', 'build'], { stdio: 'inherit' });
	if (result.status !== 0) throw new Error('npm run build failed.');
	return true;
}

export interface RunningServer {
	pid(): number;
	origin: string;
	/** Resets the peak-memory mark (VmHWM) so the next reading covers only what follows. */
	resetPeak(): void;
	/** Peak resident memory in MiB since the last reset (VmHWM, or the largest RSS sampled). */
	peakMiB(): number;
	/**
	 * Waits until the server has worked through what the last scenario left queued (autocannon stops
	 * sending, but requests already received are still served), at most `seconds`; then restarts it.
	 * Returns the seconds waited, and whether it had to restart.
	 */
	settle(seconds: number): Promise<{ seconds: number; restarted: boolean }>;
	/** Stops it: SIGTERM and waiting for what is queued, or `now` (SIGKILL) when it does not matter. */
	stop(now?: boolean): Promise<void>;
	/** The server's output (warnings and errors: LOG_LEVEL=warn), over every start. */
	output(): string;
}

function statusKiB(pid: number, field: 'VmHWM' | 'VmRSS'): number {
	try {
		const status = readFileSync(`/proc/${pid}/status`, 'utf8');
		const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
		return match ? Number(match[1]) : 0;
	} catch {
		return 0;
	}
}

/** Waits until `url` answers 200, or the process ends, or the time is up. */
async function ready(url: string, child: ChildProcess, output: () => string, seconds = 180) {
	const until = Date.now() + seconds * 1000;
	while (Date.now() < until) {
		if (child.exitCode !== null)
			throw new Error(`The server exited (${child.exitCode}):\n${output()}`);
		try {
			const response = await fetch(url);
			if (response.ok) return;
		} catch {
			// Not listening yet.
		}
		await new Promise((r) => setTimeout(r, 200));
	}
	throw new Error(`The server did not answer ${url} within ${seconds} s:\n${output()}`);
}

/** One start of a process that serves HTTP. */
async function spawnReady(
	args: string[],
	env: NodeJS.ProcessEnv,
	url: string,
	keep: (text: string) => void
) {
	const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
	let log = '';
	const collect = (chunk: Buffer) => {
		log = (log + chunk.toString()).slice(-20_000);
		keep(chunk.toString());
	};
	child.stdout?.on('data', collect);
	child.stderr?.on('data', collect);
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	try {
		await ready(url, child, () => log);
	} catch (error) {
		child.kill('SIGKILL');
		throw error;
	}
	const stop = async (now = false) => {
		if (child.exitCode !== null) return;
		child.kill(now ? 'SIGKILL' : 'SIGTERM');
		const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
		await exited;
		clearTimeout(timer);
	};
	return { pid: child.pid!, stop };
}

/** Starts a process that serves HTTP and watches its memory; `probe` is what says it is ready. */
async function startProcess(
	args: string[],
	env: NodeJS.ProcessEnv,
	origin: string,
	probe: string
): Promise<RunningServer> {
	let log = '';
	const keep = (text: string) => {
		log = (log + text).slice(-20_000);
	};
	let current = await spawnReady(args, env, origin + probe, keep);
	let sampledPeak = 0;
	const sampler = setInterval(() => {
		sampledPeak = Math.max(sampledPeak, statusKiB(current.pid, 'VmRSS'));
	}, 100);
	sampler.unref();
	/** Whether the probe answers quickly twice in a row. */
	async function idle(): Promise<boolean> {
		for (let quick = 0; quick < 2; quick++) {
			const sent = performance.now();
			const response = await fetch(origin + probe, { signal: AbortSignal.timeout(5000) }).catch(
				() => undefined
			);
			await response?.arrayBuffer().catch(() => undefined);
			if (!response?.ok || performance.now() - sent > 50) return false;
		}
		return true;
	}
	return {
		pid: () => current.pid,
		origin,
		resetPeak() {
			sampledPeak = statusKiB(current.pid, 'VmRSS');
			try {
				// "5" resets the peak RSS the kernel reports as VmHWM (Linux 4.0+).
				writeFileSync(`/proc/${current.pid}/clear_refs`, '5');
			} catch {
				// Not allowed here: the sampled RSS is used instead.
			}
		},
		peakMiB: () => Math.max(statusKiB(current.pid, 'VmHWM'), sampledPeak) / 1024,
		async settle(seconds) {
			const started = Date.now();
			while (Date.now() - started < seconds * 1000) {
				if (await idle()) return { seconds: (Date.now() - started) / 1000, restarted: false };
				await new Promise((r) => setTimeout(r, 200));
			}
			// A graceful stop would serve the whole backlog first. Killed mid-write, PostgreSQL (and
			// PGlite, the same code) recovers from its write-ahead log; a failed start would say so.
			await current.stop(true);
			current = await spawnReady(args, env, origin + probe, keep);
			return { seconds: (Date.now() - started) / 1000, restarted: true };
		},
		async stop(now) {
			clearInterval(sampler);
			await current.stop(now);
		},
		output: () => log
	};
}

export interface ServerSettings {
	port: number;
	database: BenchDatabase;
	coursesDir: string;
	admin: { email: string; password: string };
	/** BENCH_COUNT_QUERIES, BENCH_CEILING… */
	extra?: Record<string, string>;
}

/** The address the app's server answers at (its ORIGIN). */
export const serverOrigin = (port: number) => `http://127.0.0.1:${port}`;

/** `node build` with only the settings the bench chooses (nothing from this shell's .env). */
export function startServer(settings: ServerSettings): Promise<RunningServer> {
	const origin = serverOrigin(settings.port);
	const env: NodeJS.ProcessEnv = {
		PATH: process.env.PATH,
		HOME: process.env.HOME,
		TMPDIR: process.env.TMPDIR,
		NODE_ENV: 'production',
		HOST: '127.0.0.1',
		PORT: String(settings.port),
		ORIGIN: origin,
		COURSES_DIR: settings.coursesDir,
		ADMIN_EMAIL: settings.admin.email,
		ADMIN_PASSWORD: settings.admin.password,
		LOG_LEVEL: 'warn',
		// A restart between scenarios (see settle) should not wait long for abandoned requests.
		SHUTDOWN_TIMEOUT: '2',
		...settings.database.env,
		...settings.extra
	};
	return startProcess([SERVER], env, origin, '/healthz');
}

/** The bare node:http server that answers every request with the given file's bytes. */
export function startBareServer(port: number, bodyFile: string): Promise<RunningServer> {
	const origin = `http://127.0.0.1:${port}`;
	return startProcess(
		['--import', 'tsx', join(import.meta.dirname, 'bare-server.ts'), String(port), bodyFile],
		{ PATH: process.env.PATH, HOME: process.env.HOME },
		origin,
		'/'
	);
}
