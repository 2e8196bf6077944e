import { describe, expect, it } from '@jest/globals';
import { jsonReply, shareJson } from './json-once';

describe('jsonReply', () => {
  it('serializes any payload exactly as JSON.stringify does', () => {
    const payloads = [{ a: 1, b: ['健在证明', null], c: { d: true } }, [1, 'x'], null, 'text', 3];
    for (const p of payloads) expect(jsonReply(p)).toBe(JSON.stringify(p));
  });

  it('builds the JSON of a shared answer once and reuses it', () => {
    const answer = shareJson({ query: 'jzzm', results: [{ code: 'NI-10' }] });
    const first = jsonReply(answer);
    expect(first).toBe(JSON.stringify(answer));
    expect(jsonReply(answer)).toBe(first);
    // shared answers are never mutated; this shows the reuse is real, not a fresh stringify
    answer.results[0].code = 'changed';
    expect(jsonReply(answer)).toBe(first);
  });

  it('does not keep the JSON of payloads that were not shared', () => {
    const view = { n: 1 };
    expect(jsonReply(view)).toBe('{"n":1}');
    view.n = 2;
    expect(jsonReply(view)).toBe('{"n":2}');
  });
});
