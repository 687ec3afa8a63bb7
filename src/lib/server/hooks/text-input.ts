import { error, type Handle } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';

/**
 * NUL (U+0000) in any text a request brings, refused once for the whole platform. PostgreSQL cannot
 * store it in `text`, so without this a NUL in a field, a search or an address ended as a 500 deep in a
 * query. Checked here, at the boundary: route parameters and the query string before anything runs,
 * form bodies (read once, here, and handed to the action) and JSON bodies as they are read; after
 * the guard, so nobody's upload is parsed before they are known to be allowed in. No route, schema or
 * field can forget it.
 */
export function hasNul(value: unknown): boolean {
	if (typeof value === 'string') return value.includes('\0');
	if (Array.isArray(value)) return value.some(hasNul);
	if (value && typeof value === 'object') {
		return Object.entries(value).some(([key, item]) => hasNul(key) || hasNul(item));
	}
	return false;
}

export function formHasNul(data: FormData): boolean {
	for (const [key, value] of data) {
		if (key.includes('\0')) return true;
		if (typeof value === 'string' ? value.includes('\0') : value.name.includes('\0')) return true;
	}
	return false;
}

const refuse = () => error(400, m.error_nul_character());

const FORM_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data'];

export const handleTextInput: Handle = async ({ event, resolve }) => {
	const { request, url, params } = event;
	if (hasNul(params) || hasNul([...url.searchParams.keys(), ...url.searchParams.values()]))
		refuse();
	if (request.method !== 'GET' && request.method !== 'HEAD') {
		const type = request.headers.get('content-type')?.split(';', 1)[0].trim().toLowerCase() ?? '';
		if (FORM_TYPES.includes(type)) {
			// Read here, once, and handed to the action as it asks: a form library that swallows
			// errors from formData() (superforms does) must not turn the refusal into an empty form.
			let data: FormData;
			try {
				data = await request.formData();
			} catch (error) {
				request.formData = () => Promise.reject(error);
				return resolve(event);
			}
			if (formHasNul(data)) refuse();
			request.formData = () => Promise.resolve(data);
		}
		const readJson = request.json.bind(request);
		request.json = async () => {
			const data: unknown = await readJson();
			if (hasNul(data)) refuse();
			return data;
		};
	}
	return resolve(event);
};
