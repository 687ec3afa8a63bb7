import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CERTIFICATE_ISSUER } from '../config';
import { createTestDatabase, testEngines } from '../db/test-helpers';
import type { Database, DatabaseHandle } from '../db';
import {
	certificateLinks,
	currentSigningKey,
	generateSigningKey,
	issueCertificate,
	keyDocument,
	publishedKeys,
	signedCredential,
	signedOpenBadge,
	type CertificateStatement
} from '../certificates';
import { makeCourse, makeGraduate } from '$testing/certificates';
import { CommandError, parseCommandLine, runCommand } from './commands';
import { verifyCredential } from './verify';

const links = certificateLinks('https://sxsh.example.vn');

async function failure(run: () => Promise<unknown>): Promise<CommandError> {
	try {
		await run();
	} catch (error) {
		if (error instanceof CommandError) return error;
		throw error;
	}
	throw new Error('expected a CommandError');
}

describe.each(testEngines)('npm run cli -- verify on %s', (engine) => {
	let handle: DatabaseHandle;
	let db: Database;
	let dir: string;
	const file = (name: string, content: unknown) => {
		const path = join(dir, name);
		writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
		return path;
	};
	let plainPath: string, badgePath: string;

	beforeAll(async () => {
		handle = await createTestDatabase(engine);
		db = handle.db;
		dir = mkdtempSync(join(tmpdir(), 'sachhon-verify-'));
		const course = await makeCourse(db, { validityMonths: 36 });
		const learner = await makeGraduate(db, course.id, new Date('2026-03-04T09:15:00Z'));
		const issued = await issueCertificate(db, {
			userId: learner.id,
			courseId: course.id,
			now: new Date('2026-03-05T02:00:00Z'),
			settings: {
				issuer: DEFAULT_CERTIFICATE_ISSUER,
				signatoryName: undefined,
				signatoryTitle: 'Giám đốc',
				place: 'Vĩnh Long',
				signingKey: undefined
			}
		});
		if (!issued.ok) throw new Error('not issued');
		const c = issued.certificate;
		plainPath = file(
			'credential.json',
			signedCredential(c, { verify: links.verify(c.code), keys: links.keys })
		);
		const key = await currentSigningKey(db);
		badgePath = file(
			'badge.json',
			signedOpenBadge(c.credential as CertificateStatement, links, key, new Date())
		);
	});
	afterAll(async () => {
		await handle?.close();
		rmSync(dir, { recursive: true, force: true });
	});

	const run = (argv: string[]) =>
		runCommand(db, parseCommandLine(argv), { origin: 'http://localhost:3000' });

	it('says a genuine credential is valid, in both formats, with the keys in the database', async () => {
		const plain = await run(['verify', plainPath]);
		expect(plain).toMatch(/^Valid: the signed certificate is signed by key \S+ and unaltered\./);
		expect(plain).toContain('Name:        Nguyễn Thị Ánh Tuyết');
		expect(plain).toContain('Valid until: 2029-03-04');
		// No ORIGIN configured: the file's unsigned link is shown only with a caution.
		expect(plain).toMatch(
			/Note: the file's verify link \(https:\/\/sxsh\.example\.vn\/verify\/\S+\) is not signed/
		);
		const badge = await run(['verify', badgePath]);
		expect(badge).toMatch(/^Valid: the Open Badges 3\.0 credential is signed by key/);
	});

	it('checks against a saved key document without a database', async () => {
		const keysPath = file(
			'keys.json',
			keyDocument(await publishedKeys(db), links.keys, links.issuer)
		);
		expect(await verifyCredential({ file: badgePath, keys: keysPath })).toMatch(/^Valid/);
		// The verify address comes from the issuer's key document, not from the file.
		const plain = await verifyCredential({ file: plainPath, keys: keysPath });
		expect(plain).toMatch(/see https:\/\/sxsh\.example\.vn\/verify\/\S+$/m);
		expect(plain).not.toMatch(/Warning/);

		// A holder of a revoked certificate points the link at a page of their own: the signature
		// still holds (the link was never signed), and the checker is told which address to use.
		const forged = JSON.parse(readFileSync(plainPath, 'utf8'));
		forged.links.verify = 'https://fake-verify.example/ok';
		const report = await verifyCredential({ file: file('forged.json', forged), keys: keysPath });
		expect(report).toMatch(/^Valid/);
		expect(report).toMatch(
			/Warning: the file's own verify link \(https:\/\/fake-verify\.example\/ok\) is not the issuer's address.*Use https:\/\/sxsh\.example\.vn\/verify\//
		);
		expect(report).not.toMatch(/see https:\/\/fake-verify/);
		const strangers = file(
			'strangers.json',
			keyDocument(
				[{ id: 'other', x: generateSigningKey().key.publicKey.export({ format: 'jwk' }).x! }],
				links.keys,
				links.issuer
			)
		);
		const error = await failure(() => verifyCredential({ file: plainPath, keys: strangers }));
		expect([error.message, error.exitCode]).toEqual([
			expect.stringMatching(/^Invalid: no trusted key/),
			1
		]);
	});

	it('says a tampered credential is invalid and why', async () => {
		const tampered = JSON.parse(readFileSync(plainPath, 'utf8'));
		tampered.statement.holder.name = 'Nguyễn Văn Giả';
		const error = await failure(() => run(['verify', file('tampered.json', tampered)]));
		expect(error.message).toMatch(/^Invalid: the signature does not match the statement/);
		expect(error.exitCode).toBe(1);
	});

	it('explains unreadable input', async () => {
		expect((await failure(() => run(['verify', join(dir, 'missing.json')]))).message).toMatch(
			/^Cannot read the credential ".*missing\.json" \(ENOENT\)\.$/
		);
		expect((await failure(() => run(['verify', file('not.json', 'hello')]))).message).toBe(
			'Invalid: the file is not JSON.'
		);
		const badKeys = file('bad-keys.json', { keys: 'none' });
		expect(
			(await failure(() => verifyCredential({ file: plainPath, keys: badKeys }))).message
		).toMatch(/--keys .*bad-keys\.json: not a JWK set/);
	});
});
