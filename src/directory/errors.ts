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
});
