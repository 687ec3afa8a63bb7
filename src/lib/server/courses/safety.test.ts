import { describe, expect, it } from 'vitest';
import { unified } from 'unified';
import rehypeParse from 'rehype-parse';
import rehypeStringify from 'rehype-stringify';
import { loadCourses } from './loader';
import { renderUnsanitised } from './render';
import { checkTemplate, sanitiseLessonHtml } from './safety';

const normalise = (html: string) =>
	String(unified().use(rehypeParse, { fragment: true }).use(rehypeStringify).processSync(html));

describe('sanitising rendered lessons', () => {
	it('leaves every shipped lesson exactly as rendered', async () => {
		const { courses } = await loadCourses('courses');
		let count = 0;
		for (const course of courses)
			for (const lesson of course.lessons)
				for (const text of [lesson.text.vi, lesson.text.en]) {
					if (!text) continue;
					const html = renderUnsanitised(text.serverJs!, course.slug);
					expect(sanitiseLessonHtml(html), text.file).toBe(normalise(html));
					count++;
				}
		expect(count).toBeGreaterThan(30);
	});

	it('keeps raster data: images and drops other data: and javascript: addresses', () => {
		const png = 'data:image/png;base64,iVBORw0KGgo=';
		expect(sanitiseLessonHtml(`<img src="${png}" alt="a">`)).toContain(png);
		expect(
			sanitiseLessonHtml('<img src="data:image/svg+xml,<svg onload=alert(1)>" alt="a">')
		).not.toContain('data:');
		expect(sanitiseLessonHtml('<a href="javascript:alert(1)">x</a>')).toBe('<a>x</a>');
		expect(sanitiseLessonHtml('<a href="data:text/html,<script>">x</a>')).toBe('<a>x</a>');
	});
});

describe('checking lesson templates', () => {
	it('accepts constants and refuses code', () => {
		expect(checkTemplate('<p>{1} {"a"} {-2}</p>')).toEqual([]);
		expect(checkTemplate('<X a={[{ label: "a", value: 2 }]} />').map((p) => p.message)).toEqual([
			expect.stringContaining('unknown component <X>')
		]);
		expect(checkTemplate('<Callout type={"note"}>x</Callout>')).toEqual([]);
		for (const code of [
			'{alert(1)}',
			'{process.exit()}',
			'<b onclick="x">y</b>',
			'<b on:click={x}>y</b>',
			'<a href={url}>y</a>',
			'{#if true}x{/if}',
			'{@html x}',
			'{@const a = 1}',
			'<svelte:head></svelte:head>',
			'<Callout type={`${x}`}>x</Callout>',
			'<Figure src="a.png" alt={a} />',
			'<PaybackCalculator investment={{ a }} />',
			'<a href="javascript:alert(1)">x</a>',
			'<iframe src="x"></iframe>'
		]) {
			expect(checkTemplate(code).length, code).toBeGreaterThan(0);
		}
	});
});

describe('checking lesson component attributes against what each component accepts', () => {
	it.each([
		['<WaterBalance outputs={5} />', /<WaterBalance> outputs: must be a list/],
		[
			'<WaterBalance outputs={[{ label: "A", value: "4" }]} />',
			/outputs\[0\]\[value\]: must be a number/
		],
		['<Figure src="a.svg" alt={{ toString: "x" }} />', /<Figure> alt: must be text/],
		['<Figure alt="A" />', /<Figure> src: must be text/],
		['<PaybackCalculator investment="65000000" />', /investment: must be a number in braces/],
		['<Callout type="danger">x</Callout>', /type: must be note, tip, warning or example/],
		['<Term term="COD" colour="red">x</Term>', /<Term> has no colour/]
	])('%s', (template, message) => {
		const problems = checkTemplate(template);
		expect(problems.map((p) => p.message).join('\n')).toMatch(message);
	});

	it('accepts every component as the shipped courses use them', () => {
		expect(
			checkTemplate(
				'<WaterBalance title="Nước" input={22} outputs={[{ label: \'Rửa\', value: 4 }, { label: "Bay hơi", value: 0.5 }]} unit="m³/tấn" />' +
					'<PaybackCalculator investment={65000000} saving={20000000} />' +
					'<Figure src="images/a.svg" alt="Sơ đồ" caption="Hình 1" width={640} />' +
					'<Callout type="tip" title="Mẹo">x</Callout><Term term="COD">x</Term>'
			)
		).toEqual([]);
	});
});
