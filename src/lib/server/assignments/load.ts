import { isSlug } from '$lib/slug';
import { checkLessonBody, compileLesson } from '../courses/compile';
import { textOf, type CourseFiles } from '../courses/files';
import { servedFileType } from '../courses/served-files';
import { parseYaml, type Problem } from '../courses/yaml';
import { assignmentSchema, type AssignmentDefinition } from './format';

/** An assignment's instructions in one language, checked and compiled as a lesson body is. */
export interface InstructionsText {
	file: string;
	body: string;
	bodyLine: number;
	serverJs?: string;
}

export interface AssignmentSource {
	slug: string;
	definition: AssignmentDefinition;
	instructions: { vi: InstructionsText; en?: InstructionsText };
}

export const ASSIGNMENT_FILE = /\.assignment\.yaml$/;

/** The line an `instructions` language's block starts on (the line after `vi: |`), 1-based. */
function instructionsLine(source: string, language: 'vi' | 'en'): number {
	const lines = source.replace(/\r\n?/g, '\n').split('\n');
	const start = lines.findIndex((l) => /^instructions\s*:/.test(l));
	if (start < 0) return 1;
	for (let i = start + 1; i < lines.length; i++) {
		if (/^\S/.test(lines[i])) break;
		if (new RegExp(`^\\s+${language}\\s*:`).test(lines[i])) return i + 2;
	}
	return start + 1;
}

/**
 * Reads and validates a course's assignment files: the format, the lesson named by `after`, the
 * attachments (files of the course that are served), and the instructions under the lessons' rules
 * (components allowed, no script, files they link to present). Every problem is collected.
 */
export async function loadAssignments(
	courseSlug: string,
	files: CourseFiles,
	paths: string[],
	lessonSlugs: Set<string>,
	compile: boolean,
	problems: Problem[]
): Promise<AssignmentSource[]> {
	const found: AssignmentSource[] = [];
	for (const rel of paths) {
		const file = `${courseSlug}/${rel}`;
		const slug = rel.split('/').pop()!.replace(ASSIGNMENT_FILE, '');
		if (!isSlug(slug)) {
			problems.push({
				file,
				line: 1,
				message:
					'an assignment file is named slug.assignment.yaml: lower-case letters, digits and dashes'
			});
			continue;
		}
		const source = textOf(files.get(rel)!);
		const parsed = parseYaml(source, assignmentSchema, file);
		if (!parsed.ok) {
			problems.push(...parsed.problems);
			continue;
		}
		const definition = parsed.value;
		const before = problems.length;
		if (definition.after && !lessonSlugs.has(definition.after))
			problems.push({
				file,
				line: 1,
				message: `after names "${definition.after}", which is not a lesson of this course`
			});
		for (const attachment of definition.attachments) {
			const path = attachment.replace(/^\.\//, '');
			if (!files.has(path))
				problems.push({
					file,
					line: 1,
					message: `the attachment ${attachment} is not in the course folder`
				});
			else if (!servedFileType(path))
				problems.push({
					file,
					line: 1,
					message: `the attachment ${attachment} cannot be offered for download (images, PDF and .xlsx only)`
				});
		}
		const instructions: Partial<AssignmentSource['instructions']> = {};
		for (const language of ['vi', 'en'] as const) {
			const body = definition.instructions[language];
			if (body === undefined) continue;
			const bodyLine = instructionsLine(source, language);
			const bodyProblems = checkLessonBody(body, file, bodyLine);
			body.split('\n').forEach((line, i) => {
				for (const m of line.matchAll(/<(Figure|Download)\b[^>]*\bsrc="([^"]+)"/g)) {
					if (!/^(https?:)?\//.test(m[2]) && !files.has(m[2].replace(/^\.\//, '')))
						bodyProblems.push({
							file,
							line: bodyLine + i,
							message: `the ${m[1] === 'Figure' ? 'image' : 'file'} ${m[2]} is not in the course folder`
						});
				}
			});
			problems.push(...bodyProblems);
			let serverJs: string | undefined;
			if (compile && bodyProblems.length === 0) {
				const compiled = await compileLesson(body, file, bodyLine);
				if (compiled.ok) serverJs = compiled.serverJs;
				else problems.push(...compiled.problems);
			}
			instructions[language] = { file, body, bodyLine, serverJs };
		}
		if (problems.length === before && instructions.vi)
			found.push({
				slug,
				definition,
				instructions: instructions as AssignmentSource['instructions']
			});
	}
	return found;
}
