/**
 * What a liaison contact is the contact for: a closed set of codes (`contacts.json` `role`), each
 * with its label in the three working languages. The API serves the label beside the code.
 */
import { Type } from '@sinclair/typebox';
import type { Text } from '../platform/i18n';

export const CONTACT_ROLE_LABELS = {
  'liaison-international': {
    vi: 'Cán bộ liên lạc – hợp tác quốc tế',
    'zh-CN': '联络员（国际合作）',
    en: 'Liaison officer, international cooperation',
  },
  'liaison-1369-emergency-transfer': {
    vi: 'Cán bộ liên lạc – chuyển cấp cứu qua biên giới (1369)',
    'zh-CN': '联络员（跨境急救转运，1369）',
    en: 'Liaison officer, cross-border emergency transfer (1369)',
  },
  'liaison-cross-border-patients': {
    vi: 'Cán bộ liên lạc – người bệnh qua biên giới',
    'zh-CN': '联络员（跨境患者）',
    en: 'Liaison officer, cross-border patients',
  },
  'liaison-hai-phong-cooperation': {
    vi: 'Cán bộ liên lạc – hợp tác với Hải Phòng',
    'zh-CN': '联络员（与海防市合作）',
    en: 'Liaison officer, Hai Phong cooperation',
  },
  'focal-point-border-quarantine': {
    vi: 'Đầu mối kiểm dịch y tế biên giới',
    'zh-CN': '国境卫生检疫联系人',
    en: 'Focal point, border health quarantine',
  },
  'focal-point-border-quarantine-surveillance': {
    vi: 'Đầu mối kiểm dịch y tế biên giới và giám sát dịch bệnh',
    'zh-CN': '国境卫生检疫和疾病监测联系人',
    en: 'Focal point, border health quarantine and surveillance',
  },
  'focal-point-surveillance': {
    vi: 'Đầu mối giám sát dịch bệnh',
    'zh-CN': '疾病监测联系人',
    en: 'Focal point, disease surveillance',
  },
  'focal-point-public-health-emergencies': {
    vi: 'Đầu mối về tình trạng y tế công cộng khẩn cấp',
    'zh-CN': '突发公共卫生事件联系人',
    en: 'Focal point, public health emergencies',
  },
} as const satisfies Record<string, Text>;

export type ContactRole = keyof typeof CONTACT_ROLE_LABELS;
export const CONTACT_ROLES = Object.keys(CONTACT_ROLE_LABELS) as ContactRole[];

/** Schema of a contact role code, for the seed file. */
export const ContactRoleSchema = Type.Union(CONTACT_ROLES.map((r) => Type.Literal(r)));

const isContactRole = (code: string): code is ContactRole => Object.hasOwn(CONTACT_ROLE_LABELS, code);

/** The label of a role code; a code this version does not know is shown as it is. */
export function contactRoleLabel(code: string): Text {
  return isContactRole(code) ? CONTACT_ROLE_LABELS[code] : { vi: code, 'zh-CN': code, en: code };
}
