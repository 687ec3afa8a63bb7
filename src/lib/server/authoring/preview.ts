import { checkLessonBody, compileLesson } from '../courses/compile';
import { lessonFrontMatterSchema } from '../courses/format';
import { splitFrontMatter } from '../courses/loader';
import { renderLesson, renderProblem } from '../courses/render';
import { parseYaml, type Problem } from '../courses/yaml';

/**
 * A lesson file as learners would see it: the same checks, compiler, renderer and sanitiser as
 * publishing, with images pointed at the draft (`filesBase`). Nothing is stored.
 */
export async function previewLesson(
	courseSlug: string,
	file: string,
	text: string,
	locale: 'vi' | 'en',
	filesBase: string
): Promise<{ html: string | null; problems: Problem[] }> {
	const split = splitFrontMatter(text, file);
	if ('problem' in split && split.problem) return { html: null, problems: [split.problem] };
	const { yaml, body, bodyLine } = split as { yaml: string; body: string; bodyLine: number };
	const problems: Problem[] = [];
	const head = parseYaml(yaml, lessonFrontMatterSchema, file, 2);
	if (!head.ok) problems.push(...head.problems);
	const bodyProblems = checkLessonBody(body, file, bodyLine);
	problems.push(...bodyProblems);
	if (!body.trim()) problems.push({ file, line: bodyLine, message: 'the lesson has no text' });
	if (bodyProblems.length > 0) return { html: null, problems };
	const compiled = await compileLesson(body, file, bodyLine);
	if (!compiled.ok) return { html: null, problems: [...problems, ...compiled.problems] };
	try {
		return { html: renderLesson(compiled.serverJs, courseSlug, locale, filesBase), problems };
	} catch (error) {
		return { html: null, problems: [...problems, renderProblem(file, bodyLine, error)] };
	}
}
