import { mount, unmount, type Component } from 'svelte';
import { lessonContext, type LessonContext } from './context';
import PaybackCalculator from './PaybackCalculator.svelte';
import WaterBalance from './WaterBalance.svelte';

// Only the interactive components become islands; the rest of a lesson stays plain HTML.
const islands: Record<string, Component<Record<string, unknown>>> = {
	PaybackCalculator: PaybackCalculator as Component<Record<string, unknown>>,
	WaterBalance: WaterBalance as Component<Record<string, unknown>>
};

/** Replaces each server-rendered calculator in `root` with a live one; returns a clean-up. */
export function mountIslands(root: HTMLElement, context: LessonContext): () => void {
	const mounted: ReturnType<typeof mount>[] = [];
	for (const element of root.querySelectorAll<HTMLElement>('[data-island]')) {
		const component = islands[element.dataset.island ?? ''];
		if (!component || !element.parentElement) continue;
		let props: Record<string, unknown> = {};
		try {
			props = JSON.parse(element.dataset.props ?? '{}');
		} catch {
			continue;
		}
		mounted.push(
			mount(component, {
				target: element.parentElement,
				anchor: element,
				props,
				context: lessonContext(context)
			})
		);
		element.remove();
	}
	return () => mounted.forEach((instance) => unmount(instance));
}
