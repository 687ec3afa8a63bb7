import { unified } from 'unified';
import rehypeParse from 'rehype-parse';
import rehypeSanitize, { defaultSchema, type Options as SanitizeSchema } from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import { parse } from 'svelte/compiler';
import { LESSON_COMPONENTS } from '$lib/components/lesson/names';
import { lessonComponentProps } from '$lib/components/lesson/props';

// Lessons are compiled to Svelte and evaluated on the server (compile.ts, render.ts). Anything a
// lesson's author writes between braces would run there, so before a lesson is compiled its template
// is checked to hold nothing but Markdown's HTML, the allowed components and constant values; after it
// is rendered, the HTML is sanitised. The same rules apply to shipped lessons and to lessons written
// in the web editor: the editor's author is trusted no more than the HTML allows.

const COMPONENTS = new Set<string>(LESSON_COMPONENTS);
const FORBIDDEN_ELEMENTS = new Set([
	'script',
	'style',
	'iframe',
	'frame',
	'frameset',
	'object',
	'embed',
	'applet',
	'base',
	'link',
	'meta',
	'form',
	'template',
	'noscript',
	'math'
]);

export interface TemplateProblem {
	/** Offset in the checked source. */
	at: number;
	message: string;
}

type AnyNode = { type: string; start: number; [key: string]: unknown };

/** A constant: a string, number, boolean or null, or arrays and plain objects of them. */
function isConstant(node: AnyNode | null | undefined): boolean {
	if (!node) return false;
	switch (node.type) {
		case 'Literal':
			return !('regex' in node && node.regex);
		case 'TemplateLiteral':
			return (node.expressions as unknown[]).length === 0;
		case 'UnaryExpression':
			return (
				(node.operator === '-' || node.operator === '+') &&
				(node.argument as AnyNode).type === 'Literal' &&
				typeof (node.argument as AnyNode).value === 'number'
			);
		case 'ArrayExpression':
			return (node.elements as (AnyNode | null)[]).every((e) => e !== null && isConstant(e));
		case 'ObjectExpression':
			return (node.properties as AnyNode[]).every(
				(p) =>
					p.type === 'Property' &&
					p.kind === 'init' &&
					!p.computed &&
					!p.method &&
					!p.shorthand &&
					isConstant(p.value as AnyNode)
			);
		default:
			return false;
	}
}

/** The value of a constant (see isConstant), as the component will receive it. */
function constantValue(node: AnyNode): unknown {
	switch (node.type) {
		case 'Literal':
			return node.value;
		case 'TemplateLiteral':
			return (node.quasis as { value: { cooked: string } }[]).map((q) => q.value.cooked).join('');
		case 'UnaryExpression': {
			const value = constantValue(node.argument as AnyNode) as number;
			return node.operator === '-' ? -value : value;
		}
		case 'ArrayExpression':
			return (node.elements as AnyNode[]).map(constantValue);
		case 'ObjectExpression':
			return Object.fromEntries(
				(node.properties as AnyNode[]).map((p) => {
					const key = p.key as AnyNode;
					return [
						key.type === 'Identifier' ? key.name : key.value,
						constantValue(p.value as AnyNode)
					];
				})
			);
		default:
			return undefined;
	}
}

/** An attribute's value: text, a constant in braces, or `true` when it has none. */
function attributeValue(attribute: AnyNode): unknown {
	if (attribute.value === true) return true;
	const parts = Array.isArray(attribute.value)
		? (attribute.value as AnyNode[])
		: [attribute.value as AnyNode];
	if (parts.length === 1 && parts[0].type === 'ExpressionTag')
		return constantValue(parts[0].expression as AnyNode);
	return parts
		.map((p) =>
			p.type === 'Text' ? String(p.data) : String(constantValue(p.expression as AnyNode))
		)
		.join('');
}

/** Checks a component's attributes against what it accepts (lesson/props.ts), once they are constants. */
function checkProps(node: AnyNode, problems: TemplateProblem[]) {
	const name = String(node.name) as keyof typeof lessonComponentProps;
	const attributes = (node.attributes as AnyNode[]).filter((a) => a.type === 'Attribute');
	const props = Object.fromEntries(attributes.map((a) => [String(a.name), attributeValue(a)]));
	const result = lessonComponentProps[name].safeParse(props);
	if (result.success) return;
	for (const issue of result.error.issues) {
		if (issue.code === 'unrecognized_keys') {
			problems.push({
				at: node.start,
				message: `<${name}> has no ${issue.keys.join(', ')}`
			});
			continue;
		}
		const key = String(issue.path[0] ?? '');
		const attribute = attributes.find((a) => a.name === key);
		const where =
			issue.path.length > 1
				? `${key}${issue.path
						.slice(1)
						.map((p) => `[${String(p)}]`)
						.join('')}`
				: key;
		problems.push({
			at: attribute?.start ?? node.start,
			message: `<${name}> ${where || 'attributes'}: ${issue.message}`
		});
	}
}

// Browsers drop tabs and line breaks anywhere in an address, and spaces and control characters before
// it: `java&#9;script:` is a javascript: address.
const UNSAFE_URL = /^(javascript|vbscript|data):/i;
const addressOf = (value: string) =>
	// eslint-disable-next-line no-control-regex -- browsers strip them before a scheme
	value.replace(/^[\u0000-\u0020]+/, '').replace(/[\t\n\r]/g, '');

function checkAttributes(node: AnyNode, component: boolean, problems: TemplateProblem[]) {
	for (const attribute of node.attributes as AnyNode[]) {
		if (attribute.type !== 'Attribute') {
			problems.push({
				at: attribute.start,
				message: `${attribute.type.replace(/Directive$/, ' directives').toLowerCase()} and other Svelte features are not allowed in a lesson`
			});
			continue;
		}
		const name = String(attribute.name);
		if (/^on/i.test(name)) {
			problems.push({ at: attribute.start, message: `the event handler ${name} is not allowed` });
			continue;
		}
		const values =
			attribute.value === true
				? []
				: Array.isArray(attribute.value)
					? (attribute.value as AnyNode[])
					: [attribute.value as AnyNode];
		for (const value of values) {
			if (value.type === 'ExpressionTag' && !isConstant(value.expression as AnyNode)) {
				problems.push({
					at: value.start,
					message: `the value of ${name} must be a constant (a number, text, or a list of them), not an expression`
				});
			}
			if (!component && value.type === 'Text' && UNSAFE_URL.test(addressOf(String(value.data)))) {
				problems.push({
					at: value.start,
					message: `${name} must not be a javascript: or data: address`
				});
			}
		}
	}
}

function walk(nodes: AnyNode[], problems: TemplateProblem[]) {
	for (const node of nodes) {
		switch (node.type) {
			case 'Text':
			case 'Comment':
				break;
			case 'ExpressionTag':
				if (!isConstant(node.expression as AnyNode)) {
					problems.push({
						at: node.start,
						message:
							'braces { } hold code, which lessons may not contain; to show a brace, put it in `code`'
					});
				}
				break;
			case 'HtmlTag':
				// mdsvex writes highlighted code blocks as {@html `…`} of constant text.
				if (!isConstant(node.expression as AnyNode)) {
					problems.push({ at: node.start, message: '{@html} is not allowed in a lesson' });
				}
				break;
			case 'RegularElement': {
				const name = String(node.name).toLowerCase();
				if (FORBIDDEN_ELEMENTS.has(name)) {
					problems.push({ at: node.start, message: `<${name}> is not allowed in a lesson` });
					break;
				}
				checkAttributes(node, false, problems);
				walk((node.fragment as { nodes: AnyNode[] }).nodes, problems);
				break;
			}
			case 'Component':
				if (!COMPONENTS.has(String(node.name))) {
					problems.push({
						at: node.start,
						message: `unknown component <${node.name}>; lessons may use ${LESSON_COMPONENTS.join(', ')}`
					});
					break;
				}
				{
					const before = problems.length;
					checkAttributes(node, true, problems);
					// Shapes are checked only once every value is a constant.
					if (problems.length === before) checkProps(node, problems);
				}
				walk((node.fragment as { nodes: AnyNode[] }).nodes, problems);
				break;
			default:
				problems.push({
					at: node.start,
					message: `${node.type
						.replace(/(Block|Tag|Element)$/, '')
						.replace(/([a-z])([A-Z])/g, '$1 $2')
						.toLowerCase()} is a Svelte feature that lessons may not use`
				});
		}
	}
}

/** Checks the Svelte that mdsvex made of a lesson: only HTML, allowed components and constants. */
export function checkTemplate(svelteSource: string): TemplateProblem[] {
	const problems: TemplateProblem[] = [];
	let root: { fragment: { nodes: AnyNode[] }; instance: unknown; module: unknown; css: unknown };
	try {
		root = parse(svelteSource, { modern: true }) as unknown as typeof root;
	} catch (error) {
		const e = error as { message?: string; start?: { character?: number } };
		return [
			{ at: e.start?.character ?? 0, message: `Svelte: ${(e.message ?? '').split('\n')[0]}` }
		];
	}
	if (root.instance || root.module)
		problems.push({ at: 0, message: '<script> is not allowed in a lesson' });
	if (root.css) problems.push({ at: 0, message: '<style> is not allowed in a lesson' });
	walk(root.fragment.nodes, problems);
	return problems;
}

const attributes = defaultSchema.attributes ?? {};

/**
 * What rendered lessons may contain: GitHub's rules (defaultSchema) plus what the lesson components
 * render (popovers, calculator islands, labelled sections), with element ids kept as written because
 * the components point at them. No script, no event handlers, no style, no javascript: addresses;
 * data: addresses only for images.
 */
const schema: SanitizeSchema = {
	...defaultSchema,
	// Ids stay as written (the components point at them); names are prefixed, because a `name` on an
	// image overrides document's own properties (<img name="querySelector">), which ids alone cannot.
	clobber: ['name'],
	clobberPrefix: 'user-content-',
	tagNames: [
		...(defaultSchema.tagNames ?? []),
		'aside',
		'section',
		'figure',
		'figcaption',
		'dfn',
		'button',
		'label',
		'fieldset',
		'legend',
		'output',
		'mark',
		'abbr'
	],
	attributes: {
		...attributes,
		'*': [
			...(attributes['*'] ?? []),
			'className',
			'role',
			'ariaLabel',
			'ariaLabelledBy',
			'ariaDescribedBy',
			'ariaLive',
			'ariaHidden',
			'popover'
		],
		// Markdown marks outside links nofollow; <Download> asks the browser to save the file.
		a: ['href', ['rel', 'nofollow'], 'download'],
		img: [...(attributes.img ?? []), 'loading', 'decoding'],
		section: ['dataIsland', 'dataProps'],
		button: [['type', 'button'], 'popoverTarget'],
		input: ['min', 'max', 'step', 'inputMode', ['type', 'number', 'text']],
		code: [],
		span: [],
		ol: [],
		ul: [],
		li: [],
		h2: []
	},
	required: {},
	protocols: {
		...defaultSchema.protocols,
		src: ['http', 'https', 'data']
	}
};

const sanitiser = unified()
	.use(rehypeParse, { fragment: true })
	.use(rehypeSanitize, schema)
	.use(rehypeStringify);

/** Sanitises rendered lesson HTML; data: addresses survive only as raster images. */
export function sanitiseLessonHtml(html: string): string {
	const clean = String(sanitiser.processSync(html));
	return clean.replace(/\ssrc="data:(?!image\/(?:png|jpeg|gif|webp);base64,)[^"]*"/gi, '');
}
