// One server over one engine's database, as a check sees it: start, stop, kill and start again
// on the same data, and a look at the database in between (PGlite's directory has one owner, so
// for PGlite the server is stopped meanwhile).
import type { Database } from '$lib/server/db';
import { withDatabase, type Engine } from './databases';
import { Server } from './server';

export class Site {
	private server: Server | undefined;
	/** Error lines from every server this site ran, killed ones included. */
	private readonly pastErrors: string[] = [];

	constructor(
		readonly engine: Engine,
		readonly port: number
	) {}

	get origin(): string {
		return `http://127.0.0.1:${this.port}`;
	}

	get label(): string {
		return `server on ${this.engine.name} :${this.port}`;
	}

	/** Starts the server and waits for /healthz; returns how long that took, in ms. */
	async start(): Promise<number> {
		this.server = Server.spawn({
			port: this.port,
			database: this.engine.server,
			label: this.label
		});
		return this.server.ready();
	}

	async stop(): Promise<void> {
		await this.server?.stop();
		this.retire();
	}

	/** SIGKILL now, whatever it is doing. */
	async kill(): Promise<void> {
		await this.server?.kill();
		this.retire();
	}

	get pid(): number | undefined {
		return this.server?.pid;
	}

	errors(): string[] {
		return [...this.pastErrors, ...(this.server?.errors() ?? [])];
	}

	private retire(): void {
		if (this.server) this.pastErrors.push(...this.server.errors());
		this.server = undefined;
	}

	/**
	 * Runs `work` on the database. A PGlite site's server is stopped meanwhile, and started again
	 * unless this is the check's last look.
	 */
	async inspect<T>(work: (db: Database) => Promise<T>, { restart = true } = {}): Promise<T> {
		const stopped = !this.engine.shared && this.server !== undefined;
		if (stopped) await this.stop();
		try {
			return await withDatabase(this.engine, work);
		} finally {
			if (stopped && restart) await this.start();
		}
	}
}
