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
		const handle = await openDatabase({ url: c.databaseUrl, dataDir: c.dataDir });
		await handle.migrate();
		return handle;
	})();
	return opening;
}
