export type CodeExchange =
  | { kind: 'ok'; openId: string; unionId?: string }
  | { kind: 'invalid-code' }
  | { kind: 'rate-limited' }
  | { kind: 'unavailable'; reason: string };

export abstract class WechatAuthPort {
  abstract exchangeCode(code: string): Promise<CodeExchange>;
  // development and test only: asks the local WeChat peer for a login code
  abstract mintDevCode(user?: string): Promise<string | null>;
}
