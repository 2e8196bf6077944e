import type { AllowanceErrorCode } from '@jianban/shared';

type AllowanceCode = (typeof AllowanceErrorCode)[keyof typeof AllowanceErrorCode];

export const ALLOWANCE_MESSAGES: Record<AllowanceCode, string> = {
  ALLOWANCE_ALREADY_APPLIED: '这位老人已经有人申请过高龄津贴了，正在办理中或已经在领取，不用再申请。有疑问请问社区。',
  ALLOWANCE_STATE_CONFLICT: '这份申请刚刚有了变化，请刷新后再看',
  ALLOWANCE_CONSENT_OUTDATED: '同意书内容更新了，请重新阅读并同意',
  ALLOWANCE_OBJECTION_CLOSED: '这条公示已经结束，不能再提异议。有情况请直接联系社区。',
  ALLOWANCE_POLICY_INVALID: '档次设置有误：年龄段要从低到高连续，只有最高一档不设上限',
};
