import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';

/** Be Vietnam Pro: designed for Vietnamese, every precomposed letter with its diacritics. */
const FILES = {
	regular: '400Regular/BeVietnamPro_400Regular.ttf',
	italic: '400Regular_Italic/BeVietnamPro_400Regular_Italic.ttf',
	semibold: '600SemiBold/BeVietnamPro_600SemiBold.ttf',
	bold: '700Bold/BeVietnamPro_700Bold.ttf'
} as const;

export type FontName = keyof typeof FILES;
export type FontBytes = Record<FontName, Uint8Array>;

let loading: Promise<FontBytes> | undefined;

/** The TTF files, read once per process (they are a few hundred kilobytes each). */
export function certificateFonts(): Promise<FontBytes> {
	loading ??= (async () => {
		const require = createRequire(import.meta.url);
		const entries = await Promise.all(
			Object.entries(FILES).map(async ([name, file]) => {
				const path = require.resolve(`@expo-google-fonts/be-vietnam-pro/${file}`);
				return [name, new Uint8Array(await readFile(path))] as const;
			})
		);
		return Object.fromEntries(entries) as FontBytes;
	})();
	loading.catch(() => (loading = undefined));
	return loading;
}
