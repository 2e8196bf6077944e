export type CodeExchange =
  | { kind: 'ok'; openId: string; unionId?: string }
  | { kind: 'invalid-code' }
  | { kind: 'rate-limited' }
  | { kind: 'unavailable'; reason: string };

export abstract class WechatAuthPort {
  abstract exchangeCode(code: string): Promise<CodeExchange>;
  // the development-only login code lives on DevLoginCodes (./dev-login-codes.ts), never wired in production
}
