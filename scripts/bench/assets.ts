// What a page costs a phone on a slow connection: the JavaScript and CSS it makes the browser
// fetch at load (script src, modulepreload, stylesheet links, and the modules the inline start-up
// script imports) plus inline scripts and styles, each gzipped with node:zlib. Code split off for
// later (a dynamic import inside a component) is not counted: it is not fetched at load.
import { gzipSync } from 'node:zlib';
import { SESSION_COOKIE } from '../../src/lib/server/auth/session';
import type { Seeded } from './seed';
import type { RunningServer } from './server';

export interface PageAssets {
	page: string;
	status: number;
	html: number;
	htmlGzip: number;
	jsFiles: number;
	jsGzip: number;
	inlineJsGzip: number;
	cssFiles: number;
	cssGzip: number;
	inlineCssGzip: number;
}

const gzipSize = (data: string | Uint8Array) => gzipSync(data).length;

/** The addresses of the JavaScript and CSS a page loads, and its inline scripts and styles. */
export function pageAssets(html: string) {
	const attr = (tag: string, name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];
	const js = new Set<string>();
	const css = new Set<string>();
	const inlineJs: string[] = [];
	const inlineCss: string[] = [];
	for (const [, open, content] of html.matchAll(/(<script\b[^>]*>)([\s\S]*?)<\/script>/g)) {
		const src = attr(open, 'src');
		if (src) js.add(src);
		else if (content.trim() && !/type="application\/(ld\+)?json"/.test(open)) {
			inlineJs.push(content);
			for (const [, target] of content.matchAll(/import\(\s*"([^"]+)"\s*\)/g)) js.add(target);
		}
	}
	for (const [tag] of html.matchAll(/<link\b[^>]*>/g)) {
		const rel = attr(tag, 'rel');
		const href = attr(tag, 'href');
		if (!href) continue;
		if (rel === 'modulepreload') js.add(href);
		if (rel === 'stylesheet') css.add(href);
	}
	for (const [, content] of html.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style>/g))
		inlineCss.push(content);
	return { js: [...js], css: [...css], inlineJs, inlineCss };
}

/** Fetches a page and every file it loads, and sums their gzipped sizes. */
export async function measurePage(
	origin: string,
	label: string,
	path: string,
	headers: Record<string, string> = {}
): Promise<PageAssets> {
	const response = await fetch(origin + path, { headers: { accept: 'text/html', ...headers } });
	const html = await response.text();
	const found = pageAssets(html);
	const base = new URL(path, origin);
	const sum = async (files: string[]) => {
		let total = 0;
		for (const file of files) {
			const asset = await fetch(new URL(file, base));
			if (!asset.ok) throw new Error(`${label}: ${file} answered ${asset.status}`);
			total += gzipSize(new Uint8Array(await asset.arrayBuffer()));
		}
		return total;
	};
	return {
		page: label,
		status: response.status,
		html: Buffer.byteLength(html),
		htmlGzip: gzipSize(html),
		jsFiles: found.js.length,
		jsGzip: await sum(found.js),
		inlineJsGzip: found.inlineJs.reduce((s, c) => s + gzipSize(c), 0),
		cssFiles: found.css.length,
		cssGzip: await sum(found.css),
		inlineCssGzip: found.inlineCss.reduce((s, c) => s + gzipSize(c), 0)
	};
}

/** The catalogue, the lesson page, a quiz page (an attempt started for it) and the matrix. */
export async function measureAssets(server: RunningServer, data: Seeded): Promise<PageAssets[]> {
	const taker = `${SESSION_COOKIE}=${data.tokens.takers[data.tokens.takers.length - 1]}`;
	const start = await fetch(`${server.origin}${data.quizPath}?/start`, {
		method: 'POST',
		redirect: 'manual',
		headers: {
			accept: 'text/html',
			cookie: taker,
			origin: server.origin,
			'content-type': 'application/x-www-form-urlencoded'
		}
	});
	const attempt = start.headers.get('location');
	if (start.status !== 303 || !attempt)
		throw new Error(
			`Starting a quiz answered ${start.status}: ${(await start.text()).slice(0, 2000)}`
		);
	const reader = { cookie: `${SESSION_COOKIE}=${data.tokens.readers[0]}` };
	return [
		await measurePage(server.origin, 'catalogue /courses', '/courses'),
		await measurePage(server.origin, 'lesson', data.lessonPath, reader),
		await measurePage(server.origin, 'quiz page (attempt)', attempt, { cookie: taker }),
		// Not asked for, but the largest page a trainer opens: its HTML is what weighs.
		await measurePage(
			server.origin,
			`matrix ${data.scale.matrixLearners}×${data.matrixCourses}`,
			`/manage/cohorts/${data.matrixCohortId}/matrix`,
			{ cookie: `${SESSION_COOKIE}=${data.tokens.trainer}` }
		)
	];
}
