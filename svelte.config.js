import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';
import { mdsvex } from 'mdsvex';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	extensions: ['.svelte', '.md'],
	preprocess: [vitePreprocess(), mdsvex({ extensions: ['.md'] })],
	compilerOptions: {
		// Runes everywhere except libraries and mdsvex output, which is legacy Svelte syntax.
		runes: ({ filename }) =>
			filename.split(/[/\\]/).includes('node_modules') || filename.endsWith('.md')
				? undefined
				: true
	},
	kit: {
		adapter: adapter(),
		// $testing: helpers for tests only (factories, fixtures), kept out of the shipped src tree.
		alias: { $db: 'db', $testing: 'tests/support' },
		// The service worker (the trainer's offline list) is registered by the roster page only.
		serviceWorker: { register: false },
		// Cross-site form posts are refused by our own hook (src/lib/server/hooks/cross-site.ts), which also
		// works when no ORIGIN is set; kit's check would refuse every post from http://localhost then.
		csrf: { trustedOrigins: ['*'] },
		csp: {
			mode: 'auto',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				'style-src': ['self', 'unsafe-inline'],
				'img-src': ['self', 'data:'],
				'font-src': ['self'],
				'connect-src': ['self'],
				'form-action': ['self'],
				'frame-ancestors': ['none'],
				'base-uri': ['self'],
				'object-src': ['none']
			}
		},
		typescript: {
			config: (tsconfig) => {
				tsconfig.include.push('../db/**/*.ts', '../scripts/**/*.ts', '../tests/**/*.ts');
				return tsconfig;
			}
		}
	}
};

export default config;
