/**
 * A small evaluator for the spreadsheet formulas the worksheets use, so every formula cell is written
 * with its cached result: a viewer that does not recalculate (a phone's preview, a mail attachment)
 * still shows numbers, and the numbers are those of the formula itself, not of a second copy of the
 * arithmetic. It covers what the worksheets need (arithmetic, comparison, & and the functions below)
 * with Excel's rules for blanks, text and errors; anything else is refused loudly.
 */

import {
	address,
	columnNumber,
	err,
	isError,
	parse,
	type CellInput,
	type ErrorValue,
	type Node,
	type Scalar,
	type Value
} from './formula-parse';

export {
	address,
	columnLetters,
	columnNumber,
	isError,
	type CellInput,
	type Scalar
} from './formula-parse';

function toNumber(v: Scalar): number | ErrorValue {
	if (isError(v)) return v;
	if (v === null) return 0;
	if (typeof v === 'number') return v;
	if (typeof v === 'boolean') return v ? 1 : 0;
	const n = v.trim() === '' ? NaN : Number(v);
	return Number.isFinite(n) ? n : err('#VALUE!');
}

const toText = (v: Scalar): string =>
	v === null ? '' : typeof v === 'boolean' ? (v ? 'TRUE' : 'FALSE') : String(v);

function compare(a: Scalar, b: Scalar): number {
	const rank = (v: Scalar) => (typeof v === 'number' ? 0 : typeof v === 'string' ? 1 : 2);
	if (a === null) a = typeof b === 'string' ? '' : typeof b === 'boolean' ? false : 0;
	if (b === null) b = typeof a === 'string' ? '' : typeof a === 'boolean' ? false : 0;
	if (rank(a) !== rank(b)) return rank(a) - rank(b);
	if (typeof a === 'string' && typeof b === 'string') {
		const x = a.toLowerCase();
		const y = b.toLowerCase();
		return x < y ? -1 : x > y ? 1 : 0;
	}
	return Number(a) - Number(b);
}

/** The numbers among a function's arguments: in ranges only real numbers count, as in Excel. */
function numbersOf(args: Value[]): number[] | ErrorValue {
	const out: number[] = [];
	for (const a of args) {
		if (Array.isArray(a)) {
			for (const v of a.flat()) {
				if (isError(v)) return v;
				if (typeof v === 'number') out.push(v);
			}
		} else {
			const n = toNumber(a);
			if (isError(n)) return n;
			out.push(n);
		}
	}
	return out;
}

function matches(v: Scalar, criterion: Scalar): boolean {
	const m = typeof criterion === 'string' ? /^(<>|<=|>=|<|>|=)?(.*)$/.exec(criterion) : null;
	const op = m?.[1] ?? '=';
	const raw = m ? m[2] : criterion;
	const target: Scalar =
		typeof raw === 'string' && raw !== '' && !isNaN(Number(raw)) ? Number(raw) : raw;
	if (typeof target === 'number' && typeof v !== 'number') return op === '<>';
	const c = compare(v, target);
	return { '=': c === 0, '<>': c !== 0, '<': c < 0, '>': c > 0, '<=': c <= 0, '>=': c >= 0 }[op]!;
}

export function npv(rate: number, flows: number[]): number {
	return flows.reduce((sum, cf, t) => sum + cf / (1 + rate) ** (t + 1), 0);
}

/** The rate at which the flows (year 0 first) are worth nothing; Newton, then bisection. */
export function irr(flows: number[], guess = 0.1): number | null {
	if (!flows.some((f) => f > 0) || !flows.some((f) => f < 0)) return null;
	const f = (r: number) => flows.reduce((s, cf, t) => s + cf / (1 + r) ** t, 0);
	const df = (r: number) => flows.reduce((s, cf, t) => s - (t * cf) / (1 + r) ** (t + 1), 0);
	let r = guess;
	for (let k = 0; k < 50; k++) {
		const step = f(r) / df(r);
		if (!Number.isFinite(step)) break;
		r -= step;
		if (Math.abs(step) < 1e-12) return r > -1 ? r : null;
	}
	let lo = -0.99;
	let hi = 10;
	if (Math.sign(f(lo)) === Math.sign(f(hi))) return null;
	for (let k = 0; k < 200; k++) {
		const mid = (lo + hi) / 2;
		if (Math.sign(f(mid)) === Math.sign(f(lo))) lo = mid;
		else hi = mid;
	}
	return (lo + hi) / 2;
}

type Fn = (args: Node[], ev: (n: Node) => Value) => Scalar;
const scalar = (v: Value): Scalar => (Array.isArray(v) ? (v[0]?.[0] ?? null) : v);
const numeric =
	(fn: (x: number[]) => number | ErrorValue): Fn =>
	(args, ev) => {
		const xs = numbersOf(args.map(ev));
		return isError(xs) ? xs : fn(xs);
	};

const FUNCTIONS: Record<string, Fn> = {
	SUM: numeric((xs) => xs.reduce((a, b) => a + b, 0)),
	MAX: numeric((xs) => (xs.length ? Math.max(...xs) : 0)),
	MIN: numeric((xs) => (xs.length ? Math.min(...xs) : 0)),
	COUNT: (args, ev) =>
		args
			.map(ev)
			.flatMap((v) => (Array.isArray(v) ? v.flat() : [v]))
			.filter((v) => typeof v === 'number').length,
	SUMPRODUCT: (args, ev) => {
		const ranges = args.map(ev).map((v) => (Array.isArray(v) ? v.flat() : [scalar(v)]));
		if (ranges.some((r) => r.length !== ranges[0].length)) return err('#VALUE!');
		let total = 0;
		for (let k = 0; k < ranges[0].length; k++) {
			const cells = ranges.map((r) => r[k]);
			const bad = cells.find(isError);
			if (bad) return bad;
			total += cells.reduce<number>((p, c) => p * (typeof c === 'number' ? c : 0), 1);
		}
		return total;
	},
	SUMIF: (args, ev) => {
		const range = ev(args[0]);
		const sums = args[2] ? ev(args[2]) : range;
		if (!Array.isArray(range) || !Array.isArray(sums)) return err('#VALUE!');
		const criterion = scalar(ev(args[1]));
		const flat = sums.flat();
		return range
			.flat()
			.reduce<number>(
				(s, v, k) => s + (matches(v, criterion) && typeof flat[k] === 'number' ? flat[k] : 0),
				0
			);
	},
	COUNTIF: (args, ev) => {
		const range = ev(args[0]);
		if (!Array.isArray(range)) return err('#VALUE!');
		const criterion = scalar(ev(args[1]));
		return range.flat().filter((v) => matches(v, criterion)).length;
	},
	IF: (args, ev) => {
		const c = scalar(ev(args[0]));
		if (isError(c)) return c;
		const truth = typeof c === 'string' ? toNumber(c) : c;
		if (isError(truth)) return truth;
		if (truth) return scalar(ev(args[1]));
		return args[2] ? scalar(ev(args[2])) : false;
	},
	IFERROR: (args, ev) => {
		const v = scalar(ev(args[0]));
		return isError(v) ? scalar(ev(args[1])) : v;
	},
	AND: (args, ev) => args.every((a) => Boolean(toNumber(scalar(ev(a))))),
	OR: (args, ev) => args.some((a) => Boolean(toNumber(scalar(ev(a))))),
	ABS: numeric((xs) => Math.abs(xs[0])),
	ROUND: numeric(([x, d]) => Math.round(x * 10 ** d) / 10 ** d),
	RANK: (args, ev) => {
		const x = scalar(ev(args[0]));
		const ref = ev(args[1]);
		const order = args[2] ? toNumber(scalar(ev(args[2]))) : 0;
		if (typeof x !== 'number' || !Array.isArray(ref) || isError(order)) return err('#N/A');
		const nums = ref.flat().filter((v): v is number => typeof v === 'number');
		if (!nums.includes(x)) return err('#N/A');
		return 1 + nums.filter((v) => (order ? v < x : v > x)).length;
	},
	MATCH: (args, ev) => {
		const x = scalar(ev(args[0]));
		const range = ev(args[1]);
		if (!Array.isArray(range) || isError(x)) return err('#N/A');
		const k = range.flat().findIndex((v) => !isError(v) && v !== null && compare(v, x) === 0);
		return k < 0 ? err('#N/A') : k + 1;
	},
	INDEX: (args, ev) => {
		const range = ev(args[0]);
		const k = toNumber(scalar(ev(args[1])));
		if (!Array.isArray(range) || isError(k)) return err('#REF!');
		return range.flat()[k - 1] ?? err('#REF!');
	},
	NPV: (args, ev) => {
		const rate = toNumber(scalar(ev(args[0])));
		const flows = numbersOf(args.slice(1).map(ev));
		if (isError(rate)) return rate;
		if (isError(flows)) return flows;
		return rate === -1 ? err('#DIV/0!') : npv(rate, flows);
	},
	IRR: (args, ev) => {
		const flows = numbersOf([ev(args[0])]);
		if (isError(flows)) return flows;
		const guess = args[1] ? toNumber(scalar(ev(args[1]))) : 0.1;
		if (isError(guess)) return guess;
		return irr(flows, guess) ?? err('#NUM!');
	}
};

/** Every formula of a sheet evaluated, each cell once, in whatever order references demand. */
export function evaluateSheet(cells: Map<string, CellInput>): Map<string, Scalar> {
	const results = new Map<string, Scalar>();
	const busy = new Set<string>();
	const cell = (col: number, row: number): Scalar => {
		const key = address(col, row);
		if (results.has(key)) return results.get(key)!;
		const c = cells.get(key);
		if (!c) return null;
		if ('value' in c) return c.value === '' ? '' : c.value;
		if (busy.has(key)) throw new Error(`circular reference at ${key}`);
		busy.add(key);
		const v = scalar(evaluate(parse(c.formula)));
		busy.delete(key);
		results.set(key, v);
		return v;
	};
	const evaluate = (n: Node): Value => {
		switch (n.kind) {
			case 'lit':
				return n.value;
			case 'ref':
				return cell(n.col, n.row);
			case 'range': {
				const rows: Scalar[][] = [];
				for (let r = n.from[1]; r <= n.to[1]; r++) {
					const line: Scalar[] = [];
					for (let c = n.from[0]; c <= n.to[0]; c++) line.push(cell(c, r));
					rows.push(line);
				}
				return rows;
			}
			case 'unary': {
				const x = toNumber(scalar(evaluate(n.arg)));
				if (isError(x)) return x;
				return n.op === '-' ? -x : n.op === '%' ? x / 100 : x;
			}
			case 'binary':
				return binaryOp(n.op, scalar(evaluate(n.left)), scalar(evaluate(n.right)));
			case 'call': {
				const fn = FUNCTIONS[n.name];
				if (!fn) throw new Error(`the worksheets' evaluator has no ${n.name}()`);
				return fn(n.args, evaluate);
			}
		}
	};
	for (const [key, c] of cells) {
		if ('formula' in c) {
			const m = /^([A-Z]+)(\d+)$/.exec(key)!;
			cell(columnNumber(m[1]), Number(m[2]));
		}
	}
	return results;
}

function binaryOp(op: string, a: Scalar, b: Scalar): Scalar {
	if (isError(a)) return a;
	if (isError(b)) return b;
	if (op === '&') return toText(a) + toText(b);
	if (['=', '<>', '<', '>', '<=', '>='].includes(op)) {
		const c = compare(a, b);
		return { '=': c === 0, '<>': c !== 0, '<': c < 0, '>': c > 0, '<=': c <= 0, '>=': c >= 0 }[op]!;
	}
	const x = toNumber(a);
	const y = toNumber(b);
	if (isError(x)) return x;
	if (isError(y)) return y;
	switch (op) {
		case '+':
			return x + y;
		case '-':
			return x - y;
		case '*':
			return x * y;
		case '/':
			return y === 0 ? err('#DIV/0!') : x / y;
		case '^':
			return x ** y;
	}
	throw new Error(`unknown operator ${op}`);
}
