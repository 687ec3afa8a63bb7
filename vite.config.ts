import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	ssr: {
		// sveltekit-superforms' adapter index imports every validator library it supports. Left
		// external, adapter-node's rollup bundles these two and prints a page of their internal
		// "Circular dependency" warnings on every build; bundled here, only what is used remains.
		noExternal: ['typebox', 'zod-v3-to-json-schema']
	},
	plugins: [
		sveltekit(),
		paraglideVitePlugin({
			project: './project.inlang',
			outdir: './src/lib/paraglide',
			// The address decides the language; the cookie only sends a returning reader to /en (hooks).
			strategy: ['url', 'cookie', 'baseLocale']
		})
	],
	test: {
		expect: { requireAssertions: true },
		environment: 'node',
		include: ['src/**/*.{test,spec}.ts', 'db/**/*.{test,spec}.ts', 'scripts/**/*.{test,spec}.ts'],
		// Makes the migrated PGlite copy every test database starts from (db/test-template.ts).
		globalSetup: ['src/lib/server/db/test-template.ts'],
		// A fresh PGlite costs 1–2 s; two workers match the two cores of our machines.
		maxWorkers: 2,
		testTimeout: 30_000,
		hookTimeout: 60_000
	}
});
