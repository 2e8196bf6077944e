import { shanghaiParts, type NotificationType } from '@jianban/shared';

// what each event carries; the modules that record events fill these in (times are ISO instants, shown in Asia/Shanghai)
export interface BookingEventData {
  serviceName: string;
  personName: string;
  startsAt: string;
  place: string;
  reason?: string;
}
/** to staff: a booking left unconfirmed, or a case not closed, past the community's threshold */
export interface BookingFlaggedData {
  serviceName: string;
  personName: string;
  startsAt: string;
  communityName: string;
  reason: 'unconfirmed' | 'not_closed';
  thresholdMinutes: number;
}
/** to staff: a colleague handed a case over to them (the case kit; any module's case) */
export interface CaseHandedOverData {
  /** what the case is, in the module's words, e.g. '张桂英的“高龄津贴申请”' */
  caseTitle: string;
  fromName: string;
  reason: string;
  communityName: string;
}
/** to district admins: the booking window will reach (or has reached) a year with no statutory holiday schedule */
export interface StatutoryYearMissingData {
  year: number;
  /** the first day the window includes 1 January of that year ('YYYY-MM-DD', Shanghai) */
  reachesOn: string;
  /** the window had already reached it when the message was written */
  reached: boolean;
}
export interface AllowanceEventData {
  personName: string;
  /** who made a death known: the registry (default) or the family, confirmed by the community */
  via?: 'registry' | 'family';
  amountYuan?: number;
  period?: string;
  reason?: string;
}
export interface DemandReportEventData {
  itemName: string;
  statusText: string;
}
/** to the account holder: a rotated refresh token came back, so every session of that login was ended */
export interface SessionRevokedData {
  /** when it was noticed (ISO instant) */
  at: string;
}
export interface NotificationDataOf {
  booking_confirmed: BookingEventData;
  booking_rejected: BookingEventData;
  booking_reminder: BookingEventData;
  booking_cancelled_by_staff: BookingEventData;
  booking_flagged: BookingFlaggedData;
  case_handed_over: CaseHandedOverData;
  statutory_year_missing: StatutoryYearMissingData;
  allowance_received: AllowanceEventData;
  allowance_verified: AllowanceEventData;
  allowance_more_info: AllowanceEventData;
  allowance_approved: AllowanceEventData;
  allowance_rejected: AllowanceEventData;
  allowance_paid: AllowanceEventData & { amountYuan: number };
  allowance_suspended: AllowanceEventData;
  allowance_check_failed: AllowanceEventData;
  allowance_publicity_started: AllowanceEventData;
  allowance_objection: AllowanceEventData;
  allowance_closed: AllowanceEventData;
  allowance_flagged: AllowanceEventData & { stageText: string };
  allowance_payment_failed: AllowanceEventData;
  allowance_back_pay: AllowanceEventData & { amountYuan: number };
  allowance_invited: AllowanceEventData & { amountYuan: number };
  allowance_consent_withdrawn: AllowanceEventData;
  allowance_death_reported: AllowanceEventData;
  demand_report_updated: DemandReportEventData;
  session_revoked: SessionRevokedData;
}

const when = (iso: string) => {
  const x = shanghaiParts(new Date(iso));
  return `${x.month}月${x.day}日 ${x.time}`;
};
const monthDay = (date: string) => `${Number(date.slice(5, 7))} 月 ${Number(date.slice(8, 10))} 日`;
const span = (minutes: number) => (minutes % 60 === 0 ? `${minutes / 60}个小时` : `${minutes}分钟`);
const reason = (r?: string) => (r ? `原因：${r}。` : '');

// the in-app inbox text of every event, in plain Chinese
export const INBOX_TEXT: { [T in NotificationType]: (d: NotificationDataOf[T]) => { title: string; body: string } } = {
  booking_confirmed: (d) => ({ title: '预约已确认', body: `${d.personName}的“${d.serviceName}”已确认：${when(d.startsAt)}，地点：${d.place}。请按时带好材料前来。` }),
  booking_rejected: (d) => ({ title: '预约没有通过', body: `${d.personName}的“${d.serviceName}”（${when(d.startsAt)}）没有通过。${reason(d.reason)}可以重新预约，或打电话问社区。` }),
  booking_reminder: (d) => ({ title: '明天记得来办事', body: `${d.personName}的“${d.serviceName}”在${when(d.startsAt)}，地点：${d.place}。请带好材料。` }),
  booking_cancelled_by_staff: (d) => ({ title: '预约被社区取消', body: `${d.personName}的“${d.serviceName}”（${when(d.startsAt)}）被社区取消了。${reason(d.reason)}可以重新预约。` }),
  booking_flagged: (d) => ({
    title: d.reason === 'unconfirmed' ? '有预约太久没人确认' : '有预约过了时间还没办结',
    body: `${d.communityName}：${d.personName}的“${d.serviceName}”（${when(d.startsAt)}）${d.reason === 'unconfirmed' ? '提交后' : '到了时间后'}超过${span(d.thresholdMinutes)}还没有人处理。请尽快确认、办结或转交同事。`,
  }),
  case_handed_over: (d) => ({
    title: `${d.fromName}转给您一件事`,
    body: `${d.communityName}：${d.caseTitle}已转给您办理。转交原因：${d.reason}。请在“转给我的”里查看。`,
  }),
  statutory_year_missing: (d) => ({
    title: `${d.year} 年的节假日安排还没有录入`,
    body: `${d.year} 年的法定节假日安排尚未发布，预约${d.reached ? '从' : '将于'} ${monthDay(d.reachesOn)}起无法选择 ${d.year} 年的日期，请到节假日页面发布。`,
  }),
  allowance_received: (d) => ({ title: '高龄津贴申请已收到', body: `${d.personName}的高龄津贴申请已收到，我们会用民政数据核对，不用再开证明。` }),
  allowance_verified: (d) => ({ title: '高龄津贴信息已核对', body: `${d.personName}的年龄、户籍等信息已核对无误，正在等待审批。` }),
  allowance_more_info: (d) => ({ title: '高龄津贴需要补充材料', body: `${d.personName}的高龄津贴申请需要补充：${d.reason ?? '请查看详情'}。` }),
  allowance_approved: (d) => ({ title: '高龄津贴已批准', body: `${d.personName}的高龄津贴已批准${d.amountYuan ? `，每年${d.amountYuan}元` : ''}。` }),
  allowance_rejected: (d) => ({ title: '高龄津贴没有批准', body: `${d.personName}的高龄津贴没有批准。${reason(d.reason)}有疑问请问社区。` }),
  allowance_paid: (d) => ({ title: '高龄津贴已发放', body: `${d.personName}的高龄津贴${d.period ? `（${d.period}）` : ''}已发放${d.amountYuan ? `${d.amountYuan}元` : ''}。` }),
  allowance_suspended: (d) => ({ title: '高龄津贴暂停发放', body: `${d.personName}的高龄津贴暂停发放。${reason(d.reason)}有疑问请问社区。` }),
  allowance_check_failed: (d) => ({ title: '高龄津贴自动核对没有通过', body: `${d.personName}的高龄津贴申请：${d.reason ?? '有一项核对没有通过'}。可以在小程序里修改后重新提交，或问社区。` }),
  allowance_publicity_started: (d) => ({ title: '高龄津贴开始公示', body: `${d.personName}的高龄津贴申请社区初审已通过，${d.period ?? ''}在社区公示7天，公示结束后送街道审核。` }),
  allowance_objection: (d) => ({ title: '公示收到异议', body: `${d.personName}的高龄津贴公示收到一条异议：${d.reason ?? ''}。请核实后记录结果。` }),
  allowance_closed: (d) =>
    d.via === 'family'
      ? { title: '高龄津贴申请已停止办理', body: `很抱歉打扰您。社区已核实${d.personName}离世的情况，高龄津贴的事已经记下，之后不再发送相关消息。如有疑问，请联系社区。` }
      : { title: '高龄津贴申请已停止办理', body: `很抱歉打扰您。民政数据登记${d.personName}已经离世，高龄津贴申请已停止办理，之后不再发送相关消息。如登记有误，请联系社区。` },
  allowance_consent_withdrawn: (d) =>
    d.period
      ? { title: '已撤回同意，高龄津贴将停发', body: `您家已撤回同意，${d.personName}的高龄津贴从${d.period}起不再发放，之前的照常发。想恢复发放，需要重新申请；有疑问请问社区。` }
      : { title: '已撤回同意，申请已停止办理', body: `您家已撤回同意，${d.personName}的高龄津贴申请已停止办理，老人的信息不再用于这件事。以后想申请，可以重新提交。` },
  allowance_death_reported: (d) => ({ title: '家属报告老人去世，请核实', body: `家属报告${d.personName}已于${d.period ?? ''}去世。请核实后在高龄津贴申请里记录结果；发放以民政户籍数据为准。` }),
  allowance_flagged: (d) => ({ title: '高龄津贴申请超过办理期限', body: `${d.personName}的高龄津贴申请在“${d.stageText}”环节已超过办理期限，请尽快处理或转交同事。` }),
  allowance_payment_failed: (d) => ({ title: '高龄津贴这次没有发放成功', body: `${d.personName}${d.period ? `${d.period}的` : '的'}高龄津贴没有发放成功：${d.reason ?? '银行退回'}。请在小程序里核对收款账户，改好后下次发放时一起补发；也可以问社区。` }),
  allowance_back_pay: (d) => ({ title: '高龄津贴将补发', body: `${d.personName}的高龄津贴将补发${d.period ? `${d.period}` : ''}，共${d.amountYuan}元，下次发放时一起发到原账户。${d.reason ?? ''}` }),
  allowance_invited: (d) => ({ title: '家人可以领取高龄津贴', body: `${d.personName}已经符合高龄津贴的条件，每月${d.amountYuan}元。在小程序里确认收款账户就行，不用交任何证明。` }),
  demand_report_updated: (d) => ({ title: '您的反映有了进展', body: `您反映的“${d.itemName}”：${d.statusText}。` }),
  session_revoked: (d) => ({
    title: '为了安全，已退出登录',
    body: `${when(d.at)}，您的一次登录信息被重复使用，可能是别的手机或电脑在用它。为了您的安全，这次登录已在所有设备上结束，请重新登录。如果最近没有在别的设备上登录过，请留意手机和电脑有没有借给别人用。`,
  }),
};
