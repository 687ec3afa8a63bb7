// `npm run worksheets`: writes the consultants' worksheets (XLSX and PDF) and the vocational
// course's teacher's guide into the course folders. The files carry fixed dates, so running it
// again rewrites the same files; worksheets.test.ts checks that the shipped files are current.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { buildAll, ROOT } from './build';

for (const [path, bytes] of await buildAll()) {
	mkdirSync(dirname(join(ROOT, path)), { recursive: true });
	writeFileSync(join(ROOT, path), bytes);
	console.log(`${path}  ${(bytes.byteLength / 1024).toFixed(1)} KiB`);
}
