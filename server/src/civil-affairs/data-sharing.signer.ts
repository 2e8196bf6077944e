import { createHash, createHmac, randomBytes } from 'node:crypto';

// Request signing for the government data-sharing platform (政务数据共享交换平台 style): every call carries the app key,
// a timestamp (unix seconds), a one-time nonce and an HMAC-SHA256 signature over the canonical request
//   METHOD \n PATH \n SORTED-QUERY \n hex(SHA-256(body)) \n TIMESTAMP \n NONCE
// SORTED-QUERY is the query's key=value pairs, both RFC 3986 percent-encoded, sorted by key then value, joined by '&'.
// The platform refuses timestamps more than 300 s off its clock and a nonce it has seen, so every attempt (retries
// included) is signed afresh.

export interface CanonicalInput {
  method: string;
  /** the path exactly as sent, percent-encoded, without the query */
  path: string;
  query?: URLSearchParams;
  /** the exact bytes sent ('' for none) */
  body: string;
  timestamp: string;
  nonce: string;
}

export interface SignedHeaders {
  'x-app-key': string;
  'x-timestamp': string;
  'x-nonce': string;
  'x-signature': string;
}

const rfc3986 = (s: string): string =>
  encodeURIComponent(s).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());

export function sortedQuery(query: URLSearchParams | undefined): string {
  if (!query) return '';
  return [...query]
    .map(([k, v]) => [rfc3986(k), rfc3986(v)] as const)
    .sort(([ak, av], [bk, bv]) => (ak < bk ? -1 : ak > bk ? 1 : av < bv ? -1 : av > bv ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
}

export function canonicalRequest(r: CanonicalInput): string {
  const bodyHash = createHash('sha256').update(r.body, 'utf8').digest('hex');
  return [r.method.toUpperCase(), r.path, sortedQuery(r.query), bodyHash, r.timestamp, r.nonce].join('\n');
}

export class DataSharingSigner {
  constructor(
    private readonly appKey: string,
    private readonly appSecret: string,
    private readonly nowMs: () => number = Date.now,
  ) {}

  sign(r: { method: string; path: string; query?: URLSearchParams; body: string }): SignedHeaders {
    const timestamp = String(Math.floor(this.nowMs() / 1000));
    const nonce = randomBytes(16).toString('base64url'); // 22 characters
    const signature = createHmac('sha256', this.appSecret).update(canonicalRequest({ ...r, timestamp, nonce }), 'utf8').digest('base64');
    return { 'x-app-key': this.appKey, 'x-timestamp': timestamp, 'x-nonce': nonce, 'x-signature': signature };
  }
}
