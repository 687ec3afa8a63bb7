import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { overwriteGetLocale } from '$lib/paraglide/runtime';
import { auditKindLabel, auditKinds, auditSentence, type EventNames } from './messages';

const admin = { name: 'Nguyễn Văn A' };
const learner = { name: 'Trần Thị B' };
const course = { name: 'Sản xuất sạch hơn tại cơ sở' };
const cohort = { name: 'K24A' };
const organisation = { name: 'Trường Cao đẳng Bến Tre' };
const gone = { missing: true } as const;
const workshop = { name: 'Hội thảo sản xuất sạch hơn ngành dừa' };

/** One representative event per kind, and the sentence each must read as, in both languages. */
const cases: {
	action: string;
	details?: Record<string, string | number | boolean | null>;
	names: EventNames;
	vi: string;
	en: string;
}[] = [
	{
		action: 'person.erased',
		details: { reason: 'request', certificates: 1 },
		names: { actor: admin, user: learner },
		vi: 'Nguyễn Văn A đã xóa dữ liệu cá nhân của một người theo yêu cầu của họ',
		en: "Nguyễn Văn A erased a person's personal data at their request"
	},
	{
		action: 'person.erased',
		details: { reason: 'self', certificates: 0 },
		names: { actor: null, user: learner },
		vi: 'Một người dùng đã tự xóa tài khoản và dữ liệu cá nhân của mình',
		en: 'A user deleted their own account and personal data'
	},
	{
		action: 'person.erased',
		details: { reason: 'retention', certificates: 0 },
		names: { actor: null, user: learner },
		vi: 'Hệ thống đã xóa dữ liệu cá nhân của một tài khoản hết thời hạn lưu trữ',
		en: 'System erased the personal data of an account past its retention period'
	},
	{
		action: 'person.restriction_lifted',
		details: {},
		names: { actor: learner, user: learner },
		vi: 'Trần Thị B đã bỏ hạn chế xử lý dữ liệu cá nhân của mình',
		en: 'Trần Thị B lifted the restriction on processing their personal data'
	},
	{
		action: 'retention.run',
		details: { accounts: 2, quiz_answers: 10, submissions: 3, submission_files: 4, sessions: 1 },
		names: { actor: null },
		vi: 'Hệ thống đã áp dụng thời hạn lưu trữ: ẩn danh hóa 2 tài khoản, xóa hoặc làm trống 18 bản ghi khác',
		en: 'System applied the retention periods: accounts anonymised: 2; other records deleted or cleared: 18'
	},
	{
		action: 'retention.run',
		details: { accounts: 0, audit_events: 1200 },
		names: { actor: admin },
		vi: 'Nguyễn Văn A đã áp dụng thời hạn lưu trữ: ẩn danh hóa 0 tài khoản, xóa hoặc làm trống 1.200 bản ghi khác',
		en: 'Nguyễn Văn A applied the retention periods: accounts anonymised: 0; other records deleted or cleared: 1,200'
	},
	{
		action: 'data_request.filed',
		details: { requestId: 'r', kind: 'delete' },
		names: { actor: learner, user: learner },
		vi: 'Trần Thị B đã gửi yêu cầu «Xóa dữ liệu» về dữ liệu cá nhân',
		en: 'Trần Thị B filed a request «Deletion» about their personal data'
	},
	{
		action: 'data_request.recorded',
		details: { requestId: 'r', kind: 'access' },
		names: { actor: admin, user: learner },
		vi: 'Nguyễn Văn A đã ghi nhận yêu cầu «Xem dữ liệu» trên giấy của Trần Thị B',
		en: "Nguyễn Văn A recorded Trần Thị B's paper request «Access to data»"
	},
	{
		action: 'data_request.acknowledged',
		details: { requestId: 'r', kind: 'export' },
		names: { actor: admin, user: learner },
		vi: 'Nguyễn Văn A đã xác nhận đã nhận yêu cầu «Cung cấp bản sao dữ liệu» của Trần Thị B',
		en: "Nguyễn Văn A acknowledged Trần Thị B's request «Copy of the data»"
	},
	{
		action: 'data_request.extended',
		details: { requestId: 'r', kind: 'correct', until: '2027-01-20' },
		names: { actor: admin, user: learner },
		vi: 'Nguyễn Văn A đã gia hạn yêu cầu «Chỉnh sửa dữ liệu» của Trần Thị B đến hết ngày 20/01/2027',
		en: "Nguyễn Văn A extended Trần Thị B's request «Correction» to the end of 20/01/2027"
	},
	{
		action: 'data_request.completed',
		details: { requestId: 'r', kind: 'restrict' },
		names: { actor: admin, user: gone },
		vi: 'Nguyễn Văn A đã hoàn thành yêu cầu «Hạn chế xử lý dữ liệu» của (tài khoản đã xóa)',
		en: "Nguyễn Văn A completed (deleted account)'s request «Restriction of processing»"
	},
	{
		action: 'data_request.refused',
		details: { requestId: 'r', kind: 'withdraw' },
		names: { actor: admin, user: learner },
		vi: 'Nguyễn Văn A đã từ chối yêu cầu «Rút lại sự đồng ý» của Trần Thị B',
		en: "Nguyễn Văn A refused Trần Thị B's request «Withdrawal of consent»"
	},
	{
		action: 'data_request.cancelled',
		details: { requestId: 'r', kind: 'delete' },
		names: { actor: learner, user: learner },
		vi: 'Trần Thị B đã hủy yêu cầu «Xóa dữ liệu» của mình',
		en: 'Trần Thị B cancelled their request «Deletion»'
	},
	{
		action: 'holiday.added',
		details: { day: '2027-02-06' },
		names: { actor: admin },
		vi: 'Nguyễn Văn A đã thêm ngày nghỉ lễ 06/02/2027',
		en: 'Nguyễn Văn A added the public holiday 06/02/2027'
	},
	{
		action: 'holiday.removed',
		details: { day: '2027-02-06' },
		names: { actor: admin },
		vi: 'Nguyễn Văn A đã bỏ ngày nghỉ lễ 06/02/2027',
		en: 'Nguyễn Văn A removed the public holiday 06/02/2027'
	},
	{
		action: 'role.granted',
		details: { role: 'admin' },
		names: { actor: null, user: learner },
		vi: 'Hệ thống đã giao quyền quản trị viên cho Trần Thị B',
		en: 'System made Trần Thị B an administrator'
	},
	{
		action: 'role.granted',
		details: { role: 'manager', organisationId: 'o' },
		names: { actor: admin, user: learner, organisation },
		vi: 'Nguyễn Văn A đã giao vai trò quản lý đơn vị tại Trường Cao đẳng Bến Tre cho Trần Thị B',
		en: 'Nguyễn Văn A gave Trần Thị B the manager role at Trường Cao đẳng Bến Tre'
	},
	{
		action: 'role.revoked',
		details: { role: 'trainer', organisationId: 'o' },
		names: { actor: admin, user: learner, organisation },
		vi: 'Nguyễn Văn A đã thu hồi vai trò giảng viên tại Trường Cao đẳng Bến Tre của Trần Thị B',
		en: 'Nguyễn Văn A took the trainer role at Trường Cao đẳng Bến Tre away from Trần Thị B'
	},
	{
		action: 'guardian_consent.recorded',
		details: { consentId: 'g', method: 'paper' },
		names: { actor: admin, user: learner },
		vi: 'Nguyễn Văn A đã ghi nhận đồng ý của người giám hộ cho Trần Thị B',
		en: "Nguyễn Văn A recorded a guardian's consent for Trần Thị B"
	},
	{
		action: 'guardian_consent.withdrawn',
		details: { consentId: 'g' },
		names: { actor: admin, user: learner },
		vi: 'Nguyễn Văn A đã ghi nhận việc người giám hộ của Trần Thị B rút lại đồng ý',
		en: "Nguyễn Văn A recorded that Trần Thị B's guardian withdrew their consent"
	},
	{
		action: 'password_reset.issued',
		names: { actor: admin, user: learner },
		vi: 'Nguyễn Văn A đã tạo đường dẫn đặt lại mật khẩu cho Trần Thị B',
		en: 'Nguyễn Văn A created a password-reset link for Trần Thị B'
	},
	{
		action: 'certificate.revoked',
		details: { number: 'SH-2026-0001', reason: 'Cấp nhầm' },
		names: { actor: admin, user: learner },
		vi: 'Nguyễn Văn A đã thu hồi giấy chứng nhận số SH-2026-0001 của Trần Thị B, lý do: Cấp nhầm',
		en: 'Nguyễn Văn A revoked certificate no. SH-2026-0001 held by Trần Thị B; reason: Cấp nhầm'
	},
	{
		action: 'certificate.reinstated',
		details: { number: 'SH-2026-0001', note: null },
		names: { actor: admin, user: gone },
		vi: 'Nguyễn Văn A đã khôi phục giấy chứng nhận số SH-2026-0001 của (tài khoản đã xóa)',
		en: 'Nguyễn Văn A reinstated certificate no. SH-2026-0001 held by (deleted account)'
	},
	{
		action: 'account.deleted',
		names: { actor: null, user: gone },
		vi: 'Một người dùng đã tự xóa tài khoản của mình',
		en: 'A user deleted their own account'
	},
	{
		action: 'phone.verified',
		names: { actor: learner, user: learner },
		vi: 'Trần Thị B đã xác nhận số điện thoại nhận tin nhắn và đồng ý nhận tin',
		en: 'Trần Thị B confirmed a phone number for messages and agreed to receive them'
	},
	{
		action: 'consent.given',
		details: { purpose: 'service', noticeVersion: 2, channel: 'sign_up' },
		names: { actor: learner, user: learner },
		vi: 'Trần Thị B đã đồng ý với Thông báo về xử lý dữ liệu cá nhân phiên bản 2',
		en: 'Trần Thị B agreed to version 2 of the notice on the processing of personal data'
	},
	{
		action: 'consent.given',
		details: { purpose: 'phone_messages', noticeVersion: 2, channel: 'account' },
		names: { actor: learner, user: learner },
		vi: 'Trần Thị B đã đồng ý nhận tin nhắn qua điện thoại',
		en: 'Trần Thị B agreed to messages by phone'
	},
	{
		action: 'consent.withdrawn',
		details: { purpose: 'phone_messages', noticeVersion: 2, channel: 'account' },
		names: { actor: learner, user: learner },
		vi: 'Trần Thị B đã rút lại sự đồng ý nhận tin nhắn qua điện thoại',
		en: 'Trần Thị B withdrew their consent to messages by phone'
	},
	{
		action: 'consent.withdrawn',
		details: { purpose: 'service', noticeVersion: 1, channel: 'account' },
		names: { actor: learner, user: learner },
		vi: 'Trần Thị B đã rút lại sự đồng ý với Thông báo về xử lý dữ liệu cá nhân',
		en: 'Trần Thị B withdrew their consent to the notice on the processing of personal data'
	},
	{
		action: 'notice.published',
		details: { version: 3, requiresConsent: true },
		names: { actor: admin },
		vi: 'Nguyễn Văn A đã công bố Thông báo về xử lý dữ liệu cá nhân phiên bản 3, mọi người phải đồng ý lại',
		en: 'Nguyễn Văn A published version 3 of the notice on the processing of personal data; everyone must agree again'
	},
	{
		action: 'notice.published',
		details: { version: 2, requiresConsent: false },
		names: { actor: admin },
		vi: 'Nguyễn Văn A đã công bố Thông báo về xử lý dữ liệu cá nhân phiên bản 2',
		en: 'Nguyễn Văn A published version 2 of the notice on the processing of personal data'
	},
	{
		action: 'phone.removed',
		names: { actor: learner, user: learner },
		vi: 'Trần Thị B đã xóa số điện thoại nhận tin nhắn',
		en: 'Trần Thị B removed their phone number for messages'
	},
	{
		action: 'cohort.members_added',
		details: { count: 1200 },
		names: { actor: admin, cohort },
		vi: 'Nguyễn Văn A đã thêm 1.200 người vào lớp «K24A»',
		en: 'Nguyễn Văn A added 1,200 people to the class «K24A»'
	},
	{
		action: 'cohort.imported',
		details: { accounts: 35 },
		names: { actor: admin, cohort },
		vi: 'Nguyễn Văn A đã nhập danh sách 35 người vào lớp «K24A»',
		en: 'Nguyễn Văn A imported a list of 35 people into the class «K24A»'
	},
	{
		action: 'cohort.course_assigned',
		details: { courseId: 'c', dueOn: '2026-12-20' },
		names: { actor: admin, cohort, course },
		vi: 'Nguyễn Văn A đã giao khóa «Sản xuất sạch hơn tại cơ sở» cho lớp «K24A», hạn 20/12/2026',
		en: 'Nguyễn Văn A assigned the course «Sản xuất sạch hơn tại cơ sở» to the class «K24A», due 20/12/2026'
	},
	{
		action: 'cohort.course_assigned',
		details: { courseId: 'c', dueOn: null },
		names: { actor: admin, cohort, course },
		vi: 'Nguyễn Văn A đã giao khóa «Sản xuất sạch hơn tại cơ sở» cho lớp «K24A», không đặt hạn',
		en: 'Nguyễn Văn A assigned the course «Sản xuất sạch hơn tại cơ sở» to the class «K24A» with no due date'
	},
	{
		action: 'cohort.course_due_changed',
		details: { courseId: 'c', dueOn: '2027-01-15' },
		names: { actor: admin, cohort, course },
		vi: 'Nguyễn Văn A đã đổi hạn khóa «Sản xuất sạch hơn tại cơ sở» của lớp «K24A» thành 15/01/2027',
		en: 'Nguyễn Văn A changed the due date of the course «Sản xuất sạch hơn tại cơ sở» for the class «K24A» to 15/01/2027'
	},
	{
		action: 'cohort.course_due_changed',
		details: { courseId: 'c', dueOn: null },
		names: { actor: admin, cohort, course },
		vi: 'Nguyễn Văn A đã bỏ hạn khóa «Sản xuất sạch hơn tại cơ sở» của lớp «K24A»',
		en: 'Nguyễn Văn A removed the due date of the course «Sản xuất sạch hơn tại cơ sở» for the class «K24A»'
	},
	{
		action: 'cohort.course_unassigned',
		details: { courseId: 'c' },
		names: { actor: admin, cohort, course },
		vi: 'Nguyễn Văn A đã thôi giao khóa «Sản xuất sạch hơn tại cơ sở» cho lớp «K24A»',
		en: 'Nguyễn Văn A unassigned the course «Sản xuất sạch hơn tại cơ sở» from the class «K24A»'
	},
	{
		action: 'cohort.members_removed',
		details: { count: 2 },
		names: { actor: admin, cohort },
		vi: 'Nguyễn Văn A đã xóa 2 người khỏi lớp «K24A»',
		en: 'Nguyễn Văn A removed 2 people from the class «K24A»'
	},
	{
		action: 'cohort.members_moved',
		details: { count: 3, to: 'k' },
		names: { actor: admin, cohort, toCohort: { name: 'K24B' } },
		vi: 'Nguyễn Văn A đã chuyển 3 người từ lớp «K24A» sang lớp «K24B»',
		en: 'Nguyễn Văn A moved 3 people from the class «K24A» to the class «K24B»'
	},
	{
		action: 'course.created',
		names: { actor: admin, course },
		vi: 'Nguyễn Văn A đã tạo khóa «Sản xuất sạch hơn tại cơ sở»',
		en: 'Nguyễn Văn A created the course «Sản xuất sạch hơn tại cơ sở»'
	},
	{
		action: 'course.imported',
		names: { actor: admin, course },
		vi: 'Nguyễn Văn A đã nhập nội dung khóa «Sản xuất sạch hơn tại cơ sở» từ tệp ZIP',
		en: 'Nguyễn Văn A imported the course «Sản xuất sạch hơn tại cơ sở» from a ZIP file'
	},
	{
		action: 'course.published',
		details: { version: 3 },
		names: { actor: admin, course },
		vi: 'Nguyễn Văn A đã xuất bản phiên bản 3 của khóa «Sản xuất sạch hơn tại cơ sở»',
		en: 'Nguyễn Văn A published version 3 of the course «Sản xuất sạch hơn tại cơ sở»'
	},
	{
		action: 'course.review_submitted',
		details: { replaced: false },
		names: { actor: admin, course },
		vi: 'Nguyễn Văn A đã gửi duyệt khóa «Sản xuất sạch hơn tại cơ sở»',
		en: 'Nguyễn Văn A sent the course «Sản xuất sạch hơn tại cơ sở» for review'
	},
	{
		action: 'course.review_submitted',
		details: { replaced: true },
		names: { actor: admin, course },
		vi: 'Nguyễn Văn A đã gửi duyệt lại khóa «Sản xuất sạch hơn tại cơ sở», thay bản đang chờ',
		en: 'Nguyễn Văn A sent the course «Sản xuất sạch hơn tại cơ sở» for review again, replacing the waiting version'
	},
	{
		action: 'course.review_returned',
		names: { actor: admin, course },
		vi: 'Nguyễn Văn A đã trả lại khóa «Sản xuất sạch hơn tại cơ sở» để sửa',
		en: 'Nguyễn Văn A sent the course «Sản xuất sạch hơn tại cơ sở» back for changes'
	},
	{
		action: 'course.review_approved',
		details: { version: 2 },
		names: { actor: admin, course },
		vi: 'Nguyễn Văn A đã duyệt và xuất bản phiên bản 2 của khóa «Sản xuất sạch hơn tại cơ sở» cho cả tỉnh',
		en: 'Nguyễn Văn A approved version 2 of the course «Sản xuất sạch hơn tại cơ sở» and published it to the whole province'
	},
	{
		action: 'course.published_to_organisation',
		details: { version: 1, organisationId: 'o' },
		names: { actor: admin, course, organisation },
		vi: 'Nguyễn Văn A đã xuất bản phiên bản 1 của khóa «Sản xuất sạch hơn tại cơ sở» cho thành viên của Trường Cao đẳng Bến Tre',
		en: 'Nguyễn Văn A published version 1 of the course «Sản xuất sạch hơn tại cơ sở» to the members of Trường Cao đẳng Bến Tre'
	},
	{
		action: 'course.taken_over',
		names: { actor: admin, course },
		vi: 'Nguyễn Văn A đã nhận khóa «Sản xuất sạch hơn tại cơ sở» về soạn trên web',
		en: 'Nguyễn Văn A took over the course «Sản xuất sạch hơn tại cơ sở» for editing on the web'
	},
	{
		action: 'course.author_added',
		details: { userId: 'u', role: 'coauthor' },
		names: { actor: admin, course, user: learner },
		vi: 'Nguyễn Văn A đã thêm Trần Thị B làm đồng soạn khóa «Sản xuất sạch hơn tại cơ sở»',
		en: 'Nguyễn Văn A added Trần Thị B as co-author of the course «Sản xuất sạch hơn tại cơ sở»'
	},
	{
		action: 'course.author_removed',
		details: { userId: 'u' },
		names: { actor: admin, course, user: learner },
		vi: 'Nguyễn Văn A đã gỡ Trần Thị B khỏi nhóm soạn khóa «Sản xuất sạch hơn tại cơ sở»',
		en: 'Nguyễn Văn A removed Trần Thị B from the authors of the course «Sản xuất sạch hơn tại cơ sở»'
	},
	{
		action: 'course.owner_reassigned',
		details: { userId: 'u' },
		names: { actor: admin, course, user: learner },
		vi: 'Nguyễn Văn A đã chuyển quyền chủ khóa «Sản xuất sạch hơn tại cơ sở» cho Trần Thị B',
		en: 'Nguyễn Văn A made Trần Thị B the owner of the course «Sản xuất sạch hơn tại cơ sở»'
	},
	{
		action: 'submission.graded',
		details: {
			submission: 's',
			assignment: 'Báo cáo thực hành',
			round: 1,
			version: 1,
			points: 14.5,
			max: 21,
			passed: true
		},
		names: { actor: admin, user: learner },
		vi: 'Nguyễn Văn A đã chấm bài «Báo cáo thực hành» lần nộp 1 của Trần Thị B: 14,5/21 điểm, đạt',
		en: "Nguyễn Văn A graded Trần Thị B's «Báo cáo thực hành», round 1: 14.5/21 points, passed"
	},
	{
		action: 'submission.returned',
		details: {
			submission: 's',
			assignment: 'Báo cáo thực hành',
			round: 2,
			version: 1,
			points: null,
			max: 21,
			passed: null
		},
		names: { actor: admin, user: learner },
		vi: 'Nguyễn Văn A đã trả bài «Báo cáo thực hành» lần nộp 2 để Trần Thị B sửa',
		en: "Nguyễn Văn A returned Trần Thị B's «Báo cáo thực hành», round 2, for revision"
	},
	{
		action: 'submission.regraded',
		details: {
			submission: 's',
			assignment: 'Báo cáo thực hành',
			round: 1,
			version: 2,
			points: 12,
			max: 21,
			passed: false
		},
		names: { actor: admin, user: learner },
		vi: 'Nguyễn Văn A đã chấm lại bài «Báo cáo thực hành» lần nộp 1 của Trần Thị B (lần chấm 2): 12/21 điểm, chưa đạt',
		en: "Nguyễn Văn A regraded Trần Thị B's «Báo cáo thực hành», round 1 (version 2): 12/21 points, not passed"
	},
	{
		action: 'grader.appointed',
		details: { userId: 'u', lead: true },
		names: { actor: admin, course, user: learner },
		vi: 'Nguyễn Văn A đã giao Trần Thị B làm trưởng nhóm chấm bài khóa «Sản xuất sạch hơn tại cơ sở»',
		en: 'Nguyễn Văn A made Trần Thị B lead grader of the course «Sản xuất sạch hơn tại cơ sở»'
	},
	{
		action: 'grader.removed',
		details: { userId: 'u' },
		names: { actor: admin, course, user: learner },
		vi: 'Nguyễn Văn A đã thôi giao Trần Thị B chấm bài khóa «Sản xuất sạch hơn tại cơ sở»',
		en: 'Nguyễn Văn A removed Trần Thị B as a grader of the course «Sản xuất sạch hơn tại cơ sở»'
	},
	{
		action: 'invitation.sent',
		names: { actor: admin, user: learner, cohort, organisation, invitation: 'found' },
		vi: 'Nguyễn Văn A đã mời Trần Thị B vào lớp «K24A» của Trường Cao đẳng Bến Tre',
		en: 'Nguyễn Văn A invited Trần Thị B to the class «K24A» of Trường Cao đẳng Bến Tre'
	},
	{
		action: 'invitation.sent',
		names: { actor: admin, user: null, course, organisation, invitation: 'found' },
		vi: 'Nguyễn Văn A đã mời một người chưa có tài khoản vào khóa «Sản xuất sạch hơn tại cơ sở» của Trường Cao đẳng Bến Tre',
		en: 'Nguyễn Văn A invited someone with no account to the course «Sản xuất sạch hơn tại cơ sở» of Trường Cao đẳng Bến Tre'
	},
	{
		action: 'invitation.withdrawn',
		names: { actor: admin, user: learner, cohort, organisation, invitation: 'found' },
		vi: 'Nguyễn Văn A đã rút lại lời mời Trần Thị B vào lớp «K24A»',
		en: 'Nguyễn Văn A withdrew the invitation of Trần Thị B to the class «K24A»'
	},
	{
		action: 'invitation.accepted',
		names: { actor: learner, user: learner, cohort, organisation, invitation: 'found' },
		vi: 'Trần Thị B đã nhận lời mời vào lớp «K24A» của Trường Cao đẳng Bến Tre',
		en: 'Trần Thị B accepted the invitation to the class «K24A» of Trường Cao đẳng Bến Tre'
	},
	{
		action: 'invitation.declined',
		names: { actor: learner, user: learner, course, organisation, invitation: 'found' },
		vi: 'Trần Thị B đã từ chối lời mời vào khóa «Sản xuất sạch hơn tại cơ sở» của Trường Cao đẳng Bến Tre',
		en: 'Trần Thị B declined the invitation to the course «Sản xuất sạch hơn tại cơ sở» of Trường Cao đẳng Bến Tre'
	},
	{
		action: 'workshop.status_changed',
		details: { status: 'open' },
		names: { actor: admin, workshop },
		vi: 'Nguyễn Văn A đã mở đăng ký buổi tập huấn «Hội thảo sản xuất sạch hơn ngành dừa»',
		en: 'Nguyễn Văn A opened registration for the workshop «Hội thảo sản xuất sạch hơn ngành dừa»'
	},
	{
		action: 'workshop.status_changed',
		details: { status: 'draft' },
		names: { actor: admin, workshop: gone },
		vi: 'Nguyễn Văn A đã đưa buổi tập huấn «(buổi tập huấn không còn)» về bản nháp',
		en: 'Nguyễn Văn A put the workshop «(workshop no longer exists)» back to draft'
	},
	{
		action: 'workshop.status_changed',
		details: { status: 'closed' },
		names: { actor: admin, workshop },
		vi: 'Nguyễn Văn A đã chuyển buổi tập huấn «Hội thảo sản xuất sạch hơn ngành dừa» sang đã kết thúc',
		en: 'Nguyễn Văn A marked the workshop «Hội thảo sản xuất sạch hơn ngành dừa» as ended'
	},
	{
		action: 'workshop.attendance_outside_window',
		// 02:15 UTC is 09:15 in Vietnam.
		details: { sessionId: 's', workshopId: 'w', method: 'tap', at: '2026-12-03T02:15:00.000Z' },
		names: { actor: admin, user: learner, workshop },
		vi: 'Nguyễn Văn A đã ghi Trần Thị B có mặt tại buổi tập huấn «Hội thảo sản xuất sạch hơn ngành dừa» ngoài giờ điểm danh (có mặt lúc 09:15 03/12/2026)',
		en: 'Nguyễn Văn A recorded Trần Thị B as present at the workshop «Hội thảo sản xuất sạch hơn ngành dừa» outside the check-in window (seen at 03/12/2026, 09:15)'
	},
	{
		action: 'workshop.attendance_removed',
		details: { workshopId: 'w', sessionId: 's', recordedAt: '2026-12-03T02:15:00.000Z' },
		names: { actor: admin, user: learner, workshop },
		vi: 'Nguyễn Văn A đã bỏ điểm danh của Trần Thị B ở buổi tập huấn «Hội thảo sản xuất sạch hơn ngành dừa»',
		en: 'Nguyễn Văn A removed the attendance of Trần Thị B at the workshop «Hội thảo sản xuất sạch hơn ngành dừa»'
	},
	{
		action: 'workshop.walk_in_account_created',
		details: { workshopId: 'w' },
		names: { actor: admin, user: learner, workshop },
		vi: 'Nguyễn Văn A đã tạo tài khoản cho Trần Thị B, người đến thẳng buổi tập huấn «Hội thảo sản xuất sạch hơn ngành dừa» mà chưa đăng ký',
		en: 'Nguyễn Văn A made an account for Trần Thị B, who came to the workshop «Hội thảo sản xuất sạch hơn ngành dừa» without registering'
	},
	{
		action: 'workshop.registration_cancelled',
		details: { workshopId: 'w' },
		names: { actor: admin, user: learner, workshop },
		vi: 'Nguyễn Văn A đã hủy đăng ký của Trần Thị B ở buổi tập huấn «Hội thảo sản xuất sạch hơn ngành dừa»',
		en: 'Nguyễn Văn A cancelled the registration of Trần Thị B for the workshop «Hội thảo sản xuất sạch hơn ngành dừa»'
	},
	{
		action: 'workshop.cohort_registered',
		details: { cohortId: 'k', registered: 30, waitlisted: 0 },
		names: { actor: admin, cohort, workshop },
		vi: 'Nguyễn Văn A đã đăng ký lớp «K24A» tham dự buổi tập huấn «Hội thảo sản xuất sạch hơn ngành dừa»: 30 người có chỗ',
		en: 'Nguyễn Văn A registered the class «K24A» for the workshop «Hội thảo sản xuất sạch hơn ngành dừa»: 30 with a seat'
	},
	{
		action: 'workshop.cohort_registered',
		details: { cohortId: 'k', registered: 1000, waitlisted: 250 },
		names: { actor: admin, cohort, workshop },
		vi: 'Nguyễn Văn A đã đăng ký lớp «K24A» tham dự buổi tập huấn «Hội thảo sản xuất sạch hơn ngành dừa»: 1.000 người có chỗ, 250 người vào danh sách chờ',
		en: 'Nguyễn Văn A registered the class «K24A» for the workshop «Hội thảo sản xuất sạch hơn ngành dừa»: 1,000 with a seat, 250 on the waiting list'
	},
	{
		action: 'workshop.trainer_added',
		details: { userId: 'u' },
		names: { actor: admin, user: learner, workshop },
		vi: 'Nguyễn Văn A đã thêm Trần Thị B làm giảng viên buổi tập huấn «Hội thảo sản xuất sạch hơn ngành dừa»',
		en: 'Nguyễn Văn A made Trần Thị B a trainer of the workshop «Hội thảo sản xuất sạch hơn ngành dừa»'
	},
	{
		action: 'workshop.trainer_removed',
		details: { userId: 'u' },
		names: { actor: admin, user: learner, workshop },
		vi: 'Nguyễn Văn A đã bỏ Trần Thị B khỏi danh sách giảng viên buổi tập huấn «Hội thảo sản xuất sạch hơn ngành dừa»',
		en: 'Nguyễn Văn A removed Trần Thị B from the trainers of the workshop «Hội thảo sản xuất sạch hơn ngành dừa»'
	},
	{
		action: 'workshop.closed',
		details: { title: 'Hội thảo', certificates: 1200 },
		names: { actor: admin, workshop },
		vi: 'Nguyễn Văn A đã kết thúc buổi tập huấn «Hội thảo sản xuất sạch hơn ngành dừa», cấp 1.200 giấy chứng nhận tham dự',
		en: 'Nguyễn Văn A closed the workshop «Hội thảo sản xuất sạch hơn ngành dừa», issuing 1,200 certificates of attendance'
	},
	{
		action: 'workshop.certificates_reissued',
		details: { title: 'Hội thảo', certificates: 2 },
		names: { actor: admin, workshop: gone },
		vi: 'Nguyễn Văn A đã cấp thêm 2 giấy chứng nhận tham dự của buổi tập huấn «(buổi tập huấn không còn)» đã kết thúc',
		en: 'Nguyễn Văn A issued 2 more certificates of attendance for the closed workshop «(workshop no longer exists)»'
	},
	{
		action: 'workshop.reopened',
		details: { title: 'Hội thảo' },
		names: { actor: admin, workshop },
		vi: 'Nguyễn Văn A đã mở lại buổi tập huấn «Hội thảo sản xuất sạch hơn ngành dừa» đã kết thúc',
		en: 'Nguyễn Văn A reopened the closed workshop «Hội thảo sản xuất sạch hơn ngành dừa»'
	},
	{
		action: 'workshop.cancelled',
		details: { reason: 'Bão số 9' },
		names: { actor: admin, workshop },
		vi: 'Nguyễn Văn A đã hủy buổi tập huấn «Hội thảo sản xuất sạch hơn ngành dừa»',
		en: 'Nguyễn Văn A cancelled the workshop «Hội thảo sản xuất sạch hơn ngành dừa»'
	},
	{
		action: 'announcement.sent_cohort',
		details: { announcementId: 'a', recipients: 1200 },
		names: { actor: admin, cohort },
		vi: 'Nguyễn Văn A đã gửi thông báo cho 1.200 học viên lớp «K24A»',
		en: 'Nguyễn Văn A sent an announcement to 1,200 learners of the class «K24A»'
	},
	{
		action: 'announcement.sent_workshop',
		details: { announcementId: 'a', recipients: 3 },
		names: { actor: admin, workshop },
		vi: 'Nguyễn Văn A đã gửi thông báo cho 3 người tham dự buổi tập huấn «Hội thảo sản xuất sạch hơn ngành dừa»',
		en: 'Nguyễn Văn A sent an announcement to 3 participants of the workshop «Hội thảo sản xuất sạch hơn ngành dừa»'
	},
	{
		action: 'workshop.attendance_after_close',
		details: { sessionId: 's', workshopId: 'w', method: 'paper', at: '2026-12-03T02:15:00.000Z' },
		names: { actor: admin, user: learner, workshop },
		vi: 'Nguyễn Văn A đã ghi Trần Thị B có mặt tại buổi tập huấn «Hội thảo sản xuất sạch hơn ngành dừa» sau khi lớp đã kết thúc',
		en: 'Nguyễn Văn A recorded Trần Thị B as present at the workshop «Hội thảo sản xuất sạch hơn ngành dừa» after it was closed'
	},
	{
		action: 'workshop.paper_scores_entered',
		details: { saved: 12, removed: 1 },
		names: { actor: admin, workshop },
		vi: 'Nguyễn Văn A đã nhập điểm bài kiểm tra trên giấy của buổi tập huấn «Hội thảo sản xuất sạch hơn ngành dừa»: lưu 12 điểm, xóa 1 điểm',
		en: 'Nguyễn Văn A entered paper test scores for the workshop «Hội thảo sản xuất sạch hơn ngành dừa»: 12 saved, 1 removed'
	},
	{
		action: 'workshop.paper_survey_entered',
		details: {},
		names: { actor: admin, workshop },
		vi: 'Nguyễn Văn A đã nhập một phiếu đánh giá trên giấy của buổi tập huấn «Hội thảo sản xuất sạch hơn ngành dừa»',
		en: 'Nguyễn Văn A entered a paper feedback form for the workshop «Hội thảo sản xuất sạch hơn ngành dừa»'
	},
	{
		action: 'delivery.resent',
		details: { deliveryId: 'd', kind: 'certificate_expiring', channel: 'email' },
		names: { actor: admin, user: learner },
		vi: 'Nguyễn Văn A đã gửi lại tin «Giấy chứng nhận sắp hết hạn» qua thư điện tử cho Trần Thị B',
		en: 'Nguyễn Văn A resent the «A certificate expires soon» message by e-mail to Trần Thị B'
	},
	{
		action: 'breach.recorded',
		names: { actor: admin },
		vi: 'Nguyễn Văn A đã ghi nhận một sự cố dữ liệu cá nhân vào sổ theo dõi',
		en: 'Nguyễn Văn A recorded a personal data breach in the register'
	},
	{
		action: 'breach.updated',
		names: { actor: admin },
		vi: 'Nguyễn Văn A đã sửa nội dung một sự cố dữ liệu cá nhân',
		en: 'Nguyễn Văn A edited a personal data breach'
	},
	{
		action: 'breach.authority_notified',
		names: { actor: admin },
		vi: 'Nguyễn Văn A đã ghi nhận việc thông báo một sự cố dữ liệu cho cơ quan chức năng',
		en: 'Nguyễn Văn A recorded that a breach was notified to the authority'
	},
	{
		action: 'breach.people_notified',
		names: { actor: admin },
		vi: 'Nguyễn Văn A đã ghi nhận việc thông báo một sự cố dữ liệu cho người bị ảnh hưởng',
		en: 'Nguyễn Văn A recorded that the people affected by a breach were told'
	},
	{
		action: 'breach.closed',
		names: { actor: admin },
		vi: 'Nguyễn Văn A đã đóng một sự cố dữ liệu cá nhân',
		en: 'Nguyễn Văn A closed a personal data breach'
	},
	{
		action: 'breach.reopened',
		names: { actor: gone },
		vi: '(tài khoản đã xóa) đã mở lại một sự cố dữ liệu cá nhân',
		en: '(deleted account) reopened a personal data breach'
	}
];

/** The audit kinds the application records: every `action: '…'` literal in its server code. */
function emittedKinds(): Set<string> {
	const found = new Set<string>();
	const walk = (dir: string) => {
		for (const entry of readdirSync(dir, { withFileTypes: true })) {
			const path = join(dir, entry.name);
			if (entry.isDirectory()) walk(path);
			else if (/\.ts$/.test(entry.name) && !/\.test\.ts$/.test(entry.name))
				for (const [, kind] of readFileSync(path, 'utf8').matchAll(/action: '([a-z_]+\.[a-z_]+)'/g))
					found.add(kind);
		}
	};
	for (const dir of ['src/lib/server', 'src/routes']) walk(join(process.cwd(), dir));
	return found;
}

describe('audit events as sentences', () => {
	it('has a case here for every kind in the table, and a filter label for each', () => {
		overwriteGetLocale(() => 'vi');
		expect(new Set(cases.map((c) => c.action))).toEqual(new Set(Object.keys(auditKinds)));
		for (const action of Object.keys(auditKinds)) expect(auditKindLabel(action)).not.toContain('.');
	});

	it('has a sentence for every kind the application records', () => {
		const emitted = emittedKinds();
		// The scan must find the kinds of every domain, workshops' included.
		expect(emitted).toContain('role.granted');
		expect(emitted).toContain('workshop.status_changed');
		const missing = [...emitted].filter((kind) => !(kind in auditKinds));
		expect(missing).toEqual([]);
	});

	for (const locale of ['vi', 'en'] as const) {
		it.each(cases)(`reads $action in ${locale}`, (c) => {
			overwriteGetLocale(() => locale);
			const { text } = auditSentence({
				action: c.action,
				details: c.details ?? {},
				names: c.names
			});
			expect(text).toBe(c[locale]);
		});
	}

	it('keeps a reinstatement note on its own line', () => {
		overwriteGetLocale(() => 'vi');
		const s = auditSentence({
			action: 'certificate.reinstated',
			details: { number: 'SH-1', note: 'Thu hồi nhầm' },
			names: { actor: admin, user: learner }
		});
		expect(s.note).toBe('Ghi chú: Thu hồi nhầm');
	});

	it('writes a kind it does not know as a readable sentence naming its subject', () => {
		overwriteGetLocale(() => 'vi');
		const s = auditSentence({
			action: 'course.review_escalated',
			details: { level: 2 },
			names: { actor: admin, course }
		});
		expect(s.text).toBe(
			'Nguyễn Văn A đã thực hiện thao tác «course review escalated» với khóa «Sản xuất sạch hơn tại cơ sở»'
		);
		expect(s.note).toBe('Chi tiết: level: 2');
		expect(auditKindLabel('backup.made')).toBe('backup made');
		overwriteGetLocale(() => 'en');
		expect(auditSentence({ action: 'backup.made', details: {}, names: { actor: null } }).text).toBe(
			'System performed «backup made»'
		);
	});
});
