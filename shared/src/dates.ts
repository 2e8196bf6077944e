// all civil dates in the product are Asia/Shanghai (UTC+8, no daylight saving)
export function shanghaiDate(at: Date): string {
  const t = new Date(at.getTime() + 8 * 3600_000);
  return t.toISOString().slice(0, 10);
}
