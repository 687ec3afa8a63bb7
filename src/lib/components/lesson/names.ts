// Plain module (no .svelte imports) so the course checker can read it under Node.
export const LESSON_COMPONENTS = [
	'Callout',
	'Figure',
	'Download',
	'Term',
	'PaybackCalculator',
	'WaterBalance'
] as const;
