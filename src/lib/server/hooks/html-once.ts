import type { Handle } from '@sveltejs/kit';

/**
 * A page's large static HTML (a lesson's body) sent once. SvelteKit serialises a page's data for
 * hydration beside the markup rendered from it, so HTML that is data goes over the wire twice. A
 * page that needs it only as markup renders an empty element marked `data-html-once` and hands
 * the HTML to `locals.htmlOnce` instead of its data; this hook puts it into that element. Svelte
 * leaves the element's children alone when hydrating (the template gives it none). Data requests
 * (moves within the page) carry the HTML in the data as before: there is no markup to fill then.
 */
export const HTML_ONCE_ATTRIBUTE = 'data-html-once';

// Svelte renders a valueless attribute as `data-html-once=""`; the element is empty as rendered.
const emptyElement = /(<([a-z]+)\b[^>]*\sdata-html-once(?:="")?(?:\s[^>]*)?>)(<\/\2>)/;

/** The page's markup with `html` put into its (first) data-html-once element. */
export function fillHtmlOnce(page: string, html: string): string {
	// A function, not a string, as the replacement: lesson HTML may hold `$&` and the like.
	return page.replace(
		emptyElement,
		(_, open: string, _tag: string, close: string) => open + html + close
	);
}

export const handleHtmlOnce: Handle = ({ event, resolve }) =>
	resolve(event, {
		transformPageChunk: ({ html }) => {
			const once = event.locals.htmlOnce;
			return once === undefined ? html : fillHtmlOnce(html, once);
		}
	});
