import { ID_NUMBER_PATTERN, PHONE_PATTERN, maskIdNumber, maskPhone } from '@jianban/shared';

// keys whose values never reach a log, whatever they hold
export const SECRET_KEYS = new Set([
  'password', 'token', 'refreshtoken', 'authorization', 'session_key', 'sessionkey', 'access_token',
  'accesstoken', 'secret', 'appsecret', 'openid', 'unionid', 'idnumber', 'id_number', 'js_code', 'cookie',
]);

export function scrubString(s: string): string {
  return s
    .replace(ID_NUMBER_PATTERN, (m) => maskIdNumber(m))
    .replace(PHONE_PATTERN, (m) => maskPhone(m))
    .replace(/(access_token|js_code|secret|session_key|token)=([^&\s"]+)/gi, '$1=***');
}

export function scrub(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return scrubString(value);
  if (value === null || typeof value !== 'object') return value;
  if (depth > 6) return '[depth limit]';
  if (value instanceof Error) return { type: value.name, message: scrubString(value.message), stack: value.stack && scrubString(value.stack) };
  if (Array.isArray(value)) return value.map((v) => scrub(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    out[k] = SECRET_KEYS.has(k.toLowerCase()) ? '***' : scrub(v, depth + 1);
  }
  return out;
}
