import { m } from '$lib/paraglide/messages';

export interface Snippet {
	id: string;
	label: string;
	help: string;
	/** Starts on a line of its own (components that hold paragraphs). */
	block?: boolean;
	/** The text to insert, wrapping the selection where that makes sense. */
	make: (selected: string, image: string) => string;
	/** The part of the inserted text to select afterwards, for the author to type over. */
	select?: (text: string) => [number, number] | undefined;
}

const selectWord = (word: string) => (text: string) => {
	const at = text.indexOf(word);
	return at >= 0 ? ([at, at + word.length] as [number, number]) : undefined;
};

/** The toolbar: Markdown marks and the lesson components, with the syntax docs/course-format.md gives. */
export const snippets = (): Snippet[] => {
	const text = m.author_snippet_text();
	const term = m.author_snippet_term_word();
	const definition = m.author_snippet_term_definition();
	const alt = m.author_snippet_alt();
	return [
		{
			id: 'bold',
			label: m.author_tool_bold(),
			help: m.author_tool_bold_help(),
			make: (s) => `**${s || text}**`,
			select: (t) => (t === `**${text}**` ? [2, 2 + text.length] : undefined)
		},
		{
			id: 'italic',
			label: m.author_tool_italic(),
			help: m.author_tool_italic_help(),
			make: (s) => `_${s || text}_`,
			select: (t) => (t === `_${text}_` ? [1, 1 + text.length] : undefined)
		},
		{
			id: 'heading',
			label: m.author_tool_heading(),
			help: m.author_tool_heading_help(),
			block: true,
			make: (s) => `## ${s || m.author_snippet_heading()}\n\n`,
			select: selectWord(m.author_snippet_heading())
		},
		{
			id: 'list',
			label: m.author_tool_list(),
			help: m.author_tool_list_help(),
			block: true,
			make: (s) =>
				(s || `${text}\n${text}`)
					.split('\n')
					.map((l) => `- ${l}`)
					.join('\n') + '\n\n'
		},
		{
			id: 'link',
			label: m.author_tool_link(),
			help: m.author_tool_link_help(),
			make: (s) => `[${s || text}](https://)`,
			select: (t) => [t.length - 9, t.length - 1]
		},
		{
			id: 'callout',
			label: m.author_tool_callout(),
			help: m.author_tool_callout_help(),
			block: true,
			make: (s) =>
				`<Callout type="note" title="${m.author_snippet_callout_title()}">\n${s || text}\n</Callout>\n\n`,
			select: selectWord(m.author_snippet_callout_title())
		},
		{
			id: 'figure',
			label: m.author_tool_figure(),
			help: m.author_tool_figure_help(),
			block: true,
			make: (_s, image) =>
				`<Figure src="${image || 'images/ten-hinh.png'}" alt="${alt}" caption="" />\n\n`,
			select: selectWord(alt)
		},
		{
			id: 'download',
			label: m.author_tool_download(),
			help: m.author_tool_download_help(),
			block: true,
			make: () =>
				`<Download src="files/phieu.xlsx" title="${m.author_snippet_download_title()}" />\n\n`,
			select: selectWord(m.author_snippet_download_title())
		},
		{
			id: 'term',
			label: m.author_tool_term(),
			help: m.author_tool_term_help(),
			make: (s) => `<Term term="${s || term}">${definition}</Term>`,
			select: selectWord(definition)
		},
		{
			id: 'payback',
			label: m.author_tool_payback(),
			help: m.author_tool_payback_help(),
			block: true,
			make: () => `<PaybackCalculator investment={65000000} saving={20000000} />\n\n`
		},
		{
			id: 'water',
			label: m.author_tool_water(),
			help: m.author_tool_water_help(),
			block: true,
			make: () =>
				`<WaterBalance input={25} outputs={[{ label: '${m.author_snippet_water_product()}', value: 2 }, { label: '${m.author_snippet_water_waste()}', value: 20 }]} unit="m³/tấn" />\n\n`
		}
	];
};
