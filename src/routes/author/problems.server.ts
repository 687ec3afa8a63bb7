import { m } from '$lib/paraglide/messages';
import type { Problem } from '$lib/server/courses/yaml';

// The course format's checks speak English to developers (`npm run courses:check`); in the editor the
// common ones are said in the author's language, the rest shown as written.
const known: [RegExp, (match: RegExpMatchArray) => string][] = [
	[/^the lesson has no text$/, () => m.author_problem_no_text()],
	[/^the course has no lessons$/, () => m.author_problem_no_lessons()],
	[
		/^a quiz needs at least one question$|^questions .*at least/,
		() => m.author_problem_no_questions()
	],
	[/^unknown component <(\w+)>/, (x) => m.author_problem_component({ name: x[1] })],
	[/^braces \{ \} hold code/, () => m.author_problem_braces()],
	[/^the event handler (\S+) is not allowed$/, (x) => m.author_problem_handler({ name: x[1] })],
	[/^<(\w+)> is not allowed in a lesson$/, (x) => m.author_problem_element({ name: x[1] })],
	[/^the image (\S+) is not in the course folder$/, (x) => m.author_problem_image({ path: x[1] })],
	[
		/^(\S+) must not be a javascript: or data: address$/,
		(x) => m.author_problem_url({ name: x[1] })
	],
	[/^a lesson must not use a level-1 heading/, () => m.author_problem_heading()],
	[/^a paragraph must not begin with <Term>/, () => m.author_problem_term()],
	[
		/is a Svelte feature that lessons may not use$|directives and other Svelte features/,
		() => m.author_problem_svelte()
	],
	[/^the value of (\S+) must be a constant/, (x) => m.author_problem_constant({ name: x[1] })]
];

export function problemText(message: string): string {
	for (const [pattern, text] of known) {
		const match = message.match(pattern);
		if (match) return text(match);
	}
	return message;
}

/** "bai-1.md, dòng 12: …" for each problem, in file and line order. */
export function describeProblems(
	problems: Problem[]
): { file: string; line: number; text: string }[] {
	return [...problems]
		.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line)
		.map((p) => ({ file: p.file, line: p.line, text: problemText(p.message) }));
}
