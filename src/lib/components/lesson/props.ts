// What each lesson component accepts, checked when a lesson is checked (courses:check, the editor,
// zip import, publishing): a wrongly shaped value is a problem at its line, never a page that fails
// to render. Plain module (no .svelte imports) so the course checker can read it under Node.
import { z } from 'zod';
import type { LESSON_COMPONENTS } from './names';

const text = z.string('must be text, e.g. title="…"').min(1, 'must not be empty');
const number = z.number('must be a number in braces, e.g. {25}').finite('must be a finite number');
const positive = number.min(0, 'must not be negative');

export const lessonComponentProps: Record<(typeof LESSON_COMPONENTS)[number], z.ZodType> = {
	Callout: z.strictObject({
		type: z
			.enum(['note', 'tip', 'warning', 'example'], 'must be note, tip, warning or example')
			.optional(),
		title: text.optional()
	}),
	Figure: z.strictObject({
		src: text,
		alt: z.string('must be text (the image described for those who cannot see it)'),
		caption: text.optional(),
		width: positive.optional(),
		height: positive.optional()
	}),
	Download: z.strictObject({
		src: text.regex(/\.(xlsx|pdf)$/i, 'must name an .xlsx or .pdf file in the course folder'),
		title: text
	}),
	Term: z.strictObject({ term: text }),
	PaybackCalculator: z.strictObject({
		investment: positive.optional(),
		saving: positive.optional()
	}),
	WaterBalance: z.strictObject({
		input: positive.optional(),
		outputs: z
			.array(
				z.strictObject({ label: text, value: positive }, 'each output is { label: "…", value: 4 }'),
				'must be a list of { label: "…", value: 4 }'
			)
			.max(20, 'at most 20 outputs')
			.optional(),
		unit: z.string('must be text, e.g. unit="m³/tấn"').optional(),
		title: text.optional()
	})
};
