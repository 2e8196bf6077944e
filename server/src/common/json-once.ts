// answers that are shared between requests and never mutated (e.g. a cached catalog search answer) are serialized
// once: the app's reply serializer (jsonReply) keeps their JSON. Any other payload is serialized as fastify's default
// would (JSON.stringify; no route here has a response schema), at the cost of one WeakMap miss.
const shared = new WeakMap<object, string | null>();

export function shareJson<T extends object>(value: T): T {
  if (!shared.has(value)) shared.set(value, null);
  return value;
}

export function jsonReply(payload: unknown): string {
  if (typeof payload !== 'object' || payload === null) return JSON.stringify(payload);
  const known = shared.get(payload);
  if (known) return known;
  const json = JSON.stringify(payload);
  if (known === null) shared.set(payload, json);
  return json;
}
