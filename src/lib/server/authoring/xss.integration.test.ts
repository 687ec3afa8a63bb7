import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unified } from 'unified';
import rehypeParse from 'rehype-parse';
import type { Element, Root, RootContent } from 'hast';
import { stringify } from 'yaml';
import { courses, lessons, lessonVersions, quizzes } from '$db/schema';
import { createTestDatabase, testEngines } from '../db/test-helpers';
import type { Database, DatabaseHandle } from '../db';
import { bytesOf } from '../courses/files';
import { makeUser } from '$testing/factories';
import { createCourse, saveMeta, type CourseMetaInput } from './courses';
import { draftFile, saveDraftFile } from './drafts';
import { lessonFileText } from './outline';
import { publishDraft } from './publish';

// Lessons written in the browser are trusted no more than the HTML allows (safety.ts): every vector
// below is put in a lesson and published. Either publishing is refused, with a problem in that lesson,
// or what learners get is harmless HTML.

type Vector = { name: string; body: string; refused?: true; published?: true };

const v = (name: string, body: string, refused?: true): Vector => ({ name, body, refused });
/** Ordinary writing that only looks like an attack: it must be published, and harmless. */
const prose = (name: string, body: string): Vector => ({ name, body, published: true });

const VECTORS: Vector[] = [
	v('script', '<script>alert(1)</script>', true),
	v('script upper case', '<SCRIPT SRC=https://evil.example/x.js></SCRIPT>', true),
	v('img onerror', '<img src=x onerror=alert(1)>', true),
	v('img onerror, slash', '<img src=x onerror=alert(1)//>'),
	v('img javascript src', '<IMG SRC="javascript:alert(\'XSS\');">', true),
	v('svg onload', '<svg onload=alert(1)>', true),
	v('svg script', '<svg><script>alert(1)</script></svg>', true),
	v('svg a xlink', '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>'),
	v('svg animate onbegin', '<svg><animate onbegin=alert(1) attributeName=x dur=1s /></svg>', true),
	v('a javascript', '<a href="javascript:alert(1)">x</a>', true),
	v('a mixed case', '<a href="JaVaScRiPt:alert(1)">x</a>', true),
	v('a entity', '<a href="&#106;avascript:alert(1)">x</a>', true),
	v('a hex entity', '<a href="&#x6A;&#x61;vascript:alert(1)">x</a>', true),
	v('a named entity colon', '<a href="javascript&colon;alert(1)">x</a>'),
	v('a tab inside', '<a href="java&#x09;script:alert(1)">x</a>', true),
	v('a leading space', '<a href=" javascript:alert(1)">x</a>', true),
	v('a vbscript', '<a href="vbscript:msgbox(1)">x</a>', true),
	v(
		'a data html',
		'<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
		true
	),
	v('img data html', '<img src="data:text/html,<script>alert(1)</script>">'),
	v(
		'img data svg',
		'<img src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+" alt="x">',
		true
	),
	v('iframe', '<iframe src="https://evil.example"></iframe>', true),
	v('iframe srcdoc', '<iframe srcdoc="<script>alert(1)</script>"></iframe>', true),
	v('object', '<object data="https://evil.example/x.swf"></object>', true),
	v('embed', '<embed src="https://evil.example/x.swf">', true),
	v('math xlink', '<math><mi xlink:href="javascript:alert(1)">x</mi></math>', true),
	v('details ontoggle', '<details open ontoggle=alert(1)><summary>x</summary></details>', true),
	v('body onload', '<body onload=alert(1)>', true),
	v('input onfocus', '<input autofocus onfocus=alert(1)>', true),
	v('video source onerror', '<video><source onerror="alert(1)"></video>', true),
	v('style import', "<style>@import 'https://evil.example/x.css';</style>", true),
	v('style attribute', '<div style="background:url(javascript:alert(1))">x</div>'),
	v('link stylesheet', '<link rel=stylesheet href=https://evil.example/x.css>', true),
	v(
		'form formaction',
		'<form action=https://evil.example><button formaction=javascript:alert(1)>x</button></form>',
		true
	),
	v('button formaction', '<button formaction="https://evil.example">x</button>'),
	v('meta refresh', '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">', true),
	v('base href', '<base href="https://evil.example/">', true),
	v('template', '<template><script>alert(1)</script></template>', true),
	v('noscript mutation', '<noscript><p title="</noscript><img src=x onerror=alert(1)>">', true),
	v('isindex', '<isindex action=javascript:alert(1) type=image>', true),
	v(
		'table background',
		'<table background="javascript:alert(1)"><tr><td>x</td></tr></table>',
		true
	),
	v('broken img', '<img src="x" onerror="alert(1)"', true),
	v('nested script', '<<script>script>alert(1)<</script>/script>', true),
	v('double quotes break', '<img """><script>alert(1)</script>">', true),
	v('braces', '{alert(1)}', true),
	v('braces assignment', 'Văn bản {globalThis.__xss = 1} tiếp.', true),
	v('html tag constant', "{@html '<script>alert(1)</script><img src=x onerror=alert(1)>'}"),
	v('html tag expression', '{@html globalThis.location}', true),
	v('if block', '{#if true}<b>x</b>{/if}', true),
	v('const tag', '{@const a = alert(1)}', true),
	v('component expression', '<Callout type={globalThis.process.exit()}>x</Callout>', true),
	v('component spread', '<Callout {...globalThis}>x</Callout>', true),
	v('component event', '<Callout onclick={() => alert(1)}>x</Callout>', true),
	prose('component title text', '<Callout title="&lt;img src=x onerror=alert(1)&gt;">x</Callout>'),
	prose(
		'component title script',
		'<Callout title="&lt;script&gt;alert(1)&lt;/script&gt;">x</Callout>'
	),
	v('figure javascript', '<Figure src="javascript:alert(1)" alt="x" />', true),
	v(
		'figure data svg',
		'<Figure src="data:image/svg+xml,&lt;svg onload=alert(1)&gt;" alt="x" />',
		true
	),
	v(
		'figure onerror',
		'<Figure src="https://example.com/a.png" alt="x" onerror="alert(1)" />',
		true
	),
	prose('calculator title', '<WaterBalance title="&lt;img src=x onerror=alert(1)&gt;" />'),
	v('unknown component', '<Evil />', true),
	v('svelte head', '<svelte:head><script>alert(1)</script></svelte:head>', true),
	v('svelte element', '<svelte:element this="script">alert(1)</svelte:element>', true),
	v('svelte window', '<svelte:window onload={alert} />', true),
	v('bind directive', '<input bind:value={globalThis.x}>', true),
	v('use directive', '<div use:alert>x</div>', true),
	v('markdown link', '[x](javascript:alert(1))', true),
	v('markdown link entity', '[x](&#106;avascript:alert(1))', true),
	v('markdown image', '![x](javascript:alert(1))', true),
	v(
		'markdown image data',
		'![x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
		true
	),
	v('markdown autolink', '<javascript:alert(1)>', true),
	v('markdown reference', '[x][r]\n\n[r]: javascript:alert(1)', true),
	// Front matter at the start of a body is refused (see below); further down it is a rule.
	prose('front matter mid-body', '---\nlayout: evil\n---\n\nVăn bản.'),
	prose('code block', '```html\n<script>alert(1)</script>\n{alert(1)}\n```'),
	prose('inline code', 'Viết `<img src=x onerror=alert(1)>` và `{alert(1)}` như chữ.'),
	prose(
		'escaped text',
		'Chữ &lt;script&gt;alert(1)&lt;/script&gt; và &lt;img src=x onerror=alert(1)&gt;.'
	),
	// mdsvex decodes &#123; back into a brace, so this is code again: refused, never run.
	v('entity braces', 'Chữ &#123;alert(1)&#125; và &lbrace;alert(1)&rbrace;.', true),
	prose('name clobbering', '<img name="querySelector" src="https://example.com/a.png" alt="x">'),
	prose('target blank', '<a href="https://example.com" target="_blank">x</a>')
];

/** Elements that must never reach a learner's page. */
const FORBIDDEN = new Set([
	'script',
	'iframe',
	'frame',
	'frameset',
	'object',
	'embed',
	'applet',
	'style',
	'link',
	'base',
	'meta',
	'form',
	'template',
	'noscript',
	'svg',
	'math',
	'isindex'
]);

const RASTER_DATA = /^data:image\/(png|jpeg|gif|webp)[;,]/i;

/** Everything wrong with a piece of stored lesson HTML, as learners' browsers would read it. */
function dangersIn(html: string): string[] {
	const found: string[] = [];
	const tree = unified().use(rehypeParse, { fragment: true }).parse(html) as Root;
	const visit = (nodes: RootContent[]) => {
		for (const node of nodes) {
			if (node.type !== 'element') continue;
			const element = node as Element;
			if (FORBIDDEN.has(element.tagName)) found.push(`<${element.tagName}>`);
			for (const [key, raw] of Object.entries(element.properties ?? {})) {
				if (/^on/i.test(key)) found.push(`${element.tagName}[${key}]`);
				if (key === 'style') found.push(`${element.tagName}[style]`);
				if (key === 'formAction' || key === 'action') found.push(`${element.tagName}[${key}]`);
				if (key === 'target') found.push(`${element.tagName}[target]`);
				if (key === 'name' && !String(raw).startsWith('user-content-'))
					found.push(`${element.tagName}[name=${String(raw)}]`);
				const value = (Array.isArray(raw) ? raw.join(' ') : String(raw))
					// eslint-disable-next-line no-control-regex -- browsers strip them before a scheme
					.replace(/^[\u0000-\u0020]+/, '')
					.replace(/[\t\n\r]/g, '');
				if (/^(javascript|vbscript):/i.test(value))
					found.push(`${element.tagName}[${key}]=${value}`);
				if (/^data:/i.test(value) && !RASTER_DATA.test(value))
					found.push(`${element.tagName}[${key}]=${value}`);
			}
			visit(element.children);
		}
	};
	visit(tree.children);
	// The raw text, outside attribute values, holds no markup either (text is escaped: &#x3C;).
	const outsideAttributes = html.replace(/="[^"]*"/g, '=""');
	for (const pattern of [
		/<script/i,
		/<(iframe|object|embed|style|base|meta|form|svg|math)\b/i,
		/<[a-z][^>]*\son[a-z]+\s*=/i
	]) {
		if (pattern.test(outsideAttributes)) found.push(`raw ${pattern}`);
	}
	return found;
}

const META: CourseMetaInput = {
	titleVi: 'Khóa học an toàn',
	summaryVi: 'Mọi cách tấn công đều phải vô hại.',
	audiences: ['student'],
	directiveItems: ['1b'],
	hours: 1,
	enrolment: 'open',
	certificateEnabled: false,
	validityMonths: null,
	completeOnReachingEnd: false,
	listed: true
};

describe.each(testEngines)('lessons written in the browser, against XSS, on %s', (engine) => {
	let handle: DatabaseHandle;
	let db: Database;
	let userId: string;
	let courseId: string;
	const SLUG = 'xss';
	const PATH = '02-thu.md';

	async function put(path: string, text: string, cid = courseId) {
		const current = await draftFile(db, cid, path);
		const saved = await saveDraftFile(
			db,
			cid,
			path,
			bytesOf(text),
			current?.revision ?? null,
			userId
		);
		if (!saved.ok) throw new Error(`could not save ${path}`);
	}

	async function currentLesson(slug: string, cid = courseId) {
		const [course] = await db.select().from(courses).where(eq(courses.id, cid));
		const [row] = await db
			.select({
				title: lessonVersions.title,
				html: lessonVersions.html,
				source: lessonVersions.source
			})
			.from(lessonVersions)
			.innerJoin(lessons, eq(lessonVersions.lessonId, lessons.id))
			.where(
				and(
					eq(lessonVersions.courseVersionId, course.currentVersionId!),
					eq(lessons.slug, slug),
					eq(lessons.courseId, cid)
				)
			);
		return row;
	}

	beforeAll(async () => {
		handle = await createTestDatabase(engine);
		db = handle.db;
		userId = (await makeUser(db, { fullName: 'Tác Giả Thử' })).id;
		const created = await createCourse(db, { ...META, slug: SLUG }, userId);
		if (!created.ok) throw new Error(created.error);
		courseId = created.id;
		await put(
			'01-an-toan.md',
			lessonFileText({ title: 'An toàn', minutes: 5, required: true }, 'Một bài bình thường.')
		);
	});
	afterAll(async () => {
		await handle?.close();
	});

	it('checks HTML the way the assertions below rely on', () => {
		expect(dangersIn('<p>ok <a href="https://example.com">x</a></p>')).toEqual([]);
		expect(dangersIn('<img src="data:image/png;base64,AAAA">')).toEqual([]);
		expect(dangersIn('<p aria-label="<script>">x</p>')).toEqual([]);
		expect(dangersIn('<p>&#x3C;script>alert(1)</p>')).toEqual([]);
		expect(dangersIn('<img src=x onerror=alert(1)>')).toContain('img[onError]');
		expect(dangersIn('<a href="java\tscript:x">x</a>')).toHaveLength(1);
		expect(dangersIn('<img src="data:image/svg+xml,x">')).toHaveLength(1);
		expect(dangersIn('<script>x</script>').length).toBeGreaterThan(0);
		expect(dangersIn('<div style="x">y</div>')).toEqual(['div[style]']);
	});

	it.each(VECTORS)(
		'$name: refused in its lesson, or published harmless',
		async ({ body, refused: mustRefuse, published: mustPublish }) => {
			const text = lessonFileText(
				{ title: 'Thử', minutes: 5, required: true },
				`Mở đầu.\n\n${body}\n\nKết thúc.`
			);
			await put(PATH, text);
			const result = await publishDraft(db, courseId, userId, 'xss-build');
			expect('unchanged' in result, 'each vector is new content').toBe(false);
			if (!result.ok && 'problems' in result) {
				expect(mustPublish, 'this vector must be published, not refused').toBeUndefined();
				expect(result.problems.length).toBeGreaterThan(0);
				const lines = text.split('\n').length;
				for (const problem of result.problems) {
					expect(problem.file).toBe(`${SLUG}/${PATH}`);
					expect(problem.line).toBeGreaterThanOrEqual(5);
					expect(problem.line).toBeLessThanOrEqual(lines);
					expect(problem.message.length).toBeGreaterThan(0);
				}
				return;
			}
			expect(mustRefuse, 'this vector must be refused, not published').toBeUndefined();
			expect(result.ok).toBe(true);
			const lesson = await currentLesson('thu');
			expect(lesson.source.vi).toContain(body);
			expect(dangersIn(lesson.html.vi), lesson.html.vi).toEqual([]);
			expect(lesson.html.vi).toContain('Mở đầu.');
			expect(lesson.html.vi).toContain('Kết thúc.');
		}
	);

	// Declared, not tallied from the tests above: a test must not rely on others having run.
	it('tries attacks that must be refused and writing that must be published, sanitised', () => {
		expect(VECTORS.filter((vector) => vector.refused).length).toBeGreaterThan(30);
		expect(VECTORS.filter((vector) => vector.published).length).toBeGreaterThan(5);
	});

	it('points at the line of the offending text', async () => {
		for (const body of [
			'<script>alert(1)</script>',
			'{alert(1)}',
			'[x](javascript:alert(1))',
			'<b onclick="alert(1)">x</b>',
			'<iframe src="https://evil.example"></iframe>'
		]) {
			const text = lessonFileText(
				{ title: 'Thử', minutes: 5, required: true },
				`Mở đầu.\n\nDòng hai.\n\n${body}\n\nKết thúc.`
			);
			expect(text.split('\n')[9]).toBe(body);
			await put(PATH, text);
			const result = await publishDraft(db, courseId, userId, 'xss-build');
			expect('problems' in result && result.problems.map((p) => [p.file, p.line]), body).toEqual([
				[`${SLUG}/${PATH}`, 10]
			]);
		}
	});

	it('shows code and escaped text as text', async () => {
		const text = lessonFileText(
			{ title: 'Thử', minutes: 5, required: true },
			'Chữ &lt;script&gt; thôi.\n\n`<img src=x onerror=alert(1)>`'
		);
		await put(PATH, text);
		expect((await publishDraft(db, courseId, userId, 'xss-build')).ok).toBe(true);
		const { html } = await currentLesson('thu');
		expect(html.vi).toContain('&#x3C;script>');
		expect(html.vi).toContain('<code>&#x3C;img src=x onerror=alert(1)></code>');
	});

	it('never runs a lesson whose template holds code, however it is written', async () => {
		const g = globalThis as Record<string, unknown>;
		const attempts = [
			'{globalThis.__pwned = 1}',
			'Văn bản {(() => { globalThis.__pwned = 2 })()} tiếp.',
			'<Callout type={globalThis.__pwned = 3}>x</Callout>',
			'<Figure src="a.png" alt={globalThis.__pwned = 4} />',
			'<p title={globalThis.__pwned = 5}>x</p>',
			'{@html globalThis.__pwned = 6}',
			'{#each [globalThis.__pwned = 7] as x}{x}{/each}',
			'<PaybackCalculator investment={globalThis.__pwned = 8} />',
			'<Callout title={`${globalThis.__pwned = 9}`}>x</Callout>',
			'<Callout {...{ title: (globalThis.__pwned = 10) }}>x</Callout>',
			'---\ntitle: x\n---\n<script>globalThis.__pwned = 11</script>\n\nx',
			'<script context="module">globalThis.__pwned = 12</script>\n\nx',
			'<svelte:options runes />{globalThis.__pwned = 13}'
		];
		for (const body of attempts) {
			delete g.__pwned;
			await put(PATH, lessonFileText({ title: 'Thử', minutes: 5, required: true }, body));
			const result = await publishDraft(db, courseId, userId, 'xss-build');
			expect(result.ok, body).toBe(false);
			expect(
				'problems' in result && result.problems.every((p) => p.file === `${SLUG}/${PATH}`),
				body
			).toBe(true);
			expect(g.__pwned, body).toBeUndefined();
			expect(g.__xss, body).toBeUndefined();
		}
		expect(typeof process.exit).toBe('function');
	});

	describe('text fields', () => {
		// Every vector short enough for a title, stored as written: the pages show them as text.
		const TITLES = VECTORS.map((x) => x.body).filter((b) => b.length <= 160 && !b.includes('\n'));
		let titleCourse: string;

		beforeAll(async () => {
			const created = await createCourse(db, { ...META, slug: 'xss-tieu-de' }, userId);
			if (!created.ok) throw new Error(created.error);
			titleCourse = created.id;
			for (const [i, title] of TITLES.entries()) {
				const n = String(i + 1).padStart(2, '0');
				await put(
					`01-mo-dun/${n}-bai-${i + 1}.md`,
					lessonFileText({ title, minutes: 5, required: true }, 'Nội dung bình thường.'),
					titleCourse
				);
			}
			await put(
				'01-mo-dun/module.yaml',
				stringify({ title: { vi: TITLES[0], en: TITLES[1] } }),
				titleCourse
			);
			await put(
				'kiem-tra.quiz.yaml',
				stringify({
					title: { vi: TITLES[2] },
					description: { vi: TITLES[3] },
					questions: TITLES.map((text, i) => ({
						id: `cau-${i + 1}`,
						type: 'single',
						text,
						explanation: text,
						options: [{ text, correct: true, feedback: text }, { text: `${text} (sai)` }]
					}))
				}),
				titleCourse
			);
			const meta = (await draftFile(db, titleCourse, 'course.yaml'))!;
			const saved = await saveMeta(
				db,
				titleCourse,
				{
					...META,
					titleVi: TITLES[4],
					summaryVi: TITLES[5],
					titleEn: TITLES[6],
					summaryEn: TITLES[7]
				},
				meta.revision,
				userId
			);
			expect(saved.ok).toBe(true);
			const result = await publishDraft(db, titleCourse, userId, 'xss-build');
			expect(result).toEqual({ ok: true, number: 1 });
		});

		it('has many vectors to try', () => {
			expect(TITLES.length).toBeGreaterThan(40);
		});

		it('stores lesson and module titles exactly as typed', async () => {
			const rows = await db
				.select()
				.from(lessons)
				.where(eq(lessons.courseId, titleCourse))
				.orderBy(lessons.position);
			expect(rows.map((r) => r.title.vi)).toEqual(TITLES);
			expect(rows[0].moduleTitle).toEqual({ vi: TITLES[0], en: TITLES[1] });
			for (const [i, row] of rows.entries()) {
				const version = await currentLesson(row.slug, titleCourse);
				expect(version.title.vi).toBe(TITLES[i]);
			}
		});

		it('stores quiz text exactly as typed', async () => {
			const [quiz] = await db.select().from(quizzes).where(eq(quizzes.courseId, titleCourse));
			expect(quiz.title).toEqual({ vi: TITLES[2] });
			const definition = quiz.definition as {
				description: { vi: string };
				questions: {
					text: string;
					explanation: string;
					options: { text: string; feedback?: string }[];
				}[];
			};
			expect(definition.description.vi).toBe(TITLES[3]);
			expect(definition.questions.map((q) => q.text)).toEqual(TITLES);
			expect(definition.questions.map((q) => q.explanation)).toEqual(TITLES);
			expect(definition.questions.map((q) => q.options[0].text)).toEqual(TITLES);
			expect(definition.questions.map((q) => q.options[0].feedback)).toEqual(TITLES);
		});

		it('stores the course title and summary exactly as typed', async () => {
			const [course] = await db.select().from(courses).where(eq(courses.id, titleCourse));
			expect(course.title).toEqual({ vi: TITLES[4], en: TITLES[6] });
			expect(course.summary).toEqual({ vi: TITLES[5], en: TITLES[7] });
		});
	});
});
