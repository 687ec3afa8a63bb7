/**
 * A small Markdown renderer for the privacy notice: headings, paragraphs, lists, bold, italic and
 * links. Everything the administrator writes is escaped first, so no HTML they type reaches the
 * page; links keep only http(s), mailto, tel and site-relative addresses.
 */

const escapeHtml = (s: string) =>
	s
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;')
		.replace(/"/g, '&quot;')
		.replace(/'/g, '&#39;');

const safeHref = (href: string) =>
	/^(https?:\/\/|mailto:|tel:|\/(?!\/))/i.test(href) ? href : null;

/** Inline marks on one escaped line. */
function inline(text: string): string {
	let out = escapeHtml(text);
	out = out.replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, (whole, label: string, href: string) => {
		// The address was escaped with the rest; &amp; stays as it is, which HTML reads as &.
		const ok = safeHref(href.replace(/&amp;/g, '&'));
		return ok ? `<a href="${href}">${label}</a>` : label;
	});
	out = out.replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>');
	out = out.replace(/(^|[^*])\*([^*\s][^*]*)\*/g, '$1<em>$2</em>');
	return out;
}

export function renderMarkdown(source: string): string {
	const lines = source.replace(/\r\n?/g, '\n').split('\n');
	const html: string[] = [];
	let paragraph: string[] = [];
	let list: { tag: 'ul' | 'ol'; items: string[] } | null = null;
	const flushParagraph = () => {
		if (paragraph.length) html.push(`<p>${paragraph.map(inline).join('<br>\n')}</p>`);
		paragraph = [];
	};
	const flushList = () => {
		if (list)
			html.push(`<${list.tag}>${list.items.map((i) => `<li>${i}</li>`).join('')}</${list.tag}>`);
		list = null;
	};
	for (const raw of lines) {
		const line = raw.trimEnd();
		const heading = /^(#{1,4})\s+(.*)$/.exec(line);
		const bullet = /^\s*[-*]\s+(.*)$/.exec(line);
		const numbered = /^\s*\d+[.)]\s+(.*)$/.exec(line);
		if (!line.trim()) {
			flushParagraph();
			flushList();
		} else if (heading) {
			flushParagraph();
			flushList();
			// The page's own title is the h1: the notice's headings start at h2.
			const level = Math.max(heading[1].length, 2);
			html.push(`<h${level}>${inline(heading[2])}</h${level}>`);
		} else if (bullet || numbered) {
			flushParagraph();
			const tag = bullet ? 'ul' : 'ol';
			if (list && list.tag !== tag) flushList();
			list ??= { tag, items: [] };
			list.items.push(inline((bullet ?? numbered)![1]));
		} else if (list && /^\s{2,}\S/.test(raw)) {
			// A continued list item.
			list.items[list.items.length - 1] += ' ' + inline(line.trim());
		} else {
			flushList();
			paragraph.push(line.trim());
		}
	}
	flushParagraph();
	flushList();
	return html.join('\n');
}
