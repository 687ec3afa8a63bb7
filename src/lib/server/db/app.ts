import { building } from '$app/environment';
import { config } from '../config';
import { openDatabase, type DatabaseHandle } from './index';

let opening: Promise<DatabaseHandle> | undefined;

/**
 * The application's database, opened and migrated on first use. Never at import time: `vite build`
 * imports server modules to analyse them.
 */
export function appDatabase(): Promise<DatabaseHandle> {
	if (building) throw new Error('The database is not available while building.');
	opening ??= (async () => {
		const c = config();
		// PGlite runs in a worker thread, so a long query leaves the server answering meanwhile.
		const handle = await openDatabase({ url: c.databaseUrl, dataDir: c.dataDir, worker: true });
		await handle.migrate();
		return handle;
	})();
	return opening;
}
