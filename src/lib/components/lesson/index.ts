// The components a lesson may use without importing them (see docs/course-format.md).
export { default as Callout } from './Callout.svelte';
export { default as Figure } from './Figure.svelte';
export { default as Download } from './Download.svelte';
export { default as Term } from './Term.svelte';
export { default as PaybackCalculator } from './PaybackCalculator.svelte';
export { default as WaterBalance } from './WaterBalance.svelte';

export { LESSON_COMPONENTS } from './names';
