import { Injectable } from '@nestjs/common';
import type { NotificationType } from '@jianban/shared';
import { AppConfig } from '../common/config';
import type { NotificationDataOf } from './notification-texts';
import { TEMPLATE_KINDS, type TemplateKind } from './notifications.config';
import { fieldTypeOfKey, formatField, type FieldType, type SlotValue } from './wechat-fields';

// One WeChat template per kind of message; several event types share a template and fill its fields differently.
// A field key names its WeChat type (thing1 = thing, time3 = time …); the operator picks library templates with these
// keywords (docs/notifications.md lists them).
interface TemplateDef {
  title: string; // shown to the resident next to the subscribe switch
  purpose: 'booking' | 'allowance';
  fields: Record<string, { label: string; fallback?: string }>;
}

export const TEMPLATE_DEFS: Record<TemplateKind, TemplateDef> = {
  booking_result: {
    title: '预约结果通知',
    purpose: 'booking',
    fields: { thing1: { label: '办理事项', fallback: '预约办事' }, name2: { label: '办事人', fallback: '居民' }, time3: { label: '预约时间' }, phrase4: { label: '预约结果' }, thing5: { label: '备注', fallback: '详情请看小程序消息' } },
  },
  booking_reminder: {
    title: '预约提醒',
    purpose: 'booking',
    fields: { thing1: { label: '办理事项', fallback: '预约办事' }, time2: { label: '预约时间' }, thing3: { label: '办理地点', fallback: '详见预约详情' }, thing4: { label: '温馨提示' } },
  },
  allowance_progress: {
    title: '高龄津贴审核进度通知',
    purpose: 'allowance',
    fields: { thing1: { label: '申请事项' }, name2: { label: '申请人', fallback: '居民' }, phrase3: { label: '审核状态' }, thing4: { label: '备注', fallback: '详情请看小程序消息' } },
  },
  allowance_paid: {
    title: '高龄津贴发放通知',
    purpose: 'allowance',
    fields: { thing1: { label: '发放项目' }, name2: { label: '领取人', fallback: '居民' }, amount3: { label: '发放金额' }, thing4: { label: '发放期间', fallback: '本期' } },
  },
};

type Slots = Record<string, SlotValue | undefined>;
type Mapping = { [T in NotificationType]: { kind: TemplateKind; slots: (d: NotificationDataOf[T]) => Slots } | null };

const bookingResult = (status: string) => (d: NotificationDataOf['booking_confirmed']): Slots => ({
  thing1: d.serviceName,
  name2: d.personName,
  time3: { instant: d.startsAt },
  phrase4: status,
  thing5: status === '已确认' ? `地点：${d.place}` : d.reason ? `原因：${d.reason}` : undefined,
});
const allowance = (status: string, note?: string) => (d: NotificationDataOf['allowance_received']): Slots => ({
  thing1: '高龄津贴申请',
  name2: d.personName,
  phrase3: status,
  thing4: d.reason ?? note,
});

// which template (and which field values) each event type is pushed with; null = inbox only
export const EVENT_TEMPLATES: Mapping = {
  booking_confirmed: { kind: 'booking_result', slots: bookingResult('已确认') },
  booking_rejected: { kind: 'booking_result', slots: bookingResult('未通过') },
  booking_cancelled_by_staff: { kind: 'booking_result', slots: bookingResult('已取消') },
  booking_reminder: {
    kind: 'booking_reminder',
    slots: (d) => ({ thing1: d.serviceName, time2: { instant: d.startsAt }, thing3: d.place, thing4: '请带好材料按时前来' }),
  },
  booking_flagged: null, // to staff, inbox only
  case_handed_over: null, // to staff, inbox only
  statutory_year_missing: null, // to staff, inbox only
  allowance_received: { kind: 'allowance_progress', slots: allowance('已受理', '正在核对信息') },
  allowance_verified: { kind: 'allowance_progress', slots: allowance('已核对', '等待审批') },
  allowance_more_info: { kind: 'allowance_progress', slots: allowance('待补充', '请在小程序补充材料') },
  allowance_approved: { kind: 'allowance_progress', slots: allowance('已批准', '按月发放') },
  allowance_rejected: { kind: 'allowance_progress', slots: allowance('未批准', '有疑问请问社区') },
  allowance_suspended: { kind: 'allowance_progress', slots: allowance('已暂停', '有疑问请问社区') },
  allowance_check_failed: { kind: 'allowance_progress', slots: allowance('核对未通过', '可在小程序修改后重新提交') },
  allowance_publicity_started: { kind: 'allowance_progress', slots: (d) => ({ thing1: '高龄津贴申请', name2: d.personName, phrase3: '公示中', thing4: '公示7天后送街道审核' }) },
  allowance_objection: null, // to staff, inbox only
  allowance_flagged: null, // to staff, inbox only
  allowance_death_reported: null, // to staff, inbox only
  allowance_consent_withdrawn: { kind: 'allowance_progress', slots: allowance('已撤回同意', '详情请看小程序消息') },
  allowance_closed: { kind: 'allowance_progress', slots: allowance('已停止办理', '详情请看小程序消息') },
  allowance_paid: {
    kind: 'allowance_paid',
    slots: (d) => ({ thing1: '高龄津贴', name2: d.personName, amount3: d.amountYuan === undefined ? undefined : { yuan: d.amountYuan }, thing4: d.period }),
  },
  demand_report_updated: null,
  session_revoked: null, // inbox only: the person sees it when they log in again
  allowance_payment_failed: { kind: 'allowance_progress', slots: allowance('发放失败', '请核对收款账户') },
  allowance_back_pay: { kind: 'allowance_paid', slots: (d) => ({ thing1: '高龄津贴补发', name2: d.personName, amount3: { yuan: d.amountYuan }, thing4: d.period }) },
  allowance_invited: null, // inbox only: an invitation, nothing went wrong
};

export type BuiltMessage =
  | { kind: 'ok'; templateKind: TemplateKind; templateId: string; data: Record<string, { value: string }> }
  | { kind: 'no_template' }
  | { kind: 'invalid'; field: string; type: FieldType | null };

// builds what subscribeMessage.send needs; every value already fits its field (never a 47003 from our own data)
export function buildMessage(type: NotificationType, data: unknown, templates: Record<TemplateKind, string | null>): BuiltMessage {
  const map = EVENT_TEMPLATES[type] as { kind: TemplateKind; slots: (d: unknown) => Slots } | null;
  if (!map) return { kind: 'no_template' };
  const templateId = templates[map.kind];
  if (!templateId) return { kind: 'no_template' };
  const slots = map.slots(data);
  const out: Record<string, { value: string }> = {};
  for (const [key, def] of Object.entries(TEMPLATE_DEFS[map.kind].fields)) {
    const fieldType = fieldTypeOfKey(key);
    const raw = slots[key];
    const value = fieldType === null ? null : raw === undefined ? (def.fallback ?? null) : formatField(fieldType, raw, def.fallback);
    if (value === null) return { kind: 'invalid', field: key, type: fieldType };
    out[key] = { value };
  }
  return { kind: 'ok', templateKind: map.kind, templateId, data: out };
}

export interface TemplateInfo {
  kind: TemplateKind;
  templateId: string;
  title: string;
  types: NotificationType[];
}

@Injectable()
export class TemplateRegistry {
  private readonly templates: Record<TemplateKind, string | null>;
  constructor(config: AppConfig) {
    this.templates = config.notifications.templates;
  }

  build(type: NotificationType, data: unknown): BuiltMessage {
    return buildMessage(type, data, this.templates);
  }

  // configured templates (those set to "off" are left out)
  list(purpose?: 'booking' | 'allowance'): TemplateInfo[] {
    return TEMPLATE_KINDS.filter((k) => this.templates[k] && (!purpose || TEMPLATE_DEFS[k].purpose === purpose)).map((kind) => ({
      kind,
      templateId: this.templates[kind]!,
      title: TEMPLATE_DEFS[kind].title,
      types: (Object.keys(EVENT_TEMPLATES) as NotificationType[]).filter((t) => EVENT_TEMPLATES[t]?.kind === kind),
    }));
  }

  byId(templateId: string): TemplateInfo | undefined {
    return this.list().find((t) => t.templateId === templateId);
  }

  // field types of each configured template, for registering them with the local WeChat peer in development
  peerDefinitions(): { id: string; fields: Record<string, FieldType> }[] {
    return this.list().map((t) => ({
      id: t.templateId,
      fields: Object.fromEntries(Object.keys(TEMPLATE_DEFS[t.kind].fields).map((k) => [k, fieldTypeOfKey(k)!])),
    }));
  }
}
