// ErrorCode → what we tell the user, in plain Chinese. Exhaustive: adding a code to the shared contract
// without a message here is a type error.
import type { CoreErrorCode, ErrorCode } from '@jianban/shared';
import { BOOKING_MESSAGES } from './booking';
import { CATALOG_MESSAGES } from './catalog';
import { NOTIFICATIONS_MESSAGES } from './notifications';
import { ALLOWANCE_MESSAGES } from './allowance';
import { PROXY_MESSAGES } from './proxies';
import { LEDGER_MESSAGES } from './ledger';
import { CIVIL_AFFAIRS_MESSAGES } from './civil-affairs';

type CoreCode = (typeof CoreErrorCode)[keyof typeof CoreErrorCode];
import { ApiError, type AnyErrorCode, type ClientErrorCode } from '../../services/api-error';

const CORE_MESSAGES: Record<CoreCode, string> = {
  VALIDATION_FAILED: '填写的内容有误，请按提示修改',
  MALFORMED_JSON: '提交的内容格式不对，请重新提交',
  PAYLOAD_TOO_LARGE: '提交的内容太多了，请删减后再试',
  UNSUPPORTED_MEDIA_TYPE: '提交的内容格式不对，请重新提交',
  ROUTE_NOT_FOUND: '这个功能暂时用不了，请更新小程序后再试',
  NOT_FOUND: '没有找到要办的事项，可能已被删除',
  UNAUTHENTICATED: '请先登录',
  SESSION_EXPIRED: '登录已过期，请重新登录',
  SESSION_REVOKED: '为了安全，这次登录已结束，请重新登录',
  FORBIDDEN: '您没有办理这项事务的权限',
  CSRF_REJECTED: '请从简办的页面里操作，不要从别的网站打开',
  OUT_OF_SCOPE: '这不在您负责的社区范围内',
  RATE_LIMITED: '操作太频繁了，请稍等一分钟再试',
  INVALID_CREDENTIALS: '用户名或密码不对，请重新输入',
  STAFF_ACCOUNT_DEACTIVATED: '这个微信绑定的工作人员账号已停用，不能登录。请联系区里的管理员。',
  PASSWORD_CHANGE_REQUIRED: '请先把临时密码改成您自己的密码，再办别的事',
  STAFF_USERNAME_TAKEN: '这个用户名已经有人用了，请换一个',
  STAFF_REGION_MISMATCH: '岗位和工作的地方对不上：社区工作人员选社区，街道审核人员选街道，区管理员选全区',
  STAFF_OWN_ACCOUNT: '不能停用或降低自己的账号，请让另一位区管理员来办',
  LAST_DISTRICT_ADMIN: '这是全区最后一位在用的区管理员，不能停用或改岗位',
  REGION_HOLD_ALREADY_ASSIGNED: '这个旧社区已经归到正式社区了，不能再改',
  REGION_HOLD_CONFLICT: '选的社区已有同样的记录（比如预约设置或同名事项），没有改动；请先处理后再归入',
  WECHAT_CODE_INVALID: '微信登录没有成功，请重新打开小程序再试',
  WECHAT_RATE_LIMITED: '微信登录太频繁，请稍等一分钟再试',
  WECHAT_UNAVAILABLE: '暂时连不上微信，请稍后再试',
  DEV_LOGIN_DISABLED: '网页版不能用微信登录。居民请在微信里打开“简办”小程序；工作人员请用“工作人员登录”。',
  ID_NUMBER_INVALID: '身份证号不正确，请核对后重新填写',
  FAMILY_MEMBER_LIMIT: '最多代办5位家人，可以先移除一位',
  FAMILY_MEMBER_DUPLICATE: '这位家人已经添加过了，不用再添加',
  CONFLICT: '这件事刚刚有了变化，请刷新后再试',
  DATABASE_UNAVAILABLE: '系统正在维护，请稍后再试',
  TIMEOUT: '等待时间太长了，请检查网络后再试',
  INTERNAL_ERROR: '系统出了点问题，请稍后再试',
  STEP_UP_REQUIRED: '查看完整信息前，请再输一次您的登录密码',
  STEP_UP_PASSWORD_WRONG: '密码不对，请重新输入',
};

// each feature keeps the messages for its own codes
export const ERROR_MESSAGES: Record<ErrorCode, string> = { ...CORE_MESSAGES, ...CATALOG_MESSAGES, ...NOTIFICATIONS_MESSAGES, ...BOOKING_MESSAGES, ...ALLOWANCE_MESSAGES, ...PROXY_MESSAGES, ...LEDGER_MESSAGES, ...CIVIL_AFFAIRS_MESSAGES };

export const CLIENT_ERROR_MESSAGES: Record<ClientErrorCode, string> = {
  NETWORK_ERROR: '网络不通，请检查手机网络后再试',
  BAD_RESPONSE: '系统返回的内容有误，请稍后再试',
};

/** what a code means for one particular action, where the general message would be vague */
export type MessageOverrides = Partial<Record<AnyErrorCode, string>>;

/** 绑定本人微信: the only conflict there is the WeChat account being bound to someone else */
export const BIND_WECHAT_MESSAGES: MessageOverrides = {
  CONFLICT: '这个微信已经绑定了别的工作人员账号',
};

const ALL: Record<AnyErrorCode, string> = { ...ERROR_MESSAGES, ...CLIENT_ERROR_MESSAGES };
const has = (table: object, code: string) => Object.prototype.hasOwnProperty.call(table, code);

export function messageForCode(code: AnyErrorCode | string | null | undefined, overrides?: MessageOverrides): string {
  if (code && overrides && has(overrides, code) && overrides[code as AnyErrorCode]) return overrides[code as AnyErrorCode] as string;
  if (code && has(ALL, code)) return ALL[code as AnyErrorCode];
  return ERROR_MESSAGES.INTERNAL_ERROR;
}

export function messageFor(err: unknown, overrides?: MessageOverrides): string {
  return messageForCode(err instanceof ApiError ? err.code : null, overrides);
}
