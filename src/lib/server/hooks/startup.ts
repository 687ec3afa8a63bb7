import { ensureAdministrator } from '../auth/accounts';
import { config, ConfigError } from '../config';
import { appDatabase } from '../db/app';
import { log } from '../log';

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
	// adapter-node emits this after the last request has finished: close the database cleanly.
	process.once('sveltekit:shutdown', () => {
		handle.close().catch((error) => log().error({ err: error }, 'closing the database failed'));
	});
	if (c.admin) {
		const outcome = await ensureAdministrator(db, c.admin.email, c.admin.password);
		if (outcome !== 'unchanged')
			log().info({ email: c.admin.email, outcome }, 'administrator ready');
	}
	log().info({ engine, dataDir: c.databaseUrl ? undefined : c.dataDir }, 'database ready');
}
