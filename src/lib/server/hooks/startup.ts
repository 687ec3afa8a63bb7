import { watch } from 'node:fs';
import { dev, version } from '$app/environment';
import { ensureAdministrator } from '../auth/accounts';
import { rerenderEditorCourses } from '../authoring/publish';
import { syncCourses } from '../courses/sync';
import { COURSE_SYNC_LOCK, type DatabaseHandle } from '../db';
import { config, ConfigError } from '../config';
import { appDatabase } from '../db/app';
import { log } from '../log';
import { completeMissedCompletions } from '../progress/completion';
import { startMessages } from '../messages/start';
import { ensureNotice } from '../privacy/notices';
import type { MessageWorker } from '../messages/worker';
import { startRetentionSchedule, type RetentionSchedule } from '../privacy/retention-schedule';

/** Runs once when the server starts: settings, migrations, first administrator. */
export async function startUp(): Promise<void> {
	let c;
	try {
		c = config();
	} catch (error) {
		if (error instanceof ConfigError) {
			// One sentence, not a stack trace: the operator needs to know which variable to fix.
			console.error(error.message);
			process.exit(1);
		}
		throw error;
	}
	const handle = await appDatabase();
	const { db, engine } = handle;
	stopWithTheServer(handle);
	if (c.admin) {
		const outcome = await ensureAdministrator(db, c.admin.email, c.admin.password);
		if (outcome !== 'unchanged')
			// No address in the log: logs hold ids, never personal data (README, "Personal data").
			log().info({ outcome }, 'administrator ready');
	}
	log().info({ engine, dataDir: c.databaseUrl ? undefined : c.dataDir }, 'database ready');
	// The privacy notice's first version, from the registry, when the instance has none.
	await ensureNotice(db);
	await syncCourseFolder(handle, c.coursesDir);
	await completeMissedCompletions(db);
	worker = await startMessages(handle);
	retention = await startRetentionSchedule(handle);
	if (dev) watchCourseFolder(handle, c.coursesDir);
}

/** Publishes valid courses from the courses folder; invalid ones are logged and left as they were. */
async function syncCourseFolder(handle: DatabaseHandle, dir: string): Promise<void> {
	const started = performance.now();
	const report = await handle.exclusive(COURSE_SYNC_LOCK, () =>
		syncCourses(handle.db, dir, version)
	);
	for (const { slug, problems } of report.invalid) {
		for (const p of problems)
			log().warn({ course: slug }, `courses/${p.file}:${p.line}: ${p.message}`);
		log().error(
			{ course: slug, problems: problems.length },
			'course not published: fix it and restart'
		);
	}
	for (const slug of report.managedInBrowser) {
		log().info({ course: slug }, `courses/${slug} is ignored: the course is edited in the browser`);
	}
	const rerenderedInBrowser = await handle.exclusive(COURSE_SYNC_LOCK, () =>
		rerenderEditorCourses(handle.db, version)
	);
	const { created, updated, unchanged } = report;
	const rerendered = [...report.rerendered, ...rerenderedInBrowser];
	log().info(
		{
			created,
			updated,
			rerendered,
			unchanged: unchanged.length,
			ms: Math.round(performance.now() - started)
		},
		'courses synced'
	);
}

/** In development, edits to courses/ are synced as they are saved. */
function watchCourseFolder(handle: DatabaseHandle, dir: string): void {
	let timer: NodeJS.Timeout | undefined;
	watch(dir, { recursive: true }, () => {
		clearTimeout(timer);
		timer = setTimeout(() => {
			syncCourseFolder(handle, dir).catch((error) =>
				log().error({ err: error }, 'course sync failed')
			);
		}, 300);
	});
}

let worker: MessageWorker | undefined;
let retention: RetentionSchedule | undefined;

/** How long a stop may take in all, beyond adapter-node's wait for requests in flight. */
const CLOSE_DATABASE_MS = 5_000;

/**
 * adapter-node, on SIGTERM or SIGINT, stops listening, waits for the requests in flight (at most
 * SHUTDOWN_TIMEOUT seconds, 30 by default) and then emits `sveltekit:shutdown`. Then the database is
 * closed and the process exits: explicitly, because a pool, a timer or a client's keep-alive socket
 * left open would otherwise keep it running until a supervisor sends SIGKILL. A backstop exits in
 * any case once the wait and the close are overdue.
 */
function stopWithTheServer(handle: DatabaseHandle): void {
	const waitForRequests = (Number(process.env.SHUTDOWN_TIMEOUT) || 30) * 1000;
	const backstop = (signal: NodeJS.Signals) => {
		setTimeout(
			() => {
				log().error({ signal }, 'stop overdue: exiting without a clean close');
				process.exit(1);
			},
			waitForRequests + 2 * CLOSE_DATABASE_MS
		).unref();
	};
	process.once('SIGTERM', backstop);
	process.once('SIGINT', backstop);
	process.once('sveltekit:shutdown', async () => {
		let code = 0;
		try {
			await Promise.race([
				// A message being sent is finished (or left to its retry), and a retention run stopped between
				// batches, before the database closes.
				Promise.all([worker?.stop(), retention?.stop()]).then(() => handle.close()),
				new Promise((_, reject) =>
					setTimeout(() => reject(new Error('timed out')), CLOSE_DATABASE_MS).unref()
				)
			]);
			log().info('database closed: stopped');
		} catch (error) {
			code = 1;
			log().error({ err: error }, 'closing the database failed');
		}
		process.exit(code);
	});
}
