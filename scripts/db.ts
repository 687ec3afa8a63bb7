// `npm run db:backup -- [file]` and `npm run db:restore -- <file>`, for the configured database
// (DATABASE_URL, else PGlite in DATA_DIR). Stop the server before restoring.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { config, ConfigError } from '../src/lib/server/config';
import { openDatabase, restoreDatabase } from '../src/lib/server/db/index';

const [command, file] = process.argv.slice(2);

async function main(): Promise<number> {
	const c = config();
	const options = { url: c.databaseUrl, dataDir: c.dataDir };
	if (command === 'backup') {
		const stamp = new Date().toISOString().replace(/[:.]/g, '-');
		const target = file ?? `backups/sach-hon-${stamp}.${c.databaseUrl ? 'dump' : 'tar.gz'}`;
		mkdirSync(dirname(target), { recursive: true });
		const handle = await openDatabase({ ...options, max: 2 });
		try {
			await handle.backup(target);
		} finally {
			await handle.close();
		}
		console.log(
			`Backup of the ${handle.engine === 'postgres' ? 'PostgreSQL' : 'PGlite'} database written to ${target}.`
		);
		return 0;
	}
	if (command === 'restore' && file) {
		await restoreDatabase(options, file);
		console.log(
			`Restored ${file} into ${c.databaseUrl ? 'the PostgreSQL database' : c.dataDir}. Start the server to apply any newer migrations.`
		);
		return 0;
	}
	console.error('Usage: npm run db:backup -- [file]   |   npm run db:restore -- <file>');
	return 2;
}

main().then(
	(code) => (process.exitCode = code),
	(error) => {
		console.error(
			error instanceof ConfigError ? error.message : `Error: ${(error as Error).message}`
		);
		process.exitCode = 1;
	}
);
