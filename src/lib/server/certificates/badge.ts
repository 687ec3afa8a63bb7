/**
 * The certificate as an Open Badges 3.0 credential (a W3C Verifiable Credential 2.0), secured with a
 * DataIntegrityProof (eddsa-jcs-2022) whose verification method is a key of the published key
 * document. Built from the signed statement whenever it is downloaded.
 */
import { addProof } from './data-integrity';
import type { SigningKey } from './keys';
import type { CertificateLinks } from './links';
import type { CertificateStatement } from './statement';

export const OB3_CONTEXTS = [
	'https://www.w3.org/ns/credentials/v2',
	'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'
];
const OB3_SCHEMA =
	'https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json';

const hoursVi = (hours: number) => new Intl.NumberFormat('vi-VN').format(hours);

/** What the badge's achievement says: a course completed, or a workshop attended. */
function achievementOf(statement: CertificateStatement, links: CertificateLinks) {
	const workshop = statement.kind === 'attendance' ? statement.workshop : undefined;
	if (workshop) {
		const hours = hoursVi(workshop.hours);
		return {
			name: `Giấy chứng nhận tham dự: ${workshop.title}`,
			achievement: {
				// A workshop has no public page of its own to name; its certificate's page does.
				id: `${links.verify(statement.code)}#achievement`,
				type: ['Achievement'],
				achievementType: 'Certificate',
				name: workshop.title,
				description:
					`Tham dự buổi tập huấn "${workshop.title}" (${workshop.sessions.length} buổi, ` +
					`${hours} giờ) về sản xuất sạch hơn.`,
				criteria: {
					narrative:
						`Học viên tham dự buổi tập huấn "${workshop.title}" theo yêu cầu điểm danh ` +
						`của ${statement.issuer.name}.`
				},
				inLanguage: 'vi'
			}
		};
	}
	const course = statement.course!;
	const title = course.title.vi;
	const hours = hoursVi(course.hours);
	return {
		name: `Giấy chứng nhận hoàn thành khóa học: ${title}`,
		achievement: {
			id: links.course(course.slug),
			type: ['Achievement'],
			achievementType: 'CertificateOfCompletion',
			name: title,
			description:
				`Hoàn thành khóa học "${title}" (phiên bản ${course.version}, ` +
				`${hours} giờ) về sản xuất sạch hơn.`,
			criteria: {
				narrative:
					`Học viên hoàn thành tất cả bài học bắt buộc và bài đánh giá (nếu có) của khóa ` +
					`học "${title}", thời lượng ${hours} giờ, theo quy định của ${statement.issuer.name}.`
			},
			inLanguage: 'vi',
			version: String(course.version)
		}
	};
}

export function openBadge(statement: CertificateStatement, links: CertificateLinks) {
	const { name, achievement } = achievementOf(statement, links);
	return {
		'@context': OB3_CONTEXTS,
		id: links.verify(statement.code),
		type: ['VerifiableCredential', 'OpenBadgeCredential'],
		name,
		issuer: {
			id: links.issuer,
			type: ['Profile'],
			name: statement.issuer.name,
			url: links.issuer
		},
		validFrom: statement.issuedAt,
		...(statement.expiresAt ? { validUntil: statement.expiresAt } : {}),
		credentialSubject: {
			type: ['AchievementSubject'],
			identifier: [
				{
					type: 'IdentityObject',
					identityType: 'name',
					hashed: false,
					identityHash: statement.holder.name
				}
			],
			activityEndDate: statement.completedAt,
			achievement
		},
		credentialSchema: [{ id: OB3_SCHEMA, type: '1EdTechJsonSchemaValidator2019' }]
	};
}

export type OpenBadgeCredential = ReturnType<typeof openBadge>;

export function signedOpenBadge(
	statement: CertificateStatement,
	links: CertificateLinks,
	key: SigningKey,
	created: Date
) {
	return addProof(openBadge(statement, links), key.privateKey, {
		verificationMethod: links.verificationMethod(key.id),
		created: created.toISOString().replace(/\.\d{3}Z$/, 'Z')
	});
}
