import type { MessageOverrides } from '../errors/messages';

/** what a code means at 提交申请, where the general message would be vague */
export const APPLY_MESSAGES: MessageOverrides = {
  FORBIDDEN: '只有核实过身份的家属才能替老人申请。请带上老人的身份证到社区核实一次，或请老人在自己的微信上确认。',
  NOT_FOUND: '没有找到这位家人，或者还没有核验您和老人的关系。请先在“我的”里核验，再来申请。',
  ALLOWANCE_CONSENT_OUTDATED: '同意书的内容更新了，请回到第2步重新阅读并同意。',
};

/** what a code means at 提出异议 */
export const OBJECTION_MESSAGES: MessageOverrides = {
  NOT_FOUND: '这个人已经不在公示名单里了。',
};
