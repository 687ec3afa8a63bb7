/**
 * The first privacy notice, written when an instance starts with none (notices.ts ensureNotice).
 * Its lists of data, purposes, legal bases, recipients and periods are generated from registry.ts
 * and the retention settings, so they say what the platform actually does; the administrator can
 * rewrite all of it at /admin/privacy/notice.
 */
import type { Controller } from '$db/schema';
import type { PrivacyConfig } from '../config';
import { categoryByKey, dataCategories, legalBases, purposes } from './registry';

type Lang = 'vi' | 'en';

const text = {
	vi: {
		title: 'Thông báo về xử lý dữ liệu cá nhân',
		intro: (c: Controller) =>
			`${c.name} (bên kiểm soát dữ liệu cá nhân) vận hành nền tảng đào tạo Sạch Hơn. Thông báo này cho biết chúng tôi xử lý dữ liệu cá nhân nào của bạn, để làm gì, trên cơ sở pháp lý nào, ai được tiếp nhận, lưu giữ bao lâu, và bạn thực hiện các quyền của mình như thế nào, theo Luật Bảo vệ dữ liệu cá nhân số 91/2025/QH15 và Nghị định số 356/2025/NĐ-CP.`,
		data: 'Dữ liệu chúng tôi xử lý',
		sensitive: ' — *dữ liệu cá nhân nhạy cảm*',
		sensitiveNote:
			'Mật khẩu và lịch sử học tập trên nền tảng được coi là dữ liệu cá nhân nhạy cảm (Điều 4 Nghị định 356/2025/NĐ-CP): chỉ người có nhiệm vụ mới được xem, và không chuyển cho bên nào khác ngoài những bên nêu dưới đây.',
		purposes: 'Mục đích, cơ sở pháp lý, bên tiếp nhận và thời gian lưu giữ',
		dataOf: 'Dữ liệu',
		basis: 'Cơ sở pháp lý',
		optional: 'Không bắt buộc: bạn có thể không đồng ý mà vẫn dùng nền tảng',
		recipients: 'Bên tiếp nhận',
		retention: 'Thời gian lưu giữ',
		minors: 'Người học chưa thành niên',
		minorsText: (age: number) =>
			`Với người học dưới ${age} tuổi, nhà trường hoặc đơn vị quản lý lớp ghi nhận sự đồng ý của cha mẹ hoặc người giám hộ (họ tên, cách liên hệ, ngày đồng ý). Cho đến khi có sự đồng ý đó, tài khoản chỉ được dùng ở mức pháp luật cho phép.`,
		processors: 'Ai xử lý dữ liệu',
		processorsText:
			'Dữ liệu được lưu trên máy chủ do đơn vị vận hành quản lý. Nhà cung cấp dịch vụ gửi e-mail, và Zalo khi kênh này được bật, chỉ nhận số điện thoại hoặc địa chỉ e-mail và nội dung tin cần gửi. Chúng tôi không bán dữ liệu cá nhân và không dùng dữ liệu để quảng cáo.',
		rights: 'Quyền của bạn',
		rightsList: [
			'Được biết về việc xử lý dữ liệu cá nhân của mình',
			'Đồng ý hoặc không đồng ý cho phép xử lý',
			'Xem, chỉnh sửa hoặc yêu cầu chỉnh sửa dữ liệu',
			'Rút lại sự đồng ý',
			'Xóa hoặc yêu cầu xóa dữ liệu',
			'Yêu cầu hạn chế xử lý',
			'Yêu cầu cung cấp dữ liệu (tải về bản sao)',
			'Phản đối việc xử lý',
			'Khiếu nại, tố cáo, khởi kiện và yêu cầu bồi thường thiệt hại theo quy định của pháp luật'
		],
		how: 'Cách thực hiện quyền',
		howText:
			'Đăng nhập và vào trang [Quyền riêng tư của tôi](/account/privacy): tại đó bạn xem phiên bản thông báo đã đồng ý, đồng ý hoặc rút lại sự đồng ý không bắt buộc, tải dữ liệu của mình về, và gửi yêu cầu xem, chỉnh sửa, hạn chế, xóa dữ liệu. Mỗi yêu cầu được phản hồi trong 02 ngày làm việc và giải quyết trong thời hạn pháp luật quy định. Bạn cũng có thể gửi yêu cầu bằng văn bản tới địa chỉ dưới đây.',
		withdrawText:
			'Rút lại sự đồng ý không làm mất hiệu lực của việc xử lý đã thực hiện trước đó. Khi rút lại sự đồng ý cho mục đích bắt buộc, bạn sẽ không dùng tiếp được nền tảng; chứng chỉ đã cấp vẫn giữ bản ghi tối thiểu để xác minh.',
		contact: 'Liên hệ',
		name: 'Đơn vị',
		address: 'Địa chỉ',
		email: 'E-mail',
		phone: 'Điện thoại',
		officer: 'Bộ phận bảo vệ dữ liệu cá nhân'
	},
	en: {
		title: 'Notice on the processing of personal data',
		intro: (c: Controller) =>
			`${c.name} (the controller of personal data) runs the Sạch Hơn training platform. This notice says which of your personal data we process, why, on which legal basis, who receives it, how long it is kept and how you use your rights, under the Law on Personal Data Protection No. 91/2025/QH15 and Decree No. 356/2025/NĐ-CP.`,
		data: 'The data we process',
		sensitive: ' — *sensitive personal data*',
		sensitiveNote:
			'Passwords and your learning history on the platform count as sensitive personal data (Decree 356/2025/NĐ-CP, Art. 4): only those whose work needs them may see them, and they go to nobody besides the recipients below.',
		purposes: 'Purposes, legal bases, recipients and periods',
		dataOf: 'Data',
		basis: 'Legal basis',
		optional: 'Optional: you may refuse and still use the platform',
		recipients: 'Recipients',
		retention: 'Kept for',
		minors: 'Minors',
		minorsText: (age: number) =>
			`For learners under ${age}, the school or the organisation running the class records the consent of a parent or guardian (name, contact, date of consent). Until then the account is used only as far as the law allows.`,
		processors: 'Who processes the data',
		processorsText:
			'The data is kept on servers the operator manages. The e-mail provider, and Zalo when that channel is on, receive only the phone number or e-mail address and the message to send. We do not sell personal data or use it for advertising.',
		rights: 'Your rights',
		rightsList: [
			'To know about the processing of your personal data',
			'To consent or refuse consent to processing',
			'To see and correct your data, or ask for it to be corrected',
			'To withdraw consent',
			'To erase your data or ask for it to be erased',
			'To ask for processing to be restricted',
			'To ask for your data to be provided (download a copy)',
			'To object to processing',
			'To complain, denounce, sue and claim damages as the law provides'
		],
		how: 'How to use your rights',
		howText:
			'Sign in and open [My privacy](/en/account/privacy): there you see which version of this notice you agreed to, give or withdraw optional consents, download your data and ask to see, correct, restrict or erase it. Each request is acknowledged within 2 working days and answered within the time the law sets. You may also write to the address below.',
		withdrawText:
			'Withdrawing consent does not make earlier processing unlawful. Withdrawing consent to the required purposes means you cannot go on using the platform; certificates already issued keep a minimal record so they can still be verified.',
		contact: 'Contact',
		name: 'Organisation',
		address: 'Address',
		email: 'E-mail',
		phone: 'Phone',
		officer: 'Personal data protection contact'
	}
} as const;

function notice(lang: Lang, controller: Controller, privacy: PrivacyConfig): string {
	const t = text[lang];
	const out: string[] = [t.intro(controller), '', `## ${t.data}`, ''];
	for (const c of dataCategories) {
		if (c.key === 'guardian') continue;
		out.push(`- ${c.name[lang]}${c.sensitive ? t.sensitive : ''}`);
	}
	out.push('', t.sensitiveNote, '', `## ${t.purposes}`, '');
	for (const p of purposes) {
		out.push(`### ${p.name[lang]}`, '');
		out.push(
			`- **${t.dataOf}:** ${p.categories.map((k) => categoryByKey.get(k)?.name[lang] ?? k).join('; ')}`
		);
		out.push(`- **${t.basis}:** ${legalBases[p.basis][lang]}`);
		if (p.optional) out.push(`- ${t.optional}`);
		out.push(`- **${t.recipients}:** ${p.recipients[lang]}`);
		out.push(`- **${t.retention}:** ${p.retention(privacy.retention)[lang]}`, '');
	}
	out.push(`## ${t.processors}`, '', t.processorsText, '');
	out.push(`## ${t.minors}`, '', t.minorsText(privacy.minorAge), '');
	out.push(`## ${t.rights}`, '', ...t.rightsList.map((r) => `- ${r}`), '');
	out.push(`## ${t.how}`, '', t.howText, '', t.withdrawText, '');
	out.push(`## ${t.contact}`, '');
	const rows: [string, string][] = [
		[t.name, controller.name],
		[t.address, controller.address],
		[t.email, controller.email],
		[t.phone, controller.phone],
		[t.officer, controller.contact]
	];
	for (const [label, value] of rows) if (value.trim()) out.push(`- **${label}:** ${value}`);
	return out.join('\n').trim() + '\n';
}

/** The default notice in both languages, from the registry and the instance's settings. */
export function defaultNotice(
	controller: Controller,
	privacy: PrivacyConfig
): { vi: string; en: string } {
	return { vi: notice('vi', controller, privacy), en: notice('en', controller, privacy) };
}

export const noticeTitle = (lang: Lang) => text[lang].title;
