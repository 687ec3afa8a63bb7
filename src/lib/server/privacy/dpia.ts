import type { Localised } from './registry';

/**
 * What the impact assessment dossier (hồ sơ đánh giá tác động xử lý dữ liệu cá nhân; Law 91/2025/QH15
 * Art. 21, Decree 356/2025/NĐ-CP Art. 19 and its Form 10) can say from the platform itself: the
 * measures it takes, the risks it sees with their mitigation, how data flows, and the blanks only
 * the operator can fill. The record (record.ts) gives the rest.
 */

/** Measures the platform itself takes (README, "Accounts and security", "Backups", "Personal data"). */
export const securityMeasures: readonly Localised[] = [
	{
		vi: 'Mật khẩu chỉ lưu dạng băm argon2id; từ chối 50.000 mật khẩu phổ biến nhất',
		en: 'Passwords stored only as argon2id hashes; the 50,000 most common passwords refused'
	},
	{
		vi: 'Phiên đăng nhập: mã ngẫu nhiên trong cookie HttpOnly, chỉ lưu mã băm SHA-256; hết hạn sau 30 ngày',
		en: 'Sessions: a random token in an HttpOnly cookie, only its SHA-256 stored; 30 days'
	},
	{
		vi: 'Giới hạn số lần đăng nhập sai theo tài khoản và theo địa chỉ',
		en: 'Failed sign-ins limited per account and per address'
	},
	{
		vi: 'Phân quyền theo vai trò: người quản lý, giảng viên chỉ thấy người học của đơn vị, lớp mình',
		en: 'Access by role: managers and trainers see only the learners of their organisation and classes'
	},
	{
		vi: 'Chính sách bảo mật nội dung (CSP), từ chối biểu mẫu gửi từ trang khác',
		en: 'Content-Security-Policy; forms posted from other sites refused'
	},
	{
		vi: 'Chứng chỉ được ký số (Ed25519), ai cũng xác minh được mà không cần xem dữ liệu khác',
		en: 'Certificates signed (Ed25519), verifiable by anyone without other data'
	},
	{
		vi: 'Nhật ký thao tác nhạy cảm (phân quyền, xóa, sự cố...) chỉ ghi mã định danh, không ghi tên; nhật ký máy chủ không ghi tên hay e-mail',
		en: 'Audit log of sensitive actions (roles, deletions, breaches...) with ids, not names; server logs hold no names or e-mail addresses'
	},
	{
		vi: 'Số điện thoại được xác nhận bằng mã trước khi nhận tin nhắn',
		en: 'Phone numbers confirmed by a code before any message is sent'
	},
	{
		vi: 'Sao lưu cơ sở dữ liệu bằng lệnh npm run db:backup; khôi phục đã được kiểm thử',
		en: 'Database backups with npm run db:backup; restore is tested'
	},
	{
		vi: 'Tự động ẩn danh, xóa dữ liệu khi hết thời hạn lưu trữ (có chạy thử trước)',
		en: 'Anonymisation and deletion when retention periods end (with a dry run first)'
	},
	{
		vi: 'Sổ theo dõi sự cố với đồng hồ thông báo cho cơ quan chức năng',
		en: 'A breach register with the clock for notifying the authority'
	}
];

export interface Risk {
	risk: Localised;
	mitigation: Localised;
}

export const risks: readonly Risk[] = [
	{
		risk: {
			vi: 'Kẻ xấu chiếm tài khoản do đoán hoặc lộ mật khẩu',
			en: 'Accounts taken over by guessed or leaked passwords'
		},
		mitigation: {
			vi: 'Băm argon2id, giới hạn đăng nhập sai, đăng xuất mọi thiết bị khi đổi mật khẩu',
			en: 'argon2id hashes, sign-in limits, every session ended when a password changes'
		}
	},
	{
		risk: {
			vi: 'Cán bộ xem hoặc xuất nhiều dữ liệu hơn công việc cần',
			en: 'Staff seeing or exporting more data than their work needs'
		},
		mitigation: {
			vi: 'Phân quyền theo đơn vị, lớp; báo cáo xuất ra chỉ có số liệu cần thiết; nhật ký thao tác',
			en: 'Access scoped to organisation and class; exports hold only what the report needs; audit log'
		}
	},
	{
		risk: {
			vi: 'Xử lý dữ liệu của người học chưa thành niên khi chưa có sự đồng ý của người đại diện',
			en: "Processing a minor's data before their representative's consent"
		},
		mitigation: {
			vi: 'Ngưỡng tuổi cấu hình được; quy trình ghi nhận sự đồng ý của cha mẹ, người giám hộ',
			en: "A configurable age threshold; a guardian's consent recorded before processing goes on"
		}
	},
	{
		risk: {
			vi: 'Lịch sử học tập trực tuyến có thể là dữ liệu nhạy cảm (điểm l khoản 1 Điều 4 Nghị định 356/2025/NĐ-CP)',
			en: 'Online learning history may be sensitive data (Decree 356/2025/NĐ-CP, Art. 4(1)(l))'
		},
		mitigation: {
			vi: 'Thông báo nêu rõ là dữ liệu nhạy cảm; chỉ người học, giảng viên, quản lý của lớp được xem',
			en: "The notice says it is sensitive; only the learner and their class's trainers and managers see it"
		}
	},
	{
		risk: { vi: 'Giữ dữ liệu lâu hơn mục đích cần', en: 'Data kept longer than the purpose needs' },
		mitigation: {
			vi: 'Thời hạn lưu trữ cấu hình được, tác vụ định kỳ ẩn danh, xóa',
			en: 'Configured periods applied by a scheduled anonymisation and deletion job'
		}
	},
	{
		risk: {
			vi: 'Mất, lộ máy chủ hoặc bản sao lưu',
			en: 'A server or a backup lost or exposed'
		},
		mitigation: {
			vi: 'Đơn vị vận hành điền: nơi đặt máy chủ, kiểm soát truy cập, mã hóa và nơi cất bản sao lưu',
			en: 'For the operator: where the server is, who can reach it, how backups are encrypted and kept'
		}
	},
	{
		risk: {
			vi: 'Sự cố không được thông báo đúng hạn',
			en: 'A breach not notified in time'
		},
		mitigation: {
			vi: 'Sổ theo dõi sự cố tính thời hạn 72 giờ kể từ khi phát hiện',
			en: 'The breach register counts the 72 hours from discovery'
		}
	}
];

/** How personal data moves through the platform, step by step (the flow the dossier asks for). */
export const dataFlow: readonly Localised[] = [
	{
		vi: 'Thu thập: người học tự đăng ký; hoặc người quản lý, giảng viên tạo tài khoản, nhập danh sách (CSV); người học đồng ý với thông báo khi đăng ký hoặc lần đăng nhập đầu',
		en: 'Collection: learners sign up; or managers and trainers create accounts or import a list (CSV); learners agree to the notice at sign-up or at first sign-in'
	},
	{
		vi: 'Lưu trữ: trong cơ sở dữ liệu của nền tảng (xem bên xử lý); bản sao lưu do đơn vị vận hành giữ',
		en: "Storage: in the platform's database (see processors); backups kept by the operator"
	},
	{
		vi: 'Sử dụng: học, làm bài, chấm bài, điểm danh, cấp chứng chỉ; giảng viên, người quản lý xem người học của mình',
		en: 'Use: learning, quizzes, grading, attendance, certificates; trainers and managers see their own learners'
	},
	{
		vi: 'Chuyển giao: e-mail, tin nhắn qua bên xử lý đã cấu hình; báo cáo gửi cơ quan quản lý chỉ có số liệu tổng hợp; chứng chỉ xác minh công khai theo mã',
		en: 'Disclosure: e-mail and messages through the configured processors; reports to the authorities hold totals only; certificates verified publicly by code'
	},
	{
		vi: 'Kết thúc: xóa theo yêu cầu hoặc ẩn danh khi hết thời hạn; chứng chỉ giữ bản ghi tối thiểu để xác minh',
		en: 'End: erased on request or anonymised when the period ends; certificates keep a minimal record for verification'
	}
];

/** What only the operator knows: left blank on the template, to be written in. */
export const operatorBlanks: readonly Localised[] = [
	{ vi: 'Ngày bắt đầu xử lý dữ liệu', en: 'The date processing began' },
	{
		vi: 'Bộ phận, nhân sự bảo vệ dữ liệu cá nhân và văn bản chỉ định',
		en: 'The data protection department or officer, and the document designating them'
	},
	{
		vi: 'Nơi đặt máy chủ, nhà cung cấp hạ tầng, quốc gia',
		en: 'Where the server is: hosting provider and country'
	},
	{
		vi: 'Sơ đồ thiết kế hệ thống và các tiêu chuẩn an toàn thông tin áp dụng',
		en: 'The system design diagram and the security standards applied'
	},
	{
		vi: 'Nơi cất giữ và cách mã hóa bản sao lưu',
		en: 'Where backups are kept and how they are encrypted'
	},
	{
		vi: 'Hợp đồng, thỏa thuận với các bên xử lý (bản sao kèm theo)',
		en: 'Contracts or agreements with the processors (copies attached)'
	},
	{
		vi: 'Đào tạo cán bộ về bảo vệ dữ liệu cá nhân',
		en: 'Staff training in personal data protection'
	},
	{
		vi: 'Kết quả tự đánh giá việc tuân thủ',
		en: 'The result of the compliance self-assessment'
	},
	{
		vi: 'Phương án ứng phó sự cố',
		en: 'The incident response plan'
	}
];
