import type { ProxyErrorCode } from '@jianban/shared';

type ProxyCode = (typeof ProxyErrorCode)[keyof typeof ProxyErrorCode];

// who may act for whom: what each refusal means for the family, in plain words
export const PROXY_MESSAGES: Record<ProxyCode, string> = {
  REAL_NAME_REQUIRED: '请先核验您本人的身份：本人刷脸核验，或到社区服务中心核验',
  REAL_NAME_NOT_PASSED: '刷脸核验没有通过。请确认姓名和身份证号是您本人的，再试一次，或到社区服务中心核验',
  REAL_NAME_CHECK_EXPIRED: '刷脸等的时间太长了，请重新开始',
  NOT_SAME_HOUSEHOLD: '户籍登记里，您和这位家人不在同一户。可以请老人在自己微信里确认邀请，或到社区服务中心核验',
  HOUSEHOLD_CHECK_UNAVAILABLE: '户籍信息暂时查不到，请过一会儿再试',
  PROXY_REVOKED: '老人或工作人员已撤销了您的代办。如需恢复，请带上老人的身份证到社区服务中心',
  INVITATION_EXPIRED: '这个邀请已经过期了，请让家人重新发一次',
  INVITATION_USED: '这个邀请已经确认过了，不用再确认',
  INVITATION_NOT_FOR_YOU: '这个邀请要由老人本人在自己的微信里确认',
  ELDER_ID_MISMATCH: '身份证号和这位家人登记的不是同一个人，请再核对',
};
