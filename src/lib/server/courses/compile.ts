import { compile as compileMarkdown } from 'mdsvex';
import { compile as compileSvelte } from 'svelte/compiler';
import { LESSON_COMPONENTS } from '$lib/components/lesson/names';
import { checkTemplate } from './safety';
import type { Problem } from './yaml';

const ALLOWED = new Set<string>(LESSON_COMPONENTS);
const FORBIDDEN_TAG = /<\s*(script|style|iframe|object|embed|svelte:[a-z]+)\b/i;

/** Blanks out fenced and inline code, keeping line breaks, so checks do not look inside code. */
function withoutCode(body: string): string {
	return body
		.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, (block) => block.replace(/[^\n]/g, ' '))
		.replace(/`[^`\n]+`/g, (code) => ' '.repeat(code.length));
}

/**
 * Checks a lesson body (the Markdown after its front matter) for what the compiler would accept but
 * the platform does not: components outside the allowed set, scripts, styles and embeds.
 */
export function checkLessonBody(body: string, file: string, firstLine: number): Problem[] {
	const problems: Problem[] = [];
	withoutCode(body)
		.split('\n')
		.forEach((text, i) => {
			const line = firstLine + i;
			for (const match of text.matchAll(/<([A-Z][A-Za-z0-9]*)/g)) {
				if (!ALLOWED.has(match[1])) {
					problems.push({
						file,
						line,
						message: `unknown component <${match[1]}>; lessons may use ${LESSON_COMPONENTS.join(', ')}`
					});
				}
			}
			const forbidden = text.match(FORBIDDEN_TAG);
			if (forbidden) {
				problems.push({ file, line, message: `<${forbidden[1]}> is not allowed in a lesson` });
			}
			if (/^\s*<Term\b/.test(text)) {
				problems.push({
					file,
					line,
					message:
						'a paragraph must not begin with <Term>: Markdown then treats the line as HTML (**bold** stays as typed); begin with a word'
				});
			}
			if (/^#\s/.test(text)) {
				problems.push({
					file,
					line,
					message:
						'a lesson must not use a level-1 heading (# …): the title is the page heading; use ##'
				});
			}
		});
	return problems;
}

/** mdsvex parses Markdown inside a component only when blank lines surround it; add them. */
function spaceBlockComponents(body: string): string {
	return body
		.replace(/^([ \t]*<Callout\b[^>\n]*>)[ \t]*$/gm, '$1\n')
		.replace(/^([ \t]*<\/Callout>)[ \t]*$/gm, '\n$1');
}

/** Gives the lesson its components as a prop, so it needs no imports to be compiled or rendered. */
const COMPONENT_SCRIPT = `<script>export let components = {}; const { ${LESSON_COMPONENTS.join(', ')} } = components;</script>\n`;

export type CompiledLesson =
	{ ok: true; svelteSource: string; serverJs: string } | { ok: false; problems: Problem[] };

/** The line of `source` that best matches a line of generated code, for pointing at an error. */
function guessLine(source: string, generatedLine: string | undefined, firstLine: number): number {
	const needle = generatedLine
		?.replace(/<[^>]+>/g, '')
		.trim()
		.slice(0, 40);
	if (needle) {
		const index = source.split('\n').findIndex((l) => l.includes(needle));
		if (index >= 0) return firstLine + index;
	}
	return firstLine;
}

/** Markdown → Svelte (mdsvex) → server JavaScript (Svelte), with errors at the lesson's lines. */
export async function compileLesson(
	body: string,
	file: string,
	firstLine: number
): Promise<CompiledLesson> {
	let svelteSource: string;
	try {
		const markdown = await compileMarkdown(spaceBlockComponents(body), {
			extensions: ['.md'],
			smartypants: false
		});
		if (!markdown) throw new Error('mdsvex returned nothing');
		// Nothing is compiled, let alone run, until the template is known to hold no code.
		const unsafe = checkTemplate(markdown.code);
		if (unsafe.length > 0) {
			const lines = markdown.code.split('\n');
			return {
				ok: false,
				problems: unsafe.map(({ at, message }) => {
					// The offending code usually appears verbatim in the Markdown; else match its line.
					const code = markdown.code.slice(at).split('\n')[0].slice(0, 24);
					const index = code.trim() ? body.split('\n').findIndex((l) => l.includes(code)) : -1;
					const line =
						index >= 0
							? firstLine + index
							: guessLine(
									body,
									lines[markdown.code.slice(0, at).split('\n').length - 1],
									firstLine
								);
					return { file, line, message };
				})
			};
		}
		svelteSource = COMPONENT_SCRIPT + markdown.code;
	} catch (error) {
		return {
			ok: false,
			problems: [{ file, line: firstLine, message: `Markdown: ${String(error)}` }]
		};
	}
	try {
		const { js } = compileSvelte(svelteSource, {
			generate: 'server',
			filename: file,
			runes: false,
			dev: false
		});
		return { ok: true, svelteSource, serverJs: js.code };
	} catch (error) {
		const e = error as { message?: string; start?: { line: number } };
		const generated = e.start ? svelteSource.split('\n')[e.start.line - 1] : undefined;
		const message = (e.message ?? String(error)).split('\n')[0];
		return {
			ok: false,
			problems: [
				{ file, line: guessLine(body, generated, firstLine), message: `Svelte: ${message}` }
			]
		};
	}
}
