// The bench's first ceiling: a bare node:http server that answers every request with the same bytes
// (those of the signed-in lesson page). Started by server.ts as `node --import tsx bare-server.ts
// <port> <file>`; nothing else runs in it.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';

const [port, file] = process.argv.slice(2);
const body = readFileSync(file);
const server = createServer((_request, response) => {
	response.writeHead(200, {
		'content-type': 'text/html; charset=utf-8',
		'content-length': body.length
	});
	response.end(body);
});
server.listen(Number(port), '127.0.0.1');
process.once('SIGTERM', () => server.close(() => process.exit(0)));
