// `npm run db:check`: the Drizzle schema (db/schema) and the committed migrations (db/migrations)
// agree, i.e. `drizzle-kit generate` has nothing to write. A schema change without its migration
// would otherwise reach a database only as a runtime error.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const DIR = 'db/migrations';

/** Every file under the migrations folder with its content, to see what generate changed. */
function snapshot() {
	const files = new Map();
	for (const entry of readdirSync(DIR, { recursive: true, withFileTypes: true })) {
		if (!entry.isFile()) continue;
		const path = join(entry.parentPath, entry.name);
		files.set(path, readFileSync(path, 'utf8'));
	}
	return files;
}

const before = snapshot();
const run = spawnSync('npx', ['drizzle-kit', 'generate'], { encoding: 'utf8' });
if (run.status !== 0) {
	process.stdout.write(run.stdout);
	process.stderr.write(run.stderr);
	console.error('drizzle-kit generate failed.');
	process.exit(1);
}
const after = snapshot();
const added = [...after.keys()].filter((path) => !before.has(path));
const changed = [...before.keys()].filter((path) => after.get(path) !== before.get(path));
if (added.length === 0 && changed.length === 0) {
	console.log('Schema and migrations agree: drizzle-kit generate has nothing to write.');
	process.exit(0);
}
// Put the folder back as it was, so the check leaves no trace; the developer generates on purpose.
for (const path of added) rmSync(path);
for (const path of changed) writeFileSync(path, /** @type {string} */ (before.get(path)));
console.error(
	'The Drizzle schema has changes that no migration holds. Run `npm run db:generate` and commit ' +
		'the new migration.\n' +
		[...added.map((p) => `  would add ${p}`), ...changed.map((p) => `  would change ${p}`)].join(
			'\n'
		)
);
process.exitCode = 1;
