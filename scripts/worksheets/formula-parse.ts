/** Cell addresses and the parser of the worksheets' formulas (the evaluator is formula.ts). */

export type ErrorValue = { error: '#DIV/0!' | '#VALUE!' | '#NUM!' | '#N/A' | '#REF!' };
export type Scalar = number | string | boolean | null | ErrorValue;
export type Value = Scalar | Scalar[][];

/** A cell as written: a constant or a formula (without the leading "="). */
export type CellInput = { value: number | string | null } | { formula: string };

export type Node =
	| { kind: 'lit'; value: Scalar }
	| { kind: 'ref'; col: number; row: number }
	| { kind: 'range'; from: [number, number]; to: [number, number] }
	| { kind: 'unary'; op: '-' | '+' | '%'; arg: Node }
	| { kind: 'binary'; op: string; left: Node; right: Node }
	| { kind: 'call'; name: string; args: Node[] };

export const isError = (v: unknown): v is ErrorValue =>
	typeof v === 'object' && v !== null && 'error' in v;
export const err = (error: ErrorValue['error']): ErrorValue => ({ error });

export function columnNumber(letters: string): number {
	return [...letters.toUpperCase()].reduce((n, c) => n * 26 + c.charCodeAt(0) - 64, 0);
}

export function columnLetters(n: number): string {
	let s = '';
	for (; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
	return s;
}

export const address = (col: number, row: number) => `${columnLetters(col)}${row}`;

function parseRef(text: string): [number, number] {
	const m = /^\$?([A-Z]{1,3})\$?(\d+)$/i.exec(text);
	if (!m) throw new Error(`not a cell reference: ${text}`);
	return [columnNumber(m[1]), Number(m[2])];
}

const TOKEN =
	/\s*(?:(\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)|("(?:[^"]|"")*")|(\$?[A-Z]{1,3}\$?\d+(?::\$?[A-Z]{1,3}\$?\d+)?)|([A-Z][A-Z0-9.]*)(?=\()|(TRUE|FALSE)\b|(<>|<=|>=|[-+*/^&=<>%(),]))/iy;

function tokenize(formula: string): string[] {
	const tokens: string[] = [];
	TOKEN.lastIndex = 0;
	while (TOKEN.lastIndex < formula.length) {
		const start = TOKEN.lastIndex;
		const m = TOKEN.exec(formula);
		if (!m) {
			if (/^\s*$/.test(formula.slice(start))) break;
			throw new Error(`cannot read formula at "${formula.slice(start)}": ${formula}`);
		}
		tokens.push(m[0].trim());
	}
	return tokens;
}

export function parse(formula: string): Node {
	const tokens = tokenize(formula);
	let i = 0;
	const peek = () => tokens[i];
	const next = () => tokens[i++];
	const expect = (t: string) => {
		if (next() !== t) throw new Error(`expected ${t} in ${formula}`);
	};
	const binary = (ops: string[], sub: () => Node) => (): Node => {
		let left = sub();
		while (ops.includes(peek())) {
			const op = next();
			left = { kind: 'binary', op, left, right: sub() };
		}
		return left;
	};
	const primary = (): Node => {
		const t = next();
		if (t === undefined) throw new Error(`formula ends too early: ${formula}`);
		if (t === '(') {
			const inner = comparison();
			expect(')');
			return inner;
		}
		if (t === '-' || t === '+') return { kind: 'unary', op: t, arg: postfix() };
		if (/^\d/.test(t)) return { kind: 'lit', value: Number(t) };
		if (t.startsWith('"')) return { kind: 'lit', value: t.slice(1, -1).replace(/""/g, '"') };
		if (/^(TRUE|FALSE)$/i.test(t)) return { kind: 'lit', value: t.toUpperCase() === 'TRUE' };
		if (peek() === '(' && /^[A-Z]/i.test(t) && !/\d$/.test(t)) {
			next();
			const args: Node[] = [];
			if (peek() !== ')') {
				do args.push(comparison());
				while (peek() === ',' && next());
			}
			expect(')');
			return { kind: 'call', name: t.toUpperCase(), args };
		}
		if (t.includes(':')) {
			const [a, b] = t.split(':');
			return { kind: 'range', from: parseRef(a), to: parseRef(b) };
		}
		if (/\d$/.test(t)) {
			if (peek() === '(') throw new Error(`unknown function ${t}`);
			const [col, row] = parseRef(t);
			return { kind: 'ref', col, row };
		}
		throw new Error(`unexpected "${t}" in ${formula}`);
	};
	const postfix = (): Node => {
		let node = primary();
		while (peek() === '%') {
			next();
			node = { kind: 'unary', op: '%', arg: node };
		}
		return node;
	};
	const power = binary(['^'], postfix);
	const product = binary(['*', '/'], power);
	const sum = binary(['+', '-'], product);
	const concat = binary(['&'], sum);
	const comparison = binary(['=', '<>', '<', '>', '<=', '>='], concat);
	const tree = comparison();
	if (i !== tokens.length) throw new Error(`unexpected "${peek()}" in ${formula}`);
	return tree;
}
