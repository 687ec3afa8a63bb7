// Just enough XML for the parts of an XLSX file: tags, attributes and text in one pass, a slice at
// a time. No DOCTYPE (so no entity of our own making can expand), no namespaces beyond dropping
// prefixes; a file that needs more is not one a spreadsheet program wrote.
import { SLICE, type Sliced } from './slices';

export interface XmlEvents {
	/** A start tag by local name (`x:c` → `c`); `empty` for `<c/>`. */
	open(name: string, attributes: Attributes, empty: boolean): void;
	close(name: string): void;
	/** Text (entities decoded) between tags, passed on only while `wantsText()`. */
	text(value: string): void;
	wantsText(): boolean;
	/** True once nothing more is needed (a limit reached, or the part of interest is over). */
	done(): boolean;
}

/** Attributes by local name (`r:id` → `id`), values decoded. */
export type Attributes = Map<string, string>;

/** A tag with its attributes: a spreadsheet's longest are a few hundred characters. */
const MAX_TAG = SLICE;
const ATTRIBUTE = /([^\s=]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
const ENTITY = /&(?:(amp|lt|gt|quot|apos)|#(\d{1,7})|#x([0-9a-fA-F]{1,6}));/g;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(text: string): string {
	if (!text.includes('&')) return text;
	return text.replace(ENTITY, (_, name: string, dec: string, hex: string) => {
		if (name) return NAMED[name];
		const code = dec ? Number(dec) : parseInt(hex, 16);
		return code <= 0x10ffff ? String.fromCodePoint(code) : '\ufffd';
	});
}

const localName = (name: string) => name.slice(name.indexOf(':') + 1);

function attributesOf(text: string): Attributes {
	const attributes: Attributes = new Map();
	for (const match of text.matchAll(ATTRIBUTE)) {
		const name = localName(match[1]);
		if (!attributes.has(name)) attributes.set(name, decode(match[2] ?? match[3]));
	}
	return attributes;
}

/** Where the tag opened at `lt` ends (its '>', quotes respected), or -1 past MAX_TAG. */
function tagEnd(xml: string, lt: number): number {
	let quote = 0;
	const last = Math.min(xml.length, lt + MAX_TAG);
	for (let i = lt + 1; i < last; i++) {
		const code = xml.charCodeAt(i);
		if (quote) {
			if (code === quote) quote = 0;
		} else if (code === 34 || code === 39) quote = code;
		else if (code === 62) return i;
	}
	return -1;
}

/**
 * Scans `xml`, telling `events` what it meets; yields every SLICE characters. False when the text is
 * not XML we read: a DOCTYPE, a tag or comment left open, a tag or a text longer than `maxText`.
 */
export function* scanXml(xml: string, events: XmlEvents, maxText: number): Sliced<boolean> {
	let at = 0;
	let next = SLICE;
	while (at < xml.length && !events.done()) {
		if (at >= next) {
			yield;
			next = at + SLICE;
		}
		const lt = xml.indexOf('<', at);
		const textEnd = lt < 0 ? xml.length : lt;
		if (textEnd > at && events.wantsText()) {
			if (textEnd - at > maxText) return false;
			events.text(decode(xml.slice(at, textEnd)));
		}
		if (lt < 0) break;
		const second = xml.charCodeAt(lt + 1);
		if (second === 63 /* ? */) {
			const end = xml.indexOf('?>', lt + 2);
			if (end < 0) return false;
			at = end + 2;
		} else if (xml.startsWith('<!--', lt)) {
			const end = xml.indexOf('-->', lt + 4);
			if (end < 0) return false;
			at = end + 3;
		} else if (xml.startsWith('<![CDATA[', lt)) {
			const end = xml.indexOf(']]>', lt + 9);
			if (end < 0) return false;
			if (events.wantsText()) {
				if (end - lt - 9 > maxText) return false;
				events.text(xml.slice(lt + 9, end));
			}
			at = end + 3;
		} else if (second === 33 /* ! */) {
			// <!DOCTYPE …> and its entities: never in a spreadsheet, and the way to an entity bomb.
			return false;
		} else {
			const gt = tagEnd(xml, lt);
			if (gt < 0) return false;
			if (second === 47 /* / */) events.close(localName(xml.slice(lt + 2, gt).trim()));
			else {
				const empty = xml.charCodeAt(gt - 1) === 47;
				const body = xml.slice(lt + 1, empty ? gt - 1 : gt);
				const space = body.search(/\s/);
				const name = localName(space < 0 ? body : body.slice(0, space));
				events.open(name, attributesOf(space < 0 ? '' : body.slice(space)), empty);
				if (empty) events.close(name);
			}
			at = gt + 1;
		}
	}
	return true;
}

/** Thrown for a part that is not XML we read. */
export class Unreadable extends Error {}

/** Events with nothing to do filled in. */
export function events(some: Partial<XmlEvents>): XmlEvents {
	return {
		open: () => {},
		close: () => {},
		text: () => {},
		wantsText: () => false,
		done: () => false,
		...some
	};
}

/** UTF-8 bytes to text, a few slices at a time. */
function* decodeText(bytes: Uint8Array): Sliced<string> {
	const decoder = new TextDecoder();
	const parts: string[] = [];
	for (let at = 0; at < bytes.length; at += 4 * SLICE) {
		parts.push(decoder.decode(bytes.subarray(at, at + 4 * SLICE), { stream: true }));
		yield;
	}
	parts.push(decoder.decode());
	return parts.join('');
}

/** Scans an XML part given as bytes; throws Unreadable for what scanXml refuses. */
export function* scanBytes(bytes: Uint8Array, events: XmlEvents, maxText: number): Sliced<void> {
	const xml = yield* decodeText(bytes);
	if (!(yield* scanXml(xml, events, maxText))) throw new Unreadable();
}
