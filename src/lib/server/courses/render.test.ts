import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadCourses } from './loader';
import { renderLesson } from './render';

const fixtures = fileURLToPath(new URL('./fixtures/good', import.meta.url));

describe('lesson rendering', () => {
	it('renders Markdown and lesson components to plain HTML with calculators as islands', async () => {
		const { courses } = await loadCourses(fixtures);
		const [intro, balance] = courses[0].lessons;
		const html = renderLesson(intro.text.vi.serverJs!, 'mini-course');
		expect(html).toContain('<strong>phòng ngừa</strong>');
		expect(html).toMatch(/<aside class="lesson-callout example" aria-label="Ví dụ">/);
		// Markdown inside a component is Markdown too.
		expect(html).toContain('Một cơ sở chế biến dừa giảm 30% lượng nước.');
		expect(html).toContain('src="/course-files/mini-course/images/so-do.svg"');
		expect(html).toContain('<dfn');
		expect(html).toContain('data-island="PaybackCalculator"');
		// The worked result is there without JavaScript: 65,000 ÷ 20,000 = 3.25 years.
		expect(html).toMatch(/3,25 năm/);
		// Its amounts as a Vietnamese reader writes them, in fields that read them back that way.
		expect(html).toMatch(
			/<input id="[^"]+-investment" type="text" inputmode="decimal" value="65\.000"/
		);
		expect(html).toContain('<code class="language-js">');
		expect(html).not.toMatch(/<!--[^\s>]{0,8}-->/);

		const water = renderLesson(balance.text.vi.serverJs!, 'mini-course');
		expect(water).toContain('data-island="WaterBalance"');
		expect(water).toMatch(/3 m³\/tấn \(12% đầu vào\)/);
	});
});
