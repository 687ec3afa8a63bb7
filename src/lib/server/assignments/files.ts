import { createHash } from 'node:crypto';
import { contentDisposition } from '../http/content-disposition';
import { detectType, extensionFits } from '../courses/assets';
import type { HandInType } from './format';

/** What the learner's browser is told each handed-in type is; everything is saved, never opened in place. */
const MEDIA_TYPES: Record<HandInType, string> = {
	pdf: 'application/pdf',
	docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
	xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
	jpg: 'image/jpeg',
	png: 'image/png',
	webp: 'image/webp'
};

/** The longest file name kept; longer ones keep their start and their extension. */
const NAME_MAX = 120;

/**
 * A name as uploaded, made safe to store and to show: no folders, no control characters, no leading
 * dots, at most 120 characters with its extension kept.
 */
export function sanitiseFileName(raw: string): string {
	const base = raw.split(/[/\\]/).pop() ?? '';
	const name = base
		.normalize('NFC')
		// eslint-disable-next-line no-control-regex
		.replace(/[\u0000-\u001f\u007f<>:"|?*]+/g, '-')
		.replace(/\s+/g, ' ')
		.trim()
		.replace(/^\.+/, '');
	if (!name) return 'tep';
	if (name.length <= NAME_MAX) return name;
	const dot = name.lastIndexOf('.');
	const extension = dot > 0 && name.length - dot <= 10 ? name.slice(dot) : '';
	return name.slice(0, NAME_MAX - extension.length) + extension;
}

export type HandInRefusal =
	| { reason: 'empty' }
	| { reason: 'too_large'; maxMegabytes: number }
	| { reason: 'type'; allowed: HandInType[] }
	| { reason: 'extension'; type: HandInType };

export type HandInCheck =
	{ ok: true; type: HandInType; name: string } | ({ ok: false } & HandInRefusal);

/**
 * Whether a file may be handed in: within the size the assignment allows, and of an allowed type as
 * read from its bytes (its name and the browser's claim are not trusted), named with that type's
 * extension so it opens in the right program on the grader's machine.
 */
export function checkHandIn(
	rawName: string,
	bytes: Uint8Array,
	allowed: HandInType[],
	maxMegabytes: number
): HandInCheck {
	if (bytes.byteLength === 0) return { ok: false, reason: 'empty' };
	if (bytes.byteLength > maxMegabytes * 1024 * 1024)
		return { ok: false, reason: 'too_large', maxMegabytes };
	const detected = detectType(bytes);
	const type = (allowed as string[]).includes(detected ?? '') ? (detected as HandInType) : null;
	if (!type) return { ok: false, reason: 'type', allowed };
	const name = sanitiseFileName(rawName);
	const extension = name.includes('.') ? name.split('.').pop()! : '';
	if (!extensionFits(type, extension)) return { ok: false, reason: 'extension', type };
	return { ok: true, type, name };
}

export function sha256Hex(bytes: Uint8Array): string {
	return createHash('sha256').update(bytes).digest('hex');
}

/**
 * Headers of a handed-in or feedback file: always a download, never sniffed, and sandboxed should a
 * browser open it anyway; never cached by anyone but the person fetching it.
 */
export function submissionFileHeaders(type: string, name: string): Record<string, string> {
	const media = Object.hasOwn(MEDIA_TYPES, type)
		? MEDIA_TYPES[type as HandInType]
		: 'application/octet-stream';
	return {
		'content-type': media,
		'content-disposition': contentDisposition(name),
		'content-security-policy': "default-src 'none'; sandbox",
		'x-content-type-options': 'nosniff',
		'cache-control': 'private, no-store'
	};
}
