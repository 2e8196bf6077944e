// 绑定本人微信 (weapp only): the staff member's own WeChat login code goes to POST /staff/wechat-binding;
// from then on WeChat login in the mini-program opens their staff session.
import Taro from '@tarojs/taro';
import { ErrorCode, routeRefs, type MeView } from '@jianban/shared';
import { ApiError, call } from '../../services/http';

export const BIND_WECHAT_DONE = '已绑定，以后在小程序里直接用微信登录';

export async function bindOwnWechat(): Promise<MeView> {
  let code: string | undefined;
  try {
    code = (await Taro.login()).code;
  } catch (e) {
    throw new ApiError(ErrorCode.WechatUnavailable, 0, (e as { errMsg?: string } | null)?.errMsg ?? 'wx.login failed');
  }
  if (!code) throw new ApiError(ErrorCode.WechatUnavailable, 0, 'wx.login returned no code');
  return call(routeRefs.bindStaffWechat, { code });
}
