import { describe, expect, it } from 'vitest';
import { overwriteGetLocale } from '$lib/paraglide/runtime';
import { breachInput, breachSchema, vietnamInstant, vietnamLocalInput } from './breach';

const valid = {
	title: 'Lộ danh sách lớp',
	description: 'Gửi nhầm e-mail.',
	occurredAt: '2026-12-01T08:00',
	discoveredAt: '2026-12-01T09:30',
	dataCategories: ['identity', 'contact'],
	peopleAffected: '35',
	peopleDescription: '',
	consequences: '',
	measures: ''
};

describe('the breach form', () => {
	it('reads times as Vietnam time and back', () => {
		const at = vietnamInstant('2026-12-01T09:30')!;
		expect(at.toISOString()).toBe('2026-12-01T02:30:00.000Z');
		expect(vietnamLocalInput(at)).toBe('2026-12-01T09:30');
		expect(vietnamInstant('2026-02-30T09:30')).toBeNull();
		expect(vietnamInstant('hôm qua')).toBeNull();
	});

	it('parses a filled form into what the register stores', () => {
		const parsed = breachSchema.safeParse(valid);
		expect(parsed.success).toBe(true);
		expect(breachInput(parsed.data!)).toMatchObject({
			discoveredAt: new Date('2026-12-01T02:30:00Z'),
			occurredAt: new Date('2026-12-01T01:00:00Z'),
			peopleAffected: 35,
			dataCategories: ['identity', 'contact']
		});
		expect(
			breachInput(breachSchema.parse({ ...valid, occurredAt: '', peopleAffected: '' }))
		).toMatchObject({
			occurredAt: null,
			peopleAffected: null
		});
	});

	it('refuses a discovery in the future, an occurrence after it, a stray category', () => {
		overwriteGetLocale(() => 'vi');
		const issues = (v: object) =>
			breachSchema.safeParse({ ...valid, ...v }).error?.issues.map((i) => i.path.join('.'));
		expect(issues({ discoveredAt: '2099-01-01T00:00' })).toEqual(['discoveredAt']);
		expect(issues({ occurredAt: '2026-12-02T00:00' })).toEqual(['occurredAt']);
		expect(issues({ dataCategories: ['passwords'] })).toEqual(['dataCategories.0']);
		expect(issues({ peopleAffected: 'nhiều' })).toEqual(['peopleAffected']);
	});
});
