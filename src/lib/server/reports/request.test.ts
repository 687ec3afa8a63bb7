import { describe, expect, it } from 'vitest';
import { parseReportQuery, periodChoices, scopeChoice } from './request';

const now = new Date('2026-11-29T04:00:00Z');
const q = (s: string) => parseReportQuery(new URLSearchParams(s), ['Ba Tri'], now);

describe('report query', () => {
	it('defaults to the current half-year and everything', () => {
		expect(q('')).toMatchObject({ period: { year: 2026, half: 2 }, scope: { type: 'all' } });
		expect(q('').search).toBe('period=2026-H2&scope=all');
	});

	it('accepts a known area, kind or organisation and nothing else', () => {
		expect(q('period=2025-H1&scope=area&area=Ba+Tri').scope).toEqual({
			type: 'area',
			area: 'Ba Tri'
		});
		expect(q('scope=area&area=Nowhere').scope).toEqual({ type: 'all' });
		expect(q('scope=kind&kind=school').scope).toEqual({ type: 'kind', kind: 'school' });
		expect(q('scope=kind&kind=pub').scope).toEqual({ type: 'all' });
		const id = '0b6c5f5e-8a0e-4d7e-9f7e-2b1f0c3d4e5f';
		expect(q(`scope=organisation&organisation=${id}`).scope).toEqual({
			type: 'organisation',
			organisationId: id
		});
		expect(q('scope=organisation&organisation=1 or 1=1').scope).toEqual({ type: 'all' });
	});

	it("reads the form's one scope choice and gives back the long form", () => {
		const id = '0b6c5f5e-8a0e-4d7e-9f7e-2b1f0c3d4e5f';
		expect(q('scope=area%3ABa+Tri')).toMatchObject({
			scope: { type: 'area', area: 'Ba Tri' },
			search: 'period=2026-H2&scope=area&area=Ba+Tri'
		});
		expect(q('scope=kind:school').scope).toEqual({ type: 'kind', kind: 'school' });
		expect(q(`scope=organisation:${id}`).scope).toEqual({
			type: 'organisation',
			organisationId: id
		});
		expect(q('scope=area:Nowhere').scope).toEqual({ type: 'all' });
		expect(q('scope=kind:').scope).toEqual({ type: 'all' });
		for (const s of ['area:Ba Tri', 'kind:school', `organisation:${id}`, 'all'])
			expect(scopeChoice(q(`scope=${encodeURIComponent(s)}`).scope)).toBe(s);
	});

	it('offers the last eight half-years, newest first', () => {
		const choices = periodChoices(now);
		expect(choices).toHaveLength(8);
		expect(choices[0]).toBe('2026-H2');
		expect(choices[7]).toBe('2023-H1');
	});
});
