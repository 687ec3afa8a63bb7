import { describe, expect, it } from 'vitest';

// Every page's actions, as SvelteKit loads them.
const modules = import.meta.glob<{ actions?: Record<string, unknown> }>('./**/+page.server.ts');

describe('form actions', () => {
	it('are either one default action or named ones, never both (SvelteKit answers 500 to every post otherwise)', async () => {
		const mixed: string[] = [];
		let pages = 0;
		for (const [path, load] of Object.entries(modules)) {
			const { actions } = await load();
			if (!actions) continue;
			pages++;
			const names = Object.keys(actions);
			if (names.includes('default') && names.length > 1) mixed.push(`${path}: ${names.join(', ')}`);
		}
		// The scan found the pages that take posts (sign-in, classes, workshops…), not nothing.
		expect(pages).toBeGreaterThan(20);
		expect(mixed).toEqual([]);
	});
});
