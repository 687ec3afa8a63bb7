import type { RetentionConfig } from '$lib/server/config';

/**
 * What the platform itself processes: the one list the privacy notice's defaults, the record of
 * processing activities, the impact assessment template and the breach register all read
 * (Law 91/2025/QH15; Decree 356/2025/NĐ-CP). Keys are stable (stored in data_breaches).
 */

export type Localised = { vi: string; en: string };

export interface DataCategory {
	key: string;
	name: Localised;
	/** Decree 356/2025 Art. 4 lists it as sensitive personal data. */
	sensitive: boolean;
	/** Where it is kept (tables), for the record of processing. */
	tables: string[];
}

export const dataCategories: readonly DataCategory[] = [
	{
		key: 'identity',
		name: {
			vi: 'Họ và tên, e-mail hoặc tên đăng nhập, ngày sinh',
			en: 'Full name, e-mail or username, date of birth'
		},
		sensitive: false,
		tables: ['users']
	},
	{
		key: 'affiliation',
		name: {
			vi: 'Đơn vị công tác, nhóm đối tượng, địa bàn, vai trò',
			en: 'Organisation, audience group, area, roles'
		},
		sensitive: false,
		tables: ['users', 'role_assignments', 'cohort_members']
	},
	{
		key: 'credentials',
		name: {
			vi: 'Mật khẩu (chỉ lưu dạng băm), phiên đăng nhập',
			en: 'Password (hashed only), sessions'
		},
		sensitive: true,
		tables: ['users', 'sessions', 'password_resets']
	},
	{
		key: 'learning_activity',
		name: {
			vi: 'Lịch sử học tập: bài đã đọc, bài kiểm tra và câu trả lời, tiến độ',
			en: 'Learning history: lessons read, quizzes and answers, progress'
		},
		// Decree 356/2025 Art. 4 counts the tracking of a person's use of online services as sensitive.
		sensitive: true,
		tables: ['enrolments', 'lesson_progress', 'quiz_attempts']
	},
	{
		key: 'assignment_work',
		name: { vi: 'Bài nộp, tệp đính kèm và điểm chấm', en: 'Work handed in, files and grades' },
		sensitive: false,
		tables: ['submissions', 'submission_files', 'submission_marks']
	},
	{
		key: 'attendance',
		name: {
			vi: 'Đăng ký, điểm danh, điểm kiểm tra và phiếu khảo sát tại hội thảo, lớp học',
			en: 'Workshop registration, attendance, test scores and surveys'
		},
		sensitive: false,
		tables: [
			'workshop_registrations',
			'workshop_attendance',
			'workshop_test_scores',
			'survey_responses'
		]
	},
	{
		key: 'certificates',
		name: { vi: 'Chứng chỉ đã cấp', en: 'Certificates issued' },
		sensitive: false,
		tables: ['certificates']
	},
	{
		key: 'contact',
		name: {
			vi: 'Số điện thoại nhận tin Zalo/SMS, tin nhắn và nhật ký gửi',
			en: 'Phone number for Zalo/SMS, messages and delivery records'
		},
		sensitive: false,
		tables: ['phone_numbers', 'notifications', 'deliveries', 'message_preferences']
	},
	{
		key: 'guardian',
		name: {
			vi: 'Họ tên, liên hệ của cha mẹ hoặc người giám hộ (người học chưa thành niên)',
			en: "A minor's parent or guardian: name and contact"
		},
		sensitive: false,
		tables: ['guardian_consents']
	},
	{
		key: 'privacy_records',
		name: {
			vi: 'Sự đồng ý, yêu cầu về dữ liệu và nhật ký thao tác',
			en: 'Consents, data requests and the audit log'
		},
		sensitive: false,
		tables: ['consent_records', 'data_requests', 'audit_events']
	}
];

/** Law 91/2025 Art. 9 (consent) and Art. 19 (processing without consent). */
export type LegalBasis = 'consent' | 'legal_obligation' | 'public_duty';

export const legalBases: Record<LegalBasis, Localised> = {
	consent: {
		vi: 'Sự đồng ý của chủ thể dữ liệu (Điều 9 Luật 91/2025/QH15)',
		en: 'Consent of the data subject (Law 91/2025/QH15, Art. 9)'
	},
	legal_obligation: {
		vi: 'Thực hiện nghĩa vụ theo quy định của pháp luật (Điều 19 Luật 91/2025/QH15)',
		en: 'A duty set by law (Law 91/2025/QH15, Art. 19)'
	},
	public_duty: {
		vi: 'Thực hiện nhiệm vụ của cơ quan nhà nước theo quy định của pháp luật (Điều 19 Luật 91/2025/QH15)',
		en: "A state body's duties set by law (Law 91/2025/QH15, Art. 19)"
	}
};

export interface Purpose {
	key: string;
	name: Localised;
	basis: LegalBasis;
	/** Whether a person may refuse it and still use the platform (a separate, optional consent). */
	optional: boolean;
	categories: string[];
	/** Who receives the data besides the operator's staff. */
	recipients: Localised;
	/** How long, read from the retention settings. */
	retention: (r: RetentionConfig) => Localised;
}

const untilErased = (r: RetentionConfig): Localised => ({
	vi: `Đến khi chủ thể yêu cầu xóa, hoặc ${r.inactiveYears} năm sau lần đăng nhập cuối thì ẩn danh`,
	en: `Until erased at the person's request, or anonymised ${r.inactiveYears} years after the last sign-in`
});

export const purposes: readonly Purpose[] = [
	{
		key: 'service',
		name: {
			vi: 'Tạo tài khoản, tổ chức học trực tuyến và tại lớp, chấm bài, cấp và xác minh chứng chỉ',
			en: 'Accounts, online and classroom training, grading, issuing and verifying certificates'
		},
		basis: 'consent',
		optional: false,
		categories: [
			'identity',
			'affiliation',
			'credentials',
			'learning_activity',
			'assignment_work',
			'attendance',
			'certificates'
		],
		recipients: {
			vi: 'Người quản lý đơn vị và giảng viên của lớp người học tham gia; người được người học cho xem chứng chỉ',
			en: "The managers and trainers of the learner's organisation and classes; whoever the learner shows a certificate to"
		},
		retention: (r) => ({
			vi: `${untilErased(r).vi}; câu trả lời bài kiểm tra xóa sau ${r.attemptYears} năm, bài nộp sau ${r.submissionYears} năm; chứng chỉ giữ bản ghi tối thiểu để xác minh`,
			en: `${untilErased(r).en}; quiz answers cleared after ${r.attemptYears} years, work handed in after ${r.submissionYears} years; certificates keep a minimal record for verification`
		})
	},
	{
		key: 'reporting',
		name: {
			vi: 'Báo cáo sáu tháng về kết quả đào tạo sản xuất sạch hơn (số liệu tổng hợp, không nêu tên)',
			en: 'Six-monthly reports on cleaner production training (totals, no names)'
		},
		basis: 'public_duty',
		optional: false,
		categories: ['affiliation', 'learning_activity', 'attendance', 'certificates'],
		recipients: {
			vi: 'Sở Công Thương, Bộ Công Thương (chỉ số liệu tổng hợp)',
			en: 'The provincial Department and the Ministry of Industry and Trade (totals only)'
		},
		retention: (r) => ({
			vi: `Số liệu tổng hợp giữ lâu dài; dữ liệu cá nhân ẩn danh sau ${r.inactiveYears} năm không hoạt động`,
			en: `Totals kept; personal data anonymised after ${r.inactiveYears} inactive years`
		})
	},
	{
		key: 'messages',
		name: {
			vi: 'Nhắc hạn, thông báo trong hộp thư và qua e-mail',
			en: 'Reminders and notices in the inbox and by e-mail'
		},
		basis: 'consent',
		optional: false,
		categories: ['identity', 'contact'],
		recipients: {
			vi: 'Nhà cung cấp dịch vụ gửi e-mail do đơn vị vận hành cấu hình',
			en: 'The e-mail provider the operator configures'
		},
		retention: (r) => ({
			vi: `${r.messageMonths} tháng`,
			en: `${r.messageMonths} months`
		})
	},
	{
		key: 'phone_messages',
		name: {
			vi: 'Nhận tin nhắn qua Zalo hoặc SMS (không bắt buộc)',
			en: 'Messages by Zalo or SMS (optional)'
		},
		basis: 'consent',
		optional: true,
		categories: ['contact'],
		recipients: {
			vi: 'Zalo (Công ty Cổ phần VNG) khi đơn vị vận hành bật kênh này',
			en: 'Zalo (VNG Corporation) when the operator turns this channel on'
		},
		retention: (r) => ({
			vi: `Đến khi rút lại sự đồng ý; nhật ký gửi ${r.messageMonths} tháng`,
			en: `Until consent is withdrawn; delivery records ${r.messageMonths} months`
		})
	},
	{
		key: 'minors',
		name: {
			vi: 'Ghi nhận sự đồng ý của cha mẹ hoặc người giám hộ cho người học dưới tuổi quy định',
			en: "Recording a parent's or guardian's consent for learners under the set age"
		},
		basis: 'legal_obligation',
		optional: false,
		categories: ['guardian'],
		recipients: { vi: 'Nhà trường, người quản lý lớp', en: "The school, the class's managers" },
		retention: untilErased
	},
	{
		key: 'accountability',
		name: {
			vi: 'Ghi nhận sự đồng ý, giải quyết yêu cầu, nhật ký thao tác và sự cố dữ liệu',
			en: 'Recording consents, answering requests, audit log and breach register'
		},
		basis: 'legal_obligation',
		optional: false,
		categories: ['privacy_records'],
		recipients: {
			vi: 'Cơ quan chuyên trách bảo vệ dữ liệu cá nhân (Bộ Công an) khi có yêu cầu',
			en: 'The personal data protection authority (Ministry of Public Security) on request'
		},
		retention: (r) => ({
			vi: `Nhật ký thao tác ${r.logYears} năm; sự đồng ý và yêu cầu giữ cùng tài khoản`,
			en: `Audit log ${r.logYears} years; consents and requests kept with the account`
		})
	}
];

export const categoryByKey = new Map(dataCategories.map((c) => [c.key, c]));
