// The courses a bench database holds: the four shipped ones and six small copies, so that one cohort
// can honestly have ten courses assigned (the matrix scenario). The copies live in a temporary
// courses folder that the server is started on as well (COURSES_DIR), so its start-up sync finds
// nothing to change.
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The smallest shipped course: six lessons, four quizzes. */
const COPIED = 'sxsh-truong-nghe';
export const COPIES = 6;
export const copySlug = (n: number) => `khoa-thu-tai-${String(n).padStart(2, '0')}`;

export interface CourseFolder {
	dir: string;
	/** Every course slug, shipped ones first, in a fixed order. */
	slugs: string[];
	shipped: string[];
	remove(): void;
}

export function prepareCourses(source = 'courses'): CourseFolder {
	const dir = mkdtempSync(join(tmpdir(), 'sachhon-bench-courses-'));
	const shipped = readdirSync(source, { withFileTypes: true })
		.filter((e) => e.isDirectory())
		.map((e) => e.name)
		.sort();
	for (const slug of shipped) cpSync(join(source, slug), join(dir, slug), { recursive: true });
	const copies: string[] = [];
	for (let n = 1; n <= COPIES; n++) {
		const slug = copySlug(n);
		cpSync(join(source, COPIED), join(dir, slug), { recursive: true });
		const yaml = join(dir, slug, 'course.yaml');
		// A distinct title, so the catalogue and the matrix read like ten courses.
		const text = readFileSync(yaml, 'utf8').replace(
			/^title:\n {2}vi: (.*)$/m,
			(_, title: string) => `title:\n  vi: ${title} — khóa thử tải ${n}`
		);
		writeFileSync(yaml, text);
		copies.push(slug);
	}
	return {
		dir,
		slugs: [...shipped, ...copies],
		shipped,
		remove: () => rmSync(dir, { recursive: true, force: true })
	};
}
