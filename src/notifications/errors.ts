import { defineErrors } from '../platform/errors';

export const NotificationErrors = defineErrors({
  BH_NOTIFICATION_NOT_INCOMING: {
    status: 409,
    message: {
      en: 'Only a notification received from a partner can be acknowledged.',
      vi: 'Chỉ có thể xác nhận đã nhận một thông báo do đối tác gửi đến.',
      'zh-CN': '只能确认从合作方收到的通报。',
    },
  },
  BH_NOTIFICATION_ALREADY_ACKNOWLEDGED: {
    status: 409,
    message: {
      en: 'This notification was already acknowledged on {at}.',
      vi: 'Thông báo này đã được xác nhận lúc {at}.',
      'zh-CN': '该通报已于 {at} 确认收到。',
    },
  },
  BH_NOTIFICATION_NOT_ROUTED: {
    status: 409,
    message: {
      en: 'This notification was not sent to any partner, so there is no one to write to.',
      vi: 'Thông báo này chưa được gửi tới đối tác nào nên không có người nhận tin nhắn.',
      'zh-CN': '该通报未发送给任何合作方，无法发送消息。',
    },
  },
  BH_NOTIFICATION_IDENTITY_NOT_CASE: {
    status: 409,
    message: {
      en: 'Identifiers can only be requested for a case notification received from a partner.',
      vi: 'Chỉ có thể yêu cầu thông tin định danh đối với thông báo ca bệnh do đối tác gửi đến.',
      'zh-CN': '只能针对从合作方收到的病例通报申请身份信息。',
    },
  },
  BH_NOTIFICATION_IDENTITY_NOT_INCOMING: {
    status: 409,
    message: {
      en: 'Only a request received from a partner can be decided on this node.',
      vi: 'Chỉ có thể quyết định đối với yêu cầu do đối tác gửi đến nút này.',
      'zh-CN': '本节点只能审批从合作方收到的申请。',
    },
  },
  BH_NOTIFICATION_IDENTITY_DECIDED: {
    status: 409,
    message: {
      en: 'This request was already {status}.',
      vi: 'Yêu cầu này đã được xử lý ({status}).',
      'zh-CN': '该申请已处理（{status}）。',
    },
  },
  BH_NOTIFICATION_IDENTITY_MISSING: {
    status: 409,
    message: {
      en: 'No identifiers are recorded for this case: refuse the request with a reason instead.',
      vi: 'Ca bệnh này chưa có thông tin định danh: hãy từ chối yêu cầu và nêu lý do.',
      'zh-CN': '该病例未登记身份信息，请说明理由后拒绝该申请。',
    },
  },
  BH_NOTIFICATION_REASON_REQUIRED: {
    status: 400,
    message: {
      en: 'Give the reason for refusing the request.',
      vi: 'Vui lòng nêu lý do từ chối yêu cầu.',
      'zh-CN': '请填写拒绝申请的理由。',
    },
  },
  BH_NOTIFICATION_SIGNAL_NOT_VERIFIED: {
    status: 409,
    message: {
      en: 'Only a verified signal can be shared (this one is {status}).',
      vi: 'Chỉ có thể chia sẻ tín hiệu đã được xác minh (tín hiệu này đang ở trạng thái {status}).',
      'zh-CN': '只能共享已核实的信号（该信号当前状态为 {status}）。',
    },
  },
  BH_NOTIFICATION_NO_PEER: {
    status: 409,
    message: {
      en: 'No partner node can receive this: {party} is not a connected partner covered by an agreement in force for {scope}.',
      vi: 'Không có nút đối tác nào nhận được: {party} không phải là đối tác đã kết nối và được một thỏa thuận còn hiệu lực về {scope} bao gồm.',
      'zh-CN': '没有可接收的合作方节点：{party} 不是已连接且有现行有效的 {scope} 协议覆盖的合作方。',
    },
  },
  BH_NOTIFICATION_UNKNOWN_REFERENCE: {
    status: 409,
    message: {
      en: 'The notification {kind} {id} of {origin} is not known on this node yet.',
      vi: 'Nút này chưa có thông báo {kind} {id} của {origin}.',
      'zh-CN': '本节点尚无 {origin} 的通报 {kind} {id}。',
    },
  },
});
