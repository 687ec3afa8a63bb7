import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import { overwriteGetLocale } from '$lib/paraglide/runtime';
import RubricForm from './RubricForm.svelte';

const level = (points: number, title: string) => ({
	points,
	title: { vi: title },
	description: { vi: `Mô tả ${title}` }
});
const rubric = {
	criteria: [
		{
			id: 'lang-phi',
			title: { vi: 'Chỗ lãng phí' },
			levels: [level(0, 'Chưa có'), level(1.5, 'Đủ')]
		},
		{ id: 'giai-phap', title: { vi: 'Giải pháp' }, levels: [level(0, 'Chưa có'), level(2, 'Đủ')] }
	],
	pass: { points: 3, everyCriterion: 1 }
};

const html = (props: Record<string, unknown>) =>
	render(RubricForm, { props: { rubric, values: null, ...props } as never }).body;

describe('the rubric form', () => {
	it('is a radio group per criterion, in a fieldset with its legend, and posts without JavaScript', () => {
		overwriteGetLocale(() => 'vi');
		const body = html({});
		expect(body).toContain('enctype="multipart/form-data"');
		expect(body.match(/<fieldset/g)).toHaveLength(2);
		expect(body).toMatch(/<legend[^>]*>1. Chỗ lãng phí<\/legend>/);
		expect(body.match(/type="radio" name="level.lang-phi"/g)).toHaveLength(2);
		expect(body).toContain('formaction="?/save"');
		expect(body).toContain('formaction="?/return"');
		expect(body).toContain('formaction="?/grade"');
		expect(body).toContain('Còn 2 tiêu chí chưa chọn mức');
	});

	it('shows the saved levels checked and their total, server-rendered', () => {
		overwriteGetLocale(() => 'vi');
		const body = html({
			values: {
				levels: { 'lang-phi': 1, 'giai-phap': 1 },
				comments: { 'lang-phi': 'Tốt' },
				overall: 'Ổn'
			}
		});
		expect(body.match(/checked/g)).toHaveLength(2);
		expect(body).toContain('Tổng: 3,5/3,5 điểm');
		expect(body).toContain('Theo mức đã chọn: đạt');
		expect(body).toContain('>Tốt</textarea>');
	});

	it('shows the lead both blind markings and highlights where they differ', () => {
		overwriteGetLocale(() => 'vi');
		const body = html({
			moderation: {
				first: { levels: { 'lang-phi': 1, 'giai-phap': 0 }, comments: {}, overall: '', name: 'An' },
				second: {
					levels: { 'lang-phi': 1, 'giai-phap': 1 },
					comments: {},
					overall: '',
					name: 'Bình'
				},
				differences: { criteria: [{ id: 'giai-phap' }], points: 2 }
			}
		});
		expect(body.match(/class="criterion[^"]*differs/g)).toHaveLength(1);
		expect(body).toContain('Vòng một: An');
		expect(body).toContain('Khác nhau');
		expect(body).toContain('Giống nhau');
	});
});
