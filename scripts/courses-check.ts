// `npm run courses:check`: validates every course in courses/ (or the folder given) and reports every
// problem as file:line: message. Exits 1 when any course is invalid.
import { relative, resolve } from 'node:path';
import { loadCourses, requiredLessonSlugs } from '../src/lib/server/courses/loader';
import { courseQuality, qualityLine } from '../src/lib/server/courses/quality';

const root = resolve(process.argv[2] ?? 'courses');
const shown = relative(process.cwd(), root) || '.';
const { courses, invalid } = await loadCourses(root, { compile: true });

for (const course of courses) {
	const minutes = course.lessons.reduce((sum, l) => sum + l.text.vi.frontMatter.minutes, 0);
	console.log(
		`ok   ${course.slug}: ${course.meta.status}, ${course.lessons.length} lessons ` +
			`(${requiredLessonSlugs(course).length} required, ${minutes} min), ${course.meta.hours} h, ` +
			`${course.languages.join('+')}, ${course.quizzes.length} quiz(zes) (${course.quizzes.reduce((n, q) => n + q.definition.questions.length, 0)} questions), ` +
			(course.assignments.length
				? `${course.assignments.length} assignment(s) (${course.assignments.filter((a) => a.definition.required).length} required), `
				: '') +
			`audiences ${course.meta.audiences.join('/')}, items ${course.meta.directiveItems.join('/')}`
	);
	console.log(`     ${qualityLine(courseQuality(course))}`);
}
for (const { slug, problems } of invalid) {
	console.log(`FAIL ${slug}: ${problems.length} problem(s)`);
	for (const p of problems) console.log(`${shown}/${p.file}:${p.line}: ${p.message}`);
}
if (courses.length + invalid.length === 0) console.log(`No courses in ${root}.`);
process.exitCode = invalid.length > 0 ? 1 : 0;
