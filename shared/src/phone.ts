export const PHONE_PATTERN = /(?<![0-9])1[3-9]\d{9}(?![0-9])/g;

export function maskPhone(raw: string): string {
  const v = raw.replace(/\s+/g, '');
  if (v.length < 7) return '*'.repeat(v.length);
  return v.slice(0, 3) + '****' + v.slice(-4);
}
