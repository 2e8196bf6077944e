// One JSON request to an external HTTP API with a deadline. Never throws: a timeout or a network error (refused, reset,
// lost reply) comes back as `failed`; any answer comes back with its status and its body parsed as JSON (null when the
// body is not JSON, e.g. an HTML error page). Callers decide what a status or a body means and what to log.
export type HttpJsonResult = { status: number; json: Record<string, unknown> | null } | { failed: 'timeout' | 'network' };

export async function requestJson(url: string, o: { method: 'GET' | 'POST'; body?: unknown; timeoutMs: number }): Promise<HttpJsonResult> {
  try {
    const res = await fetch(url, {
      method: o.method,
      ...(o.body === undefined ? {} : { body: JSON.stringify(o.body), headers: { 'content-type': 'application/json' } }),
      signal: AbortSignal.timeout(o.timeoutMs),
    });
    const text = await res.text();
    return { status: res.status, json: parseObject(text) };
  } catch (err) {
    return { failed: (err as Error).name === 'TimeoutError' ? 'timeout' : 'network' };
  }
}

function parseObject(text: string): Record<string, unknown> | null {
  try {
    const v: unknown = JSON.parse(text);
    return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
