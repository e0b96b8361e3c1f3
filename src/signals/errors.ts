import { defineErrors } from '../platform/errors';

/** The signals capability's errors: stable codes, messages in the three languages. */
export const SignalErrors = defineErrors({
  BH_SIGNAL_INVALID_TRANSITION: {
    status: 409,
    message: {
      en: 'A signal cannot move from “{fromEn}” to “{toEn}” ({from} → {to}).',
      vi: 'Không thể chuyển tín hiệu từ trạng thái “{fromVi}” sang “{toVi}” ({from} → {to}).',
      'zh-CN': '信号不能从“{fromZh}”状态转为“{toZh}”（{from} → {to}）。',
    },
  },
  BH_SIGNAL_REASON_REQUIRED: {
    status: 400,
    message: {
      en: 'Give a reason for every change of a signal’s status.',
      vi: 'Mỗi lần thay đổi trạng thái tín hiệu đều phải nêu lý do.',
      'zh-CN': '每次变更信号状态都必须说明理由。',
    },
  },
  BH_SIGNAL_RISK_REQUIRED: {
    status: 400,
    message: {
      en: 'A risk assessment needs a risk level: low, moderate, high or very-high.',
      vi: 'Đánh giá nguy cơ phải có mức độ nguy cơ: thấp (low), trung bình (moderate), cao (high) hoặc rất cao (very-high).',
      'zh-CN': '风险评估必须给出风险等级：低（low）、中（moderate）、高（high）或极高（very-high）。',
    },
  },
  BH_SIGNAL_RESPONSE_REQUIRED: {
    status: 400,
    message: {
      en: 'Describe the response that is being taken.',
      vi: 'Cần mô tả biện pháp đáp ứng đang được triển khai.',
      'zh-CN': '必须说明正在采取的应对措施。',
    },
  },
  BH_SIGNAL_FIELD_NOT_ALLOWED: {
    status: 400,
    message: {
      en: 'The field {field} does not belong to a move to “{to}”.',
      vi: 'Trường {field} không dùng cho việc chuyển sang trạng thái “{to}”.',
      'zh-CN': '字段 {field} 不适用于转为“{to}”状态。',
    },
  },
  BH_SIGNAL_DETECTION_CONFIG_INVALID: {
    status: 500,
    message: {
      en: 'The detection settings are not valid: {detail}',
      vi: 'Cấu hình phát hiện dịch không hợp lệ: {detail}',
      'zh-CN': '暴发探测配置无效：{detail}',
    },
  },
});
