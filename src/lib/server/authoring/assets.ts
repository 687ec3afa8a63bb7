import { assetProblem, detectType, MAX_ASSET_BYTES } from '../courses/assets';
import type { Database } from '../db';
import { draftTree, saveDraftFile } from './drafts';
import { slugFrom, uniqueSlug } from './outline';

export type UploadError = 'type' | 'size' | 'empty' | 'unsafe_svg';

/**
 * Checks an uploaded image, PDF or workbook and adds it with a clean, unused name: images under
 * images/, documents (PDF, Excel) under files/.
 */
export async function uploadAsset(
	db: Database,
	courseId: string,
	fileName: string,
	bytes: Uint8Array,
	userId: string
): Promise<{ ok: true; path: string } | { ok: false; error: UploadError }> {
	if (bytes.byteLength === 0) return { ok: false, error: 'empty' };
	if (bytes.byteLength > MAX_ASSET_BYTES) return { ok: false, error: 'size' };
	const type = detectType(bytes);
	if (!type) return { ok: false, error: 'type' };
	// The same rule as for a course folder or zip (courses/assets.ts), so no way in differs.
	if (assetProblem(`images/upload.${type}`, bytes)) return { ok: false, error: 'unsafe_svg' };
	const folder = type === 'pdf' || type === 'xlsx' ? 'files/' : 'images/';
	const taken = new Set(
		[...(await draftTree(db, courseId)).keys()]
			.filter((p) => p.startsWith(folder))
			.map((p) => p.slice(folder.length).replace(/\.[a-z]+$/, ''))
	);
	const name = slugFrom(fileName.replace(/\.[A-Za-z0-9]+$/, ''));
	// Someone may upload a file of the same name at the same moment: then take the next free name.
	for (;;) {
		const path = `${folder}${uniqueSlug(name, taken)}.${type}`;
		const saved = await saveDraftFile(db, courseId, path, bytes, null, userId);
		if (saved.ok) return { ok: true, path };
		taken.add(path.slice(folder.length).replace(/\.[a-z]+$/, ''));
	}
}
