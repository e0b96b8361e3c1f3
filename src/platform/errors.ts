import { translate, type Locale, type Text } from './i18n';

/** One entry of the error registry: a stable code, an HTTP status and a message in three languages. */
export interface ErrorDefinition {
  status: number;
  message: Text;
}

const registry = new Map<string, ErrorDefinition>();

/** Registers a capability's errors; codes are global and must be unique. */
export function defineErrors<const T extends Record<string, ErrorDefinition>>(defs: T): { [K in keyof T]: K } {
  const codes = {} as { [K in keyof T]: K };
  for (const [code, def] of Object.entries(defs)) {
    const existing = registry.get(code);
    if (existing && existing !== def && JSON.stringify(existing) !== JSON.stringify(def)) {
      throw new Error(`error code defined twice: ${code}`);
    }
    registry.set(code, def);
    (codes as Record<string, string>)[code] = code;
  }
  return codes;
}

/** Looks up a registered error. */
export function errorDefinition(code: string): ErrorDefinition | undefined {
  return registry.get(code);
}

/** Every registered code (for tests that check translations). */
export function registeredErrorCodes(): string[] {
  return [...registry.keys()];
}

/** An error that crosses a boundary: a code from the registry plus the values its message needs. */
export class BhError extends Error {
  readonly code: string;
  readonly params: Record<string, unknown>;
  readonly status: number;

  constructor(code: string, params: Record<string, unknown> = {}, options?: { cause?: unknown }) {
    const def = registry.get(code);
    super(def ? translate(def.message, 'en', params) : code, options);
    this.name = 'BhError';
    this.code = code;
    this.params = params;
    this.status = def?.status ?? 500;
  }

  /** The message in the caller's language. */
  localized(locale: Locale): string {
    const def = registry.get(this.code);
    return def ? translate(def.message, locale, this.params) : this.code;
  }
}

export const PlatformErrors = defineErrors({
  BH_INTERNAL: {
    status: 500,
    message: {
      en: 'Something went wrong on the server. The operation was not completed.',
      vi: 'Đã xảy ra lỗi trên máy chủ. Thao tác chưa được thực hiện.',
      'zh-CN': '服务器发生错误，操作未完成。',
    },
  },
  BH_VALIDATION: {
    status: 400,
    message: {
      en: 'The request is not valid: {detail}',
      vi: 'Yêu cầu không hợp lệ: {detail}',
      'zh-CN': '请求无效：{detail}',
    },
  },
  BH_NOT_FOUND: {
    status: 404,
    message: { en: 'Not found.', vi: 'Không tìm thấy.', 'zh-CN': '未找到。' },
  },
  BH_ROUTE_NOT_FOUND: {
    status: 404,
    message: { en: 'No such address: {path}', vi: 'Không có địa chỉ này: {path}', 'zh-CN': '地址不存在：{path}' },
  },
  BH_AUTH_REQUIRED: {
    status: 401,
    message: {
      en: 'Please sign in first.',
      vi: 'Vui lòng đăng nhập trước.',
      'zh-CN': '请先登录。',
    },
  },
  BH_AUTH_INVALID_CREDENTIALS: {
    status: 401,
    message: {
      en: 'Wrong username or password.',
      vi: 'Sai tên đăng nhập hoặc mật khẩu.',
      'zh-CN': '用户名或密码错误。',
    },
  },
  BH_AUTH_RATE_LIMITED: {
    status: 429,
    message: {
      en: 'Too many attempts. Try again in {seconds} seconds.',
      vi: 'Quá nhiều lần thử. Vui lòng thử lại sau {seconds} giây.',
      'zh-CN': '尝试次数过多，请在 {seconds} 秒后重试。',
    },
  },
  BH_FORBIDDEN: {
    status: 403,
    message: {
      en: 'Your role does not allow this action.',
      vi: 'Vai trò của bạn không được phép thực hiện thao tác này.',
      'zh-CN': '您的角色无权执行此操作。',
    },
  },
  BH_PAYLOAD_TOO_LARGE: {
    status: 413,
    message: { en: 'The request is too large.', vi: 'Yêu cầu quá lớn.', 'zh-CN': '请求内容过大。' },
  },
  BH_STORE_UNAVAILABLE: {
    status: 503,
    message: {
      en: 'The database is not available.',
      vi: 'Cơ sở dữ liệu không khả dụng.',
      'zh-CN': '数据库不可用。',
    },
  },
  BH_STORE_MIGRATION_FAILED: {
    status: 500,
    message: {
      en: 'Database migration {migration} failed.',
      vi: 'Di chuyển cơ sở dữ liệu {migration} thất bại.',
      'zh-CN': '数据库迁移 {migration} 失败。',
    },
  },
  BH_CONFIG_INVALID: {
    status: 500,
    message: {
      en: 'Configuration is not valid: {detail}',
      vi: 'Cấu hình không hợp lệ: {detail}',
      'zh-CN': '配置无效：{detail}',
    },
  },
});
