import { isMap, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import type { z } from 'zod';

export interface Problem {
	/** Relative to the courses folder, e.g. `sxsh-can-bo-quan-ly/course.yaml`. */
	file: string;
	line: number;
	message: string;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; problems: Problem[] };

/**
 * Parses YAML text and validates it, reporting every problem at its line. `firstLine` is the line of
 * the text's first line in its file (front matter starts on line 2 of a lesson).
 */
export function parseYaml<S extends z.ZodType>(
	source: string,
	schema: S,
	file: string,
	firstLine = 1
): Parsed<z.infer<S>> {
	const lineCounter = new LineCounter();
	const doc = parseDocument(source, { lineCounter, prettyErrors: false, uniqueKeys: true });
	const lineAt = (offset: number) => lineCounter.linePos(offset).line + firstLine - 1;
	if (doc.errors.length > 0) {
		return {
			ok: false,
			problems: doc.errors.map((e) => ({
				file,
				line: lineAt(e.pos[0]),
				message: `YAML: ${e.message.split('\n')[0]}`
			}))
		};
	}
	const data: unknown = doc.toJS() ?? {};
	const result = schema.safeParse(data);
	if (result.success) return { ok: true, value: result.data };
	return {
		ok: false,
		problems: result.error.issues.map((issue) => {
			let node = nodeAt(doc.contents, issue.path);
			if (issue.code === 'unrecognized_keys' && isMap(node)) {
				const pair = node.items.find((p) =>
					issue.keys.includes(String((p.key as { value?: unknown })?.value))
				);
				node = (pair?.key as Node | undefined) ?? node;
			}
			const missingKey = issue.code === 'invalid_type' && valueAt(data, issue.path) === undefined;
			const where = issue.path.length ? issue.path.join('.') : '(document)';
			const message =
				issue.code === 'unrecognized_keys'
					? `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.join(', ')}`
					: missingKey
						? `${where} is required`
						: `${where} ${issue.message}`;
			return { file, line: node?.range ? lineAt(node.range[0]) : firstLine, message };
		})
	};
}

function valueAt(data: unknown, path: PropertyKey[]): unknown {
	let value = data;
	for (const key of path) {
		if (value === null || typeof value !== 'object') return undefined;
		value = (value as Record<PropertyKey, unknown>)[key];
	}
	return value;
}

/** The deepest YAML node along a zod issue path, so a problem points at the value or its parent. */
function nodeAt(root: unknown, path: PropertyKey[]): Node | undefined {
	let node = root as Node | undefined;
	for (const key of path) {
		if (isMap(node)) {
			const pair = node.items.find((p) => (p.key as { value?: unknown })?.value === key);
			if (!pair) return node;
			node = (pair.value as Node | null) ?? (pair.key as Node);
		} else if (isSeq(node) && typeof key === 'number') {
			const item = node.items[key] as Node | undefined;
			if (!item) return node;
			node = item;
		} else {
			return node;
		}
	}
	return node;
}
