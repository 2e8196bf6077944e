// G4 log hygiene: every log the test suite wrote must hold no ID number, phone number, bank account (a bank card,
// 一卡通 or 社保卡 financial account: 16–19 digits, written whole or in groups of four), session_key, token or openid.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const RULES = [
  ['ID number', /(?<![0-9])[1-9]\d{5}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx](?![0-9])/],
  ['mobile number', /(?<![0-9])1[3-9]\d{9}(?![0-9])/],
  // not inside a hex string or a UUID (their digit runs are no account)
  ['bank account', /(?<![0-9A-Za-z-])(?:\d{16,19}|\d{4}(?: \d{4}){3}(?: \d{1,3})?)(?![0-9A-Za-z-])/],
  ['session_key', /session_key"?\s*[:=]\s*"?(?!\*\*\*)[A-Za-z0-9+/=]{8,}/],
  ['bearer token', /Bearer\s+[A-Za-z0-9_-]{20,}/],
  ['openid', /"(?:openid|touser)"\s*:\s*"o[A-Za-z0-9_-]{20,}"/],
  ['access_token', /access_token=(?!\*\*\*)[A-Za-z0-9_-]{16,}/],
];

export function scanText(text) {
  const hits = [];
  text.split('\n').forEach((line, i) => {
    for (const [name, re] of RULES) if (re.test(line)) hits.push({ rule: name, line: i + 1, excerpt: line.slice(0, 160) });
  });
  return hits;
}

export function scanDir(dir) {
  let files = [];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith('.log')).map((f) => join(dir, f));
  } catch {
    return { files: 0, lines: 0, hits: [] };
  }
  let lines = 0;
  const hits = [];
  for (const f of files) {
    if (!statSync(f).isFile()) continue;
    const text = readFileSync(f, 'utf8');
    lines += text.split('\n').filter(Boolean).length;
    for (const h of scanText(text)) hits.push({ file: f, ...h });
  }
  return { files: files.length, lines, hits };
}

// the scanner must itself be able to fail: it has to flag these planted lines
export function selfCheck() {
  const planted = ['{"msg":"id 42100319400315001X"}', '{"phone":"13812345678"}', '{"account":"6217000012345678901"}', '{"msg":"卡号 6228 4800 1234 5678 019"}', '{"session_key":"abcdEFGH1234=="}', 'Authorization: Bearer abcdefghijklmnopqrstuvwxyz', '{"openid":"oAbCdEfGhIjKlMnOpQrStUvWxYz0"}'];
  return planted.every((line) => scanText(line).length > 0) && scanText('{"region":"421003003003","masked":"421003**********1X","accountLast4":"8901","account":"尾号8901","at":1796630400000,"id":"5266fc96-0009-1000-8000-0007ffffffe2","hash":"ab12345678901234567890cd"}').length === 0;
}
