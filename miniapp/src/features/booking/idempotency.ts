// one idempotency key per confirm screen: made when the screen opens, reused for every retry of its 确认预约 tap,
// so a double tap or a retry after a lost answer makes one booking. A new screen (a new booking) gets a new key.

type RandomBytes = (n: number) => Uint8Array;

function defaultRandomBytes(n: number): Uint8Array {
  const out = new Uint8Array(n);
  const c = (globalThis as { crypto?: { getRandomValues?: (a: Uint8Array) => Uint8Array } }).crypto;
  if (c?.getRandomValues) return c.getRandomValues(out);
  // WeChat has no crypto global here; Math.random is enough for a key that only has to be unique per account
  for (let i = 0; i < n; i += 1) out[i] = Math.floor(Math.random() * 256);
  return out;
}

/** an RFC 4122 version-4 uuid */
export function newIdempotencyKey(random: RandomBytes = defaultRandomBytes): string {
  const b = random(16);
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const hex = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** the key of one screen: the same on every call until `renew` (used after the booking is made) */
export function createKeyHolder(make: () => string = () => newIdempotencyKey()) {
  let key = make();
  return {
    current: () => key,
    renew: () => {
      key = make();
      return key;
    },
  };
}
