// How a resident gets a session: a WeChat login code goes to POST /auth/wechat.
// weapp: Taro.login(); H5 (development and tests): the server's dev route asks the local WeChat peer for a code,
// so the server's real code-exchange path still runs. Production servers refuse it with DEV_LOGIN_DISABLED.
import Taro from '@tarojs/taro';
import { ErrorCode, routeRefs, type SessionView } from '@jianban/shared';
import { call, ApiError } from './http';
import { devUserFromUrl } from './dev-user';

export function currentDevUser(): string | undefined {
  if (process.env.TARO_ENV !== 'h5' || typeof window === 'undefined') return undefined;
  return devUserFromUrl(window.location.href);
}

async function wechatCode(): Promise<string> {
  if (process.env.TARO_ENV === 'h5') {
    const user = currentDevUser();
    const { code } = await call(routeRefs.devWechatCode, user ? { user } : {});
    return code;
  }
  const res = await Taro.login();
  if (!res.code) throw new ApiError(ErrorCode.WechatUnavailable, 0, res.errMsg);
  return res.code;
}

export async function loginResident(): Promise<SessionView> {
  const code = await wechatCode();
  return call(routeRefs.wechatLogin, { code });
}

export function loginStaff(username: string, password: string): Promise<SessionView> {
  return call(routeRefs.staffLogin, { username, password });
}
