// No page or layout `load` writes to the database. Loads run on GET, and GETs are made by more than
// readers: hovering a link preloads its page (data-sveltekit-preload-data="hover" in app.html), and
// browsers, link checkers and chat previews prefetch. A lesson once counted as read on a hover
// (issue 12). Writes belong in actions and POST endpoints, which only a real press sends.
//
// This follows every function a load reaches, across modules, by reading the source: a write is
// Drizzle's insert/update/delete on a database handle (named `db` or `tx` throughout, as domain
// functions take it) or SQL that inserts, updates or deletes.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const SRC = join(process.cwd(), 'src');
const ROUTES = join(SRC, 'routes');

/**
 * Loads that still write, each with the module through which it does (a file or folder under src/)
 * and why it is let be. A new write in a load fails the test, as does a write in these routes through
 * another module.
 */
const KNOWN: Record<string, { through: string; why: string }[]> = {
	'courses/[slug]/quiz/[quiz]/+page.server.ts': [
		{
			through: 'lib/server/quiz/',
			why: 'hands in attempts whose time ran out with the page closed; left with the quiz engine'
		}
	],
	'courses/[slug]/quiz/[quiz]/[attempt]/+page.server.ts': [
		{ through: 'lib/server/quiz/', why: 'the same, for the attempt shown' }
	],
	// The check-in secret is derived from the certificate signing key, which is stored once, on its
	// first use on a database (certificates/keystore.ts): a one-time key set-up, not the reader's data.
	'workshops/[id]/sessions/[sessionId]/code/+page.server.ts': [
		{
			through: 'lib/server/certificates/keystore.ts',
			why: 'the signing key the check-in secret derives from is stored on its first use'
		}
	],
	'checkin/[code]/+page.server.ts': [
		{
			through: 'lib/server/certificates/keystore.ts',
			why: 'the same key, read to tell an expired code before the button is pressed'
		}
	],
	// The unsubscribe secret derives from the same key (certificates/derived-secret.ts).
	'unsubscribe/[token]/+page.server.ts': [
		{
			through: 'lib/server/certificates/keystore.ts',
			why: 'the same key, read to tell a link that is not ours before the button is pressed'
		}
	],
	'verify/[code]/+page.server.ts': [
		{
			through: 'lib/server/throttle/',
			why: 'counts lookups of unknown codes per address: a throttle on GETs is on GETs by design'
		},
		{ through: 'lib/server/certificates/verify-throttle.ts', why: 'the same throttle, before' }
	]
};

/** A function on the way to a write, and the file (under src/) that defines it. */
interface Step {
	name: string;
	file: string;
}

interface Module {
	/** Top-level functions (declarations and `const f = () => …`; `const g = f` too) by name. */
	functions: Map<string, ts.Node>;
	/** Imported names: where from, and the name exported there ('*' for a namespace). */
	imports: Map<string, { file: string; name: string }>;
	/** `export … from`: everything ('*'), or exported name → name in that module. */
	reexports: { file: string; names: '*' | Map<string, string> }[];
}

function resolveImport(from: string, spec: string): string | null {
	const base = spec.startsWith('$lib/')
		? join(SRC, 'lib', spec.slice(5))
		: spec.startsWith('.')
			? resolve(dirname(from), spec)
			: null; // packages; $db is the schema, $app the framework
	if (!base) return null;
	for (const file of [base, `${base}.ts`, join(base, 'index.ts')])
		if (existsSync(file) && statSync(file).isFile()) return file;
	return null;
}

const modules = new Map<string, Module>();
function moduleAt(file: string): Module {
	let module = modules.get(file);
	if (module) return module;
	module = { functions: new Map(), imports: new Map(), reexports: [] };
	modules.set(file, module);
	const source = ts.createSourceFile(
		file,
		readFileSync(file, 'utf8'),
		ts.ScriptTarget.Latest,
		true
	);
	for (const statement of source.statements) {
		if (ts.isImportDeclaration(statement) && ts.isStringLiteral(statement.moduleSpecifier)) {
			const from = resolveImport(file, statement.moduleSpecifier.text);
			const bindings = statement.importClause?.namedBindings;
			if (!from || !bindings) continue;
			if (ts.isNamespaceImport(bindings))
				module.imports.set(bindings.name.text, { file: from, name: '*' });
			else
				for (const e of bindings.elements)
					module.imports.set(e.name.text, { file: from, name: (e.propertyName ?? e.name).text });
		} else if (ts.isExportDeclaration(statement) && statement.moduleSpecifier) {
			const from = resolveImport(file, (statement.moduleSpecifier as ts.StringLiteral).text);
			const clause = statement.exportClause;
			if (!from) continue;
			if (!clause || !ts.isNamedExports(clause)) module.reexports.push({ file: from, names: '*' });
			else
				module.reexports.push({
					file: from,
					names: new Map(clause.elements.map((e) => [e.name.text, (e.propertyName ?? e.name).text]))
				});
		} else if (ts.isFunctionDeclaration(statement) && statement.name) {
			module.functions.set(statement.name.text, statement);
		} else if (ts.isVariableStatement(statement)) {
			for (const d of statement.declarationList.declarations)
				if (ts.isIdentifier(d.name) && d.initializer)
					module.functions.set(d.name.text, d.initializer);
		}
	}
	return module;
}

/** Where a module's exported name is defined: the module and the node. */
function definition(file: string, name: string, depth = 0): { file: string; node: ts.Node } | null {
	if (depth > 20) return null;
	const module = moduleAt(file);
	const node = module.functions.get(name);
	if (node) return { file, node };
	const imported = module.imports.get(name);
	if (imported && imported.name !== '*') return definition(imported.file, imported.name, depth + 1);
	for (const r of module.reexports) {
		const original = r.names === '*' ? name : r.names.get(name);
		const found = original && definition(r.file, original, depth + 1);
		if (found) return found;
	}
	return null;
}

const WRITE_METHODS = new Set(['insert', 'update', 'delete']);
const HANDLE = /(^|\.)(db|tx)$/;
const WRITE_SQL = /\binsert\s+into\b|\bdelete\s+from\b|\bupdate\s+\S+\s+set\b/i;

/** Names referred to in a node (calls, and functions passed as values), not property names. */
function references(node: ts.Node, visit: (name: string, namespace?: string) => void) {
	const walk = (n: ts.Node): void => {
		if (ts.isPropertyAccessExpression(n) && ts.isIdentifier(n.expression))
			visit(n.name.text, n.expression.text);
		if (ts.isIdentifier(n)) {
			const p = n.parent;
			const isName =
				(ts.isPropertyAccessExpression(p) && p.name === n) ||
				(ts.isPropertyAssignment(p) && p.name === n) ||
				(ts.isVariableDeclaration(p) && p.name === n) ||
				ts.isParameter(p) ||
				ts.isBindingElement(p);
			if (!isName) visit(n.text);
		}
		ts.forEachChild(n, walk);
	};
	walk(node);
}

/** A direct write in a node, described ("insert on db", "SQL update"), or null. */
function directWrite(node: ts.Node): string | null {
	let found: string | null = null;
	const walk = (n: ts.Node): void => {
		if (found) return;
		if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression)) {
			const method = n.expression.name.text;
			const receiver = n.expression.expression.getText();
			if (WRITE_METHODS.has(method) && HANDLE.test(receiver)) found = `${method} on ${receiver}`;
		}
		if (ts.isTaggedTemplateExpression(n) && n.tag.getText() === 'sql') {
			const text = n.template.getText();
			if (WRITE_SQL.test(text)) found = `SQL: ${text.slice(1, 40).replace(/\s+/g, ' ')}…`;
		}
		ts.forEachChild(n, walk);
	};
	walk(node);
	return found;
}

/** The chain of functions by which `name` (defined in or imported into `file`) writes, or null. */
function writes(file: string, name: string, seen = new Set<string>()): (Step | string)[] | null {
	const found = definition(file, name);
	if (!found) return null;
	const key = `${found.file}#${name}`;
	if (seen.has(key)) return null;
	seen.add(key);
	const step = { name, file: relative(SRC, found.file).split('\\').join('/') };
	const direct = directWrite(found.node);
	if (direct) return [step, direct];
	let chain: (Step | string)[] | null = null;
	references(found.node, (ref, namespace) => {
		if (chain) return;
		const module = moduleAt(found.file);
		const from = namespace ? module.imports.get(namespace) : undefined;
		const deeper =
			namespace === undefined
				? writes(found.file, ref, seen)
				: from?.name === '*'
					? writes(from.file, ref, seen)
					: null;
		if (deeper) chain = [step, ...deeper];
	});
	return chain;
}

function serverLoads(dir = ROUTES): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
		e.isDirectory()
			? serverLoads(join(dir, e.name))
			: /^\+(page|layout)\.server\.ts$/.test(e.name)
				? [join(dir, e.name)]
				: []
	);
}

describe('page and layout loads', () => {
	it('write nothing, through any function they call', () => {
		const found: string[] = [];
		for (const file of serverLoads()) {
			const route = relative(ROUTES, file).split('\\').join('/');
			const chain = writes(file, 'load');
			if (!chain) continue;
			const steps = chain.filter((s): s is Step => typeof s !== 'string');
			const known = steps.some((s) => KNOWN[route]?.some((k) => s.file.startsWith(k.through)));
			const names = chain.map((s) => (typeof s === 'string' ? s : s.name));
			if (!known) found.push(`${route}: ${names.join(' → ')}`);
		}
		expect(found).toEqual([]);
	});

	it('are checked by a reader that sees writes through imports, re-exports and transactions', () => {
		const progress = join(SRC, 'lib/server/progress/index.ts');
		const catalogue = join(SRC, 'lib/server/courses/catalogue.ts');
		// recordActivity → moveTo: an update in SQL and an insert on the handle.
		expect(writes(progress, 'recordActivity')?.slice(0, 2)).toEqual([
			{ name: 'recordActivity', file: 'lib/server/progress/index.ts' },
			{ name: 'moveTo', file: 'lib/server/progress/index.ts' }
		]);
		expect(writes(progress, 'lessonStates')).toBeNull();
		// Its cache's Map.delete is not a write to the database.
		expect(writes(catalogue, 'lessonContent')).toBeNull();
		// Through `export * from` and an import of a route's own helper.
		expect(
			writes(join(ROUTES, 'courses/[slug]/[lesson]/+page.server.ts'), 'actions')
		).not.toBeNull();
	});
});
