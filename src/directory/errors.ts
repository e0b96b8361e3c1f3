import { defineErrors } from '../platform/errors';

export const DirectoryErrors = defineErrors({
  BH_DIRECTORY_USERNAME_TAKEN: {
    status: 409,
    message: {
      en: 'The username {username} is already taken.',
      vi: 'Tên đăng nhập {username} đã được sử dụng.',
      'zh-CN': '用户名 {username} 已被使用。',
    },
  },
  BH_DIRECTORY_UNKNOWN_REFERENCE: {
    status: 400,
    message: {
      en: 'Unknown {kind}: {code}.',
      vi: 'Không có {kind} với mã {code}.',
      'zh-CN': '未知的{kind}：{code}。',
    },
  },
  BH_DIRECTORY_JURISDICTION_EXCEEDS: {
    status: 403,
    message: {
      en: 'You cannot grant authority beyond your own jurisdiction.',
      vi: 'Bạn không thể cấp quyền vượt quá phạm vi quản lý của mình.',
      'zh-CN': '不能授予超出您自身管辖范围的权限。',
    },
  },
  BH_DIRECTORY_SELF_LOCKOUT: {
    status: 409,
    message: {
      en: 'You cannot disable your own account or remove your own administrator role.',
      vi: 'Bạn không thể vô hiệu hóa tài khoản của chính mình hoặc bỏ vai trò quản trị của mình.',
      'zh-CN': '不能停用自己的账户或取消自己的管理员角色。',
    },
  },
  BH_DIRECTORY_AGREEMENT_NOT_FOUND: {
    status: 404,
    message: {
      en: 'There is no agreement with the code {code}.',
      vi: 'Không có thỏa thuận nào có mã {code}.',
      'zh-CN': '不存在代码为 {code} 的协议。',
    },
  },
  BH_DIRECTORY_RENEWAL_INVALID: {
    status: 409,
    message: {
      en: 'A renewal must extend the agreement: the new end date {effectiveTo} is not after its current end date {currentEnd}.',
      vi: 'Việc gia hạn phải kéo dài thỏa thuận: ngày hết hiệu lực mới {effectiveTo} không sau ngày hết hiệu lực hiện tại {currentEnd}.',
      'zh-CN': '续签必须延长协议期限：新的截止日期 {effectiveTo} 不晚于当前截止日期 {currentEnd}。',
    },
  },
  BH_DIRECTORY_RENEWAL_AUTOMATIC: {
    status: 409,
    message: {
      en: 'The agreement {code} renews automatically; no renewal is recorded for it.',
      vi: 'Thỏa thuận {code} tự động gia hạn; không cần ghi nhận gia hạn cho thỏa thuận này.',
      'zh-CN': '协议 {code} 自动续期，无需为其登记续签。',
    },
  },
  BH_DIRECTORY_RENEWAL_OPEN_ENDED: {
    status: 409,
    message: {
      en: 'The agreement {code} has no end date, so there is nothing to extend.',
      vi: 'Thỏa thuận {code} không có ngày hết hiệu lực nên không thể gia hạn.',
      'zh-CN': '协议 {code} 没有截止日期，无需延期。',
    },
  },
  BH_DIRECTORY_RENEWAL_BAD_DATE: {
    status: 400,
    message: {
      en: '{value} is not a valid date (YYYY-MM-DD).',
      vi: '{value} không phải là ngày hợp lệ (YYYY-MM-DD).',
      'zh-CN': '{value} 不是有效日期（YYYY-MM-DD）。',
    },
  },
});
