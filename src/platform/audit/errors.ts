import { defineErrors } from '../errors';

/** The audit log's error codes. */
export const AuditErrors = defineErrors({
  BH_AUDIT_RANGE: {
    status: 400,
    message: {
      en: 'The requested audit log range is not valid: {detail}',
      vi: 'Phạm vi nhật ký kiểm toán được yêu cầu không hợp lệ: {detail}',
      'zh-CN': '请求的审计日志范围无效：{detail}',
    },
  },
  BH_AUDIT_ENTRY_INVALID: {
    // Entries are built by server code, so a bad one is a bug on our side, not the client's.
    status: 500,
    message: {
      en: 'An audit record could not be written: {detail}',
      vi: 'Không thể ghi bản ghi kiểm toán: {detail}',
      'zh-CN': '无法写入审计记录：{detail}',
    },
  },
  BH_AUDIT_CHECKPOINT_INVALID: {
    status: 400,
    message: {
      en: 'The audit log checkpoint is not valid: {detail}',
      vi: 'Điểm kiểm tra của nhật ký kiểm toán không hợp lệ: {detail}',
      'zh-CN': '审计日志检查点无效：{detail}',
    },
  },
  BH_AUDIT_CORRUPT: {
    status: 500,
    message: {
      en: 'The audit log failed its integrity check: {detail}',
      vi: 'Nhật ký kiểm toán không vượt qua kiểm tra toàn vẹn: {detail}',
      'zh-CN': '审计日志完整性检查失败：{detail}',
    },
  },
});
