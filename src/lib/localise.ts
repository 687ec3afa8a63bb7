import { getLocale } from '$lib/paraglide/runtime';

/** Content text in the reader's language when the author wrote it, else in Vietnamese. */
export function localise(text: { vi: string; en?: string } | null | undefined): string {
	if (!text) return '';
	return getLocale() === 'en' && text.en ? text.en : text.vi;
}
