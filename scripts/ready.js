// What `npm start` prints once the server listens: where to open it and which database it uses.
import { networkInterfaces } from 'node:os';

/**
 * The database in words, without a password.
 * @param {Record<string, string | undefined>} env
 */
export function databaseDescription(env) {
	if (env.DATABASE_URL) {
		try {
			const url = new URL(env.DATABASE_URL);
			return `PostgreSQL at ${url.host}${url.pathname}`;
		} catch {
			return 'PostgreSQL';
		}
	}
	return `embedded PostgreSQL (PGlite) in ${env.DATA_DIR || './data'}`;
}

/**
 * This machine's IPv4 addresses a phone on the same network can reach.
 * @returns {string[]}
 */
function lanAddresses() {
	return Object.values(networkInterfaces())
		.flat()
		.filter((a) => a && a.family === 'IPv4' && !a.internal)
		.map((a) => /** @type {import('node:os').NetworkInterfaceInfo} */ (a).address);
}

/**
 * The lines printed when the server is ready; the last one says where and on which database.
 * @param {Record<string, string | undefined>} env
 * @param {string[]} [lan]
 * @returns {string[]}
 */
export function readyLines(env, lan = lanAddresses()) {
	const port = env.PORT || '3000';
	const host = env.HOST || '0.0.0.0';
	const everywhere = host === '0.0.0.0' || host === '::';
	const local = `http://${everywhere ? 'localhost' : host}:${port}`;
	const lines = [];
	if (env.ORIGIN) {
		lines.push(`Listening on ${host}:${port}; public address ${env.ORIGIN} (ORIGIN).`);
	} else if (everywhere && lan.length > 0) {
		lines.push(
			`Other devices on this network: ${lan.map((a) => `http://${a}:${port}`).join(', ')}`
		);
	}
	lines.push(`Sạch Hơn is ready at ${env.ORIGIN || local} — database: ${databaseDescription(env)}`);
	return lines;
}
