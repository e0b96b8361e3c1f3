import { defineErrors } from '../errors';

/**
 * The exchange layer's error codes. The refusal codes are stable: a peer's operator reads them in
 * the sender's outbox (`last_error`) and the receiver records them in `exchange_refused`.
 */
export const ExchangeErrors = defineErrors({
  BH_EXCHANGE_MALFORMED: {
    status: 400,
    message: {
      en: 'The message is not a well-formed BorderHealth message: {detail}',
      vi: 'Thông điệp không đúng định dạng thông điệp BorderHealth: {detail}',
      'zh-CN': '消息不是格式正确的 BorderHealth 消息：{detail}',
    },
  },
  BH_EXCHANGE_OVERSIZED: {
    status: 413,
    message: {
      en: 'The message is larger than the {limit} bytes this node accepts.',
      vi: 'Thông điệp lớn hơn giới hạn {limit} byte mà nút này chấp nhận.',
      'zh-CN': '消息超过本节点接受的 {limit} 字节上限。',
    },
  },
  BH_EXCHANGE_ALG_REFUSED: {
    status: 401,
    message: {
      en: 'The signature algorithm "{alg}" is not accepted; messages must be signed with EdDSA.',
      vi: 'Thuật toán chữ ký "{alg}" không được chấp nhận; thông điệp phải được ký bằng EdDSA.',
      'zh-CN': '不接受签名算法“{alg}”；消息必须使用 EdDSA 签名。',
    },
  },
  BH_EXCHANGE_UNKNOWN_PEER: {
    status: 401,
    message: {
      en: 'The sender "{party}" is not a configured peer of this node.',
      vi: 'Bên gửi "{party}" không phải là nút đối tác đã được cấu hình của nút này.',
      'zh-CN': '发送方“{party}”不是本节点已配置的对等节点。',
    },
  },
  BH_EXCHANGE_UNKNOWN_KEY: {
    status: 401,
    message: {
      en: 'The signing key "{kid}" is not among the keys configured for {party}.',
      vi: 'Khóa ký "{kid}" không nằm trong các khóa đã cấu hình cho {party}.',
      'zh-CN': '签名密钥“{kid}”不在为 {party} 配置的密钥之中。',
    },
  },
  BH_EXCHANGE_BAD_SIGNATURE: {
    status: 401,
    message: {
      en: 'The signature does not verify: the message was altered or not signed by {party}.',
      vi: 'Chữ ký không hợp lệ: thông điệp đã bị thay đổi hoặc không do {party} ký.',
      'zh-CN': '签名验证失败：消息已被篡改或并非由 {party} 签名。',
    },
  },
  BH_EXCHANGE_MISADDRESSED: {
    status: 400,
    message: {
      en: 'The message is addressed to {to}, not to this node ({self}).',
      vi: 'Thông điệp được gửi tới {to}, không phải nút này ({self}).',
      'zh-CN': '该消息的收件方是 {to}，而不是本节点（{self}）。',
    },
  },
  BH_EXCHANGE_NOT_YET_VALID: {
    status: 400,
    message: {
      en: 'The message was created in the future ({createdAt}); check the sender’s clock.',
      vi: 'Thông điệp được tạo ở thời điểm tương lai ({createdAt}); hãy kiểm tra đồng hồ của bên gửi.',
      'zh-CN': '消息的创建时间在未来（{createdAt}）；请检查发送方的时钟。',
    },
  },
  BH_EXCHANGE_EXPIRED: {
    status: 400,
    message: {
      en: 'The message expired at {expiresAt}.',
      vi: 'Thông điệp đã hết hạn lúc {expiresAt}.',
      'zh-CN': '消息已于 {expiresAt} 过期。',
    },
  },
  BH_EXCHANGE_CLOCK_SKEW: {
    status: 401,
    message: {
      en: 'The sender’s clock differs from this node’s by more than {seconds} seconds.',
      vi: 'Đồng hồ của bên gửi lệch so với nút này quá {seconds} giây.',
      'zh-CN': '发送方的时钟与本节点相差超过 {seconds} 秒。',
    },
  },
  BH_EXCHANGE_UNKNOWN_TYPE: {
    status: 400,
    message: {
      en: 'The message type "{type}" is not known to this node.',
      vi: 'Loại thông điệp "{type}" không được nút này hỗ trợ.',
      'zh-CN': '本节点不认识消息类型“{type}”。',
    },
  },
  BH_EXCHANGE_BODY_INVALID: {
    status: 400,
    message: {
      en: 'The body does not match the schema of "{type}": {detail}',
      vi: 'Nội dung không khớp với lược đồ của "{type}": {detail}',
      'zh-CN': '消息内容不符合“{type}”的模式：{detail}',
    },
  },
  BH_EXCHANGE_APPLY_FAILED: {
    status: 503,
    message: {
      en: 'The message could not be applied now; it will be accepted when sent again.',
      vi: 'Hiện chưa thể xử lý thông điệp; thông điệp sẽ được nhận khi gửi lại.',
      'zh-CN': '目前无法处理该消息；重新发送时将被接收。',
    },
  },
  BH_EXCHANGE_RECEIPT_INVALID: {
    status: 502,
    message: {
      en: 'The receipt from {party} is not valid: {detail}',
      vi: 'Biên nhận từ {party} không hợp lệ: {detail}',
      'zh-CN': '来自 {party} 的回执无效：{detail}',
    },
  },
  BH_EXCHANGE_PEER_UNREACHABLE: {
    status: 503,
    message: {
      en: 'The peer {party} could not be reached: {detail}',
      vi: 'Không thể kết nối tới nút đối tác {party}: {detail}',
      'zh-CN': '无法连接对等节点 {party}：{detail}',
    },
  },
  BH_EXCHANGE_NOT_A_PEER: {
    status: 400,
    message: {
      en: 'Messages cannot be sent to {party}: it is not a configured peer.',
      vi: 'Không thể gửi thông điệp tới {party}: đây không phải nút đối tác đã cấu hình.',
      'zh-CN': '无法向 {party} 发送消息：它不是已配置的对等节点。',
    },
  },
  BH_EXCHANGE_REFUSALS_SUPPRESSED: {
    // Not an answer to a peer: the summary row that stands for refusals past an address's budget.
    status: 429,
    message: {
      en: '{total} further refusals from {remote} between {from} and {to} were counted, not recorded one by one: {counts}',
      vi: '{total} lần từ chối khác từ {remote} trong khoảng {from} – {to} chỉ được đếm, không ghi từng lần: {counts}',
      'zh-CN': '{from} 至 {to} 期间来自 {remote} 的另外 {total} 次拒收仅计数，未逐条记录：{counts}',
    },
  },
  BH_EXCHANGE_TYPE_INVALID: {
    // Raised by server code registering or sending a type wrongly: a bug on our side.
    status: 500,
    message: {
      en: 'Message type "{type}" cannot be used: {detail}',
      vi: 'Không thể dùng loại thông điệp "{type}": {detail}',
      'zh-CN': '无法使用消息类型“{type}”：{detail}',
    },
  },
});

export type ExchangeErrorCode = keyof typeof ExchangeErrors;

/** Refusals that resending the same bytes can never cure: the sender stops retrying them. */
export const FINAL_REFUSALS: ReadonlySet<string> = new Set([
  'BH_EXCHANGE_MALFORMED',
  'BH_EXCHANGE_OVERSIZED',
  'BH_EXCHANGE_ALG_REFUSED',
  'BH_EXCHANGE_BAD_SIGNATURE',
  'BH_EXCHANGE_MISADDRESSED',
  'BH_EXCHANGE_EXPIRED',
]);
