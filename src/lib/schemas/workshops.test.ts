import { describe, expect, it } from 'vitest';
import { phoneAsUsername } from '$lib/workshops';
import { sessionSchema, walkInSchema, workshopSchema } from './workshops';

const base = {
	title: 'Hội thảo',
	courseId: '',
	organisationId: '0b8f2a9e-5c1d-4f3a-9e7b-2d6c8a1f4e30',
	venue: '',
	area: '',
	capacity: '',
	registrationMode: 'open',
	cohortId: ''
};

describe('workshopSchema', () => {
	it('reads an empty capacity as no limit and a number as seats', () => {
		expect(workshopSchema.parse(base).capacity).toBeNull();
		expect(workshopSchema.parse({ ...base, capacity: ' 120 ' }).capacity).toBe(120);
		for (const bad of ['0', '-3', '1.5', 'abc', '999999'])
			expect(workshopSchema.safeParse({ ...base, capacity: bad }).success).toBe(false);
	});
	it('asks for a title, an organisation, and the cohort of a cohort workshop', () => {
		const result = workshopSchema.safeParse({
			...base,
			title: ' ',
			organisationId: '',
			registrationMode: 'cohort'
		});
		expect(result.success).toBe(false);
		const paths = result.error!.issues.map((i) => i.path.join('.'));
		expect(paths).toEqual(expect.arrayContaining(['title', 'organisationId']));
		const noCohort = workshopSchema.safeParse({ ...base, registrationMode: 'cohort' });
		expect(noCohort.error!.issues.map((i) => i.path.join('.'))).toEqual(['cohortId']);
	});
});

describe('sessionSchema', () => {
	it('turns a day and times in Vietnam into instants', () => {
		const s = sessionSchema.parse({ day: '2026-12-03', startTime: '07:30', endTime: '23:59' });
		expect(s.startsAt.toISOString()).toBe('2026-12-03T00:30:00.000Z');
		expect(s.endsAt.toISOString()).toBe('2026-12-03T16:59:00.000Z');
	});
	it('refuses an end before the start, a wrong time and a day that does not exist', () => {
		const late = sessionSchema.safeParse({
			day: '2026-12-03',
			startTime: '10:00',
			endTime: '09:00'
		});
		expect(late.error!.issues.map((i) => i.path.join('.'))).toEqual(['endTime']);
		expect(
			sessionSchema.safeParse({ day: '2026-12-03', startTime: '8h', endTime: '09:00' }).success
		).toBe(false);
		expect(
			sessionSchema.safeParse({ day: '2026-02-30', startTime: '08:00', endTime: '09:00' }).success
		).toBe(false);
	});
});

describe('walk-ins', () => {
	it('asks for both fields', () => {
		expect(walkInSchema.safeParse({ fullName: 'Lê B', contact: '0912345678' }).success).toBe(true);
		expect(walkInSchema.safeParse({ fullName: ' ', contact: '' }).error!.issues).toHaveLength(2);
	});
	it('writes a phone number one way, whatever the spacing or the country code', () => {
		for (const raw of [
			'0912345678',
			'0912 345 678',
			'091.234.5678',
			'+84 912 345 678',
			'84912345678'
		])
			expect(phoneAsUsername(raw)).toBe('0912345678');
		for (const raw of ['12345', 'le.thi.b', 'a@b.vn', '+1 555 0100', ''])
			expect(phoneAsUsername(raw)).toBeNull();
	});
});
