import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PermanentFailure } from './transports';
import { PHONE_TEMPLATE_PARAMS, ZNS_PARAM_LIMITS, cut, phoneTemplateData, znsGateway } from './zns';

const TOKEN = 'test-access-token-0123456789';
const TEMPLATES = { phone_code: '301001', workshop_changed: '301002', digest: '301003' };

/** What each template accepts, as the operator registered it: name → most characters. */
const registered: Record<string, Record<string, number>> = Object.fromEntries(
	Object.entries(TEMPLATES).map(([kind, id]) => [
		id,
		Object.fromEntries(
			Object.entries(PHONE_TEMPLATE_PARAMS[kind as keyof typeof TEMPLATES]!).map(
				([name, [type]]) => [name, ZNS_PARAM_LIMITS[type]]
			)
		)
	])
);

/** Where the stand-in answers, chosen per test by the phone number sent. */
type Behaviour = 'ok' | 'no_zalo' | 'server_error' | 'slow' | 'token_expired';
const behaviourOf: Record<string, Behaviour> = {
	'84912345678': 'ok',
	'84987654321': 'no_zalo',
	'84911111111': 'server_error',
	'84922222222': 'slow',
	'84933333333': 'token_expired'
};

const seen: { body: Record<string, unknown>; problems: string[] }[] = [];

/** The request as Zalo's "Gửi ZNS" API documents it; each departure is a problem. */
function check(
	req: IncomingMessage,
	raw: string
): { body: Record<string, unknown>; problems: string[] } {
	const problems: string[] = [];
	if (req.method !== 'POST') problems.push(`method ${req.method}`);
	if (req.url !== '/message/template') problems.push(`path ${req.url}`);
	if (req.headers['access_token'] !== TOKEN) problems.push('access_token header');
	if (!String(req.headers['content-type']).startsWith('application/json'))
		problems.push('content-type');
	let body: Record<string, unknown> = {};
	try {
		body = JSON.parse(raw);
	} catch {
		problems.push('body is not JSON');
		return { body, problems };
	}
	if (typeof body.phone !== 'string' || !/^84\d{9}$/.test(body.phone)) problems.push('phone');
	if (typeof body.template_id !== 'string' || !/^\d+$/.test(body.template_id))
		problems.push('template_id');
	if (typeof body.tracking_id !== 'string' || !/^[A-Za-z0-9]{1,48}$/.test(body.tracking_id))
		problems.push('tracking_id');
	const data = body.template_data;
	const spec = registered[String(body.template_id)];
	if (!spec) problems.push('template not approved');
	else if (typeof data !== 'object' || data === null) problems.push('template_data');
	else {
		for (const [name, max] of Object.entries(spec)) {
			const value = (data as Record<string, unknown>)[name];
			if (typeof value !== 'string' || value === '') problems.push(`${name} missing`);
			else if ([...value].length > max) problems.push(`${name} longer than ${max}`);
		}
		for (const [name, value] of Object.entries(data))
			if (typeof value !== 'string') problems.push(`${name} not a string`);
	}
	return { body, problems };
}

function answer(res: ServerResponse, status: number, json: unknown) {
	res.writeHead(status, { 'content-type': 'application/json' });
	res.end(JSON.stringify(json));
}

let server: Server;
let url: string;

beforeAll(async () => {
	server = createServer((req, res) => {
		let raw = '';
		req.on('data', (chunk) => (raw += chunk));
		req.on('end', () => {
			const checked = check(req, raw);
			seen.push(checked);
			if (checked.problems.length > 0)
				return answer(res, 200, { error: -112, message: checked.problems.join('; ') });
			const behaviour = behaviourOf[String(checked.body.phone)] ?? 'ok';
			if (behaviour === 'ok')
				return answer(res, 200, {
					error: 0,
					message: 'Success',
					data: { msg_id: 'a1b2c3d4e5', sent_time: '1764750000000' }
				});
			if (behaviour === 'no_zalo')
				return answer(res, 200, { error: -118, message: 'Zalo account not existed' });
			if (behaviour === 'token_expired')
				return answer(res, 200, { error: -124, message: 'Access token invalid' });
			if (behaviour === 'server_error') return answer(res, 502, { message: 'Bad gateway' });
			setTimeout(() => answer(res, 200, { error: 0, data: { msg_id: 'late' } }), 1500);
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/message/template`;
});

afterAll(async () => {
	server.closeAllConnections();
	await new Promise((resolve) => server.close(resolve));
});

/** Tokens the gateway reported as rejected (ZNS -124). */
const rejected: string[] = [];

const gateway = () =>
	znsGateway(
		{
			accessToken: async () => TOKEN,
			tokenRejected: (token) => rejected.push(token),
			templates: TEMPLATES,
			url
		},
		{ timeoutMs: 400 }
	);

const trackingId = '3f2c1a9e-5b7d-4c8e-9f01-23456789abcd';

describe('the ZNS gateway against a stand-in of the API', () => {
	it('supports exactly the kinds with a template id', () => {
		expect(gateway().supports('phone_code')).toBe(true);
		expect(gateway().supports('workshop_changed')).toBe(true);
		expect(gateway().supports('course_assigned')).toBe(false);
	});

	it('sends a code as the API documents it and returns the msg_id', async () => {
		const result = await gateway().send({
			to: '+84912345678',
			kind: 'phone_code',
			params: phoneTemplateData('phone_code', { code: '482913' }),
			trackingId
		});
		expect(result).toEqual({ providerId: 'a1b2c3d4e5' });
		const last = seen.at(-1)!;
		expect(last.problems).toEqual([]);
		expect(last.body).toEqual({
			phone: '84912345678',
			template_id: '301001',
			template_data: { code: '482913' },
			tracking_id: '3f2c1a9e5b7d4c8e9f0123456789abcd'
		});
	});

	it('fits a workshop change with a long name and venue into the template limits', async () => {
		const params = phoneTemplateData('workshop_changed', {
			workshop: 'Tập huấn sản xuất sạch hơn cho các cơ sở chế biến dừa '.repeat(4),
			workshopId: 'w1',
			startsAt: '2026-12-05T01:00:00.000Z',
			venue:
				'Hội trường Trung tâm Khuyến công, số 1 đường Đồng Khởi, phường An Hội, Bến Tre '.repeat(2),
			link: 'https://sachhon.example.vn/w/w1'
		});
		expect(params.starts_at).toBe('08:00 05/12/2026');
		expect([...params.workshop]).toHaveLength(100);
		expect(params.workshop.endsWith('…')).toBe(true);
		expect([...params.venue]).toHaveLength(80);
		expect(params.link).toBe('https://sachhon.example.vn/w/w1');
		await gateway().send({ to: '+84912345678', kind: 'workshop_changed', params, trackingId });
		expect(seen.at(-1)!.problems).toEqual([]);
	});

	it('records a number without Zalo as a failure that retrying cannot mend', async () => {
		const sending = gateway().send({
			to: '+84987654321',
			kind: 'phone_code',
			params: { code: '111222' },
			trackingId
		});
		await expect(sending).rejects.toBeInstanceOf(PermanentFailure);
		await expect(sending).rejects.toThrow('ZNS error -118: Zalo account not existed');
	});

	it('leaves a 5xx answer, an expired token and a slow answer to be retried', async () => {
		const failures = await Promise.all(
			['+84911111111', '+84933333333', '+84922222222'].map((to) =>
				gateway()
					.send({ to, kind: 'phone_code', params: { code: '111222' }, trackingId })
					.then(
						() => null,
						(error: Error) => error
					)
			)
		);
		for (const failure of failures) {
			expect(failure).toBeInstanceOf(Error);
			expect(failure).not.toBeInstanceOf(PermanentFailure);
		}
		const [server5xx, token, slow] = failures.map((f) => f?.message);
		expect(server5xx).toBe('ZNS: HTTP 502');
		expect(token).toBe('ZNS error -124: Access token invalid');
		expect(slow).toBe('ZNS: no answer within 0.4 s');
		// Only the rejected token is dropped by its source, for the retry to renew it.
		expect(rejected).toEqual([TOKEN]);
	});

	it('asks the token source at each send, and a token it cannot give leaves the send to be retried', async () => {
		const tokens = [TOKEN, 'x'];
		const asking = znsGateway(
			{
				accessToken: async () => {
					const next = tokens.shift();
					if (next === TOKEN) return next;
					throw new Error('Zalo refused to renew the access token of app 1 (…)');
				},
				templates: TEMPLATES,
				url
			},
			{ timeoutMs: 400 }
		);
		const message = { to: '+84912345678', kind: 'phone_code' as const, params: { code: '1' } };
		await asking.send({ ...message, trackingId });
		const failure = await asking.send({ ...message, trackingId }).catch((error: Error) => error);
		expect(failure).toBeInstanceOf(Error);
		expect(failure).not.toBeInstanceOf(PermanentFailure);
		expect((failure as Error).message).toMatch(/^Zalo refused to renew/);
	});

	it('refuses at once a kind without a template, and an unreachable server is retried', async () => {
		await expect(
			gateway().send({ to: '+84912345678', kind: 'graded', params: {}, trackingId })
		).rejects.toBeInstanceOf(PermanentFailure);
		const closed = znsGateway(
			{
				accessToken: async () => TOKEN,
				templates: TEMPLATES,
				url: 'http://127.0.0.1:9/message/template'
			},
			{ timeoutMs: 400 }
		);
		const failure = await closed
			.send({ to: '+84912345678', kind: 'phone_code', params: { code: '1' }, trackingId })
			.catch((error: Error) => error);
		expect(failure).toBeInstanceOf(Error);
		expect(failure).not.toBeInstanceOf(PermanentFailure);
	});
});

describe('template data', () => {
	it('gives every kind its parameters in Vietnamese, with fallbacks where a value may be absent', () => {
		expect(phoneTemplateData('course_assigned', { course: 'An toàn lao động' })).toEqual({
			course: 'An toàn lao động',
			due_date: 'không có hạn'
		});
		expect(
			phoneTemplateData('course_assigned', { course: 'A', courseEn: 'Safety', dueOn: '2026-12-31' })
		).toEqual({ course: 'A', due_date: '31/12/2026' });
		expect(phoneTemplateData('graded', { course: 'A', passed: false }).result).toBe('Chưa đạt');
		expect(
			phoneTemplateData('workshop_registered', { workshop: 'W', waitlisted: true }).status
		).toBe('Danh sách chờ');
		expect(phoneTemplateData('announcement', { subject: 'Đổi phòng', from: 'Lê Văn C' })).toEqual({
			subject: 'Đổi phòng',
			sender: 'Lê Văn C'
		});
		expect(phoneTemplateData('phone_code', { code: '123456', link: 'https://x.vn' })).toEqual({
			code: '123456'
		});
	});

	it('cuts by characters, not bytes, and keeps Vietnamese letters whole', () => {
		expect(cut('Nguyễn Thị Ánh Tuyết', 30)).toBe('Nguyễn Thị Ánh Tuyết');
		// Decomposed input (as some keyboards send it) is composed before counting.
		expect(cut('Ánh'.normalize('NFD'), 3)).toBe('Ánh');
		expect(cut('abcdef', 4)).toBe('abc…');
	});
});
