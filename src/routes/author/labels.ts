import { m } from '$lib/paraglide/messages';

export const directiveItemOptions = () => [
	{ value: '1b', label: m.author_item_1b() },
	{ value: '1c', label: m.author_item_1c() },
	{ value: '6', label: m.author_item_6() }
];
