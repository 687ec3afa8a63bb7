import { describe, expect, it } from 'vitest';
import { LessonRenderError, renderForPublishing } from '../courses/render';
import type { LessonText } from '../courses/loader';
import { previewLesson } from './preview';

const lesson = (body: string) => `---\ntitle: Cân bằng nước\nminutes: 5\n---\n\n${body}\n`;

describe('a component with wrongly shaped attributes', () => {
	it.each([
		['<WaterBalance outputs={5} />', /WaterBalance> outputs/],
		['<Figure src="images/a.svg" alt={{"toString":"x"}} />', /Figure> alt/]
	])('%s is a problem at its line in the preview, not a 500', async (component, message) => {
		const result = await previewLesson(
			'khoa-thu',
			'khoa-thu/01-bai.md',
			lesson(`Đoạn mở đầu.\n\n${component}`),
			'vi',
			'/author/khoa-thu/files'
		);
		expect(result.html).toBeNull();
		expect(result.problems).toEqual([
			{ file: 'khoa-thu/01-bai.md', line: 8, message: expect.stringMatching(message) }
		]);
	});
});

describe('renderForPublishing', () => {
	it('turns a lesson that throws while rendering into a problem at its file', () => {
		const throwing = `export default function Lesson() { throw new Error('outputs.map is not a function'); }`;
		const text = { file: 'khoa-thu/01-bai.md', bodyLine: 5, serverJs: throwing } as LessonText;
		let caught: unknown;
		try {
			renderForPublishing(text, 'khoa-thu', 'vi');
		} catch (error) {
			caught = error;
		}
		expect(caught).toBeInstanceOf(LessonRenderError);
		expect((caught as LessonRenderError).problem).toEqual({
			file: 'khoa-thu/01-bai.md',
			line: 5,
			message: 'the lesson cannot be shown: outputs.map is not a function'
		});
	});
});
