// the WeChat server API calls the notifications module makes; the class doubles as the DI token

export interface SubscribeMessage {
  touser: string;
  templateId: string;
  page?: string;
  data: Record<string, { value: string }>;
  miniprogramState: 'developer' | 'trial' | 'formal';
}

// what came back: a WeChat answer (errcode 0 = delivered), or no answer at all
export type WechatReply = { kind: 'answer'; errcode: number; errmsg: string } | { kind: 'no_answer'; reason: string };

export type StableTokenReply =
  | { kind: 'token'; accessToken: string; expiresInSeconds: number }
  | { kind: 'refused'; errcode: number; errmsg: string }
  | { kind: 'no_answer'; reason: string };

// wxacode.getUnlimited (获取不限制的小程序码): scene ≤ 32 characters, page without a leading "/" or parameters
export interface UnlimitedCodeRequest {
  scene: string;
  page: string;
  width: number;
  envVersion: 'release' | 'trial' | 'develop';
}
export type UnlimitedCodeReply =
  | { kind: 'image'; bytes: Buffer; contentType: 'image/png' | 'image/jpeg' }
  | { kind: 'refused'; errcode: number; errmsg: string }
  | { kind: 'no_answer'; reason: string };

export abstract class WechatMessagePort {
  abstract sendSubscribeMessage(accessToken: string, message: SubscribeMessage): Promise<WechatReply>;
  abstract stableToken(forceRefresh: boolean): Promise<StableTokenReply>;
  abstract unlimitedCode(accessToken: string, request: UnlimitedCodeRequest): Promise<UnlimitedCodeReply>;
  // the development-only template registration lives on PeerTemplates (./peer-templates.ts), never wired in production
}
