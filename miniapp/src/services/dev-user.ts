// H5 development login: ?devUser=alice picks a stable test user (the WeChat peer maps it to a fixed openid).
// Looks in the query before the hash and in the hash route's own query (#/pages/me/index?devUser=alice).
const DEV_USER = /^[a-z0-9_-]{1,32}$/;

export function devUserFromUrl(href: string): string | undefined {
  const hashAt = href.indexOf('#');
  const beforeHash = hashAt >= 0 ? href.slice(0, hashAt) : href;
  const hash = hashAt >= 0 ? href.slice(hashAt + 1) : '';
  for (const part of [beforeHash, hash]) {
    const q = part.indexOf('?');
    if (q < 0) continue;
    for (const pair of part.slice(q + 1).split('&')) {
      const [k, v = ''] = pair.split('=');
      if (k === 'devUser') {
        const value = decodeURIComponent(v);
        if (DEV_USER.test(value)) return value;
      }
    }
  }
  return undefined;
}
