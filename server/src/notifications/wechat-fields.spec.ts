import { beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { backoffMs, decide } from './dispatch-policy';
import { buildMessage, EVENT_TEMPLATES } from './template-registry';
import { DEV_TEMPLATE_IDS } from './notifications.config';
import { formatField, isValidField, type FieldType } from './wechat-fields';

// the local WeChat peer's own validator is the independent oracle: what it accepts, WeChat's documented limits accept
let peerValid: (type: string, v: unknown) => boolean;
beforeAll(async () => {
  // @ts-expect-error the peer is plain JavaScript
  peerValid = ((await import('../../../scripts/wechat-peer/peer.mjs')) as { isValidFieldValue: typeof peerValid }).isValidFieldValue;
});

const anyText = fc.oneof(fc.string({ maxLength: 80 }), fc.string({ unit: 'grapheme', maxLength: 60 }), fc.string({ unit: 'binary', maxLength: 60 }), fc.constantFrom('王建国', '欧阳·娜娜', 'John Smith', '已确认', '  ', '\n\t', '😀😀😀'));
const textTypes: FieldType[] = ['thing', 'phrase', 'character_string', 'name', 'number'];

describe('field formatting for subscribe messages', () => {
  it.each(textTypes)('%s: any text becomes a value WeChat accepts, or null (never a 47003)', (type) => {
    fc.assert(
      fc.property(anyText, (s) => {
        const out = formatField(type, s);
        if (out === null) return;
        expect(isValidField(type, out)).toBe(true);
        expect(peerValid(type, out)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('thing keeps the first characters and marks the cut; short values stay as they are', () => {
    expect(formatField('thing', '高龄津贴办理')).toBe('高龄津贴办理');
    const long = '一'.repeat(30);
    const out = formatField('thing', long)!;
    expect([...out]).toHaveLength(20);
    expect(out.endsWith('…')).toBe(true);
    expect(formatField('thing', '第一行\n第二行')).toBe('第一行 第二行');
  });

  it('never splits a surrogate pair', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', minLength: 21, maxLength: 60 }), (s) => {
        const out = formatField('thing', s);
        if (out !== null) expect(out).toBe(Buffer.from(out, 'utf8').toString('utf8'));
        if (out !== null) expect(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/.test(out)).toBe(false);
      }),
    );
  });

  it('phrase is at most five Chinese characters; name keeps Chinese names and cuts at ten', () => {
    expect(formatField('phrase', '已确认')).toBe('已确认');
    expect(formatField('phrase', '审核已经全部通过了')).toBe('审核已经全');
    expect(formatField('phrase', 'OK')).toBeNull();
    expect(formatField('name', '欧阳·娜娜')).toBe('欧阳·娜娜');
    expect(formatField('name', '王建国123')).toBe('王建国');
    expect([...formatField('name', '阿卜杜勒·阿齐兹·买买提江·艾力')!].length).toBeLessThanOrEqual(10);
    expect(formatField('name', '123')).toBeNull();
    expect(formatField('name', '123', '居民')).toBe('居民');
  });

  it('character_string drops Chinese and keeps at most 32 printable ASCII characters', () => {
    expect(formatField('character_string', 'JB-2026-预约-0001')).toBe('JB-2026--0001');
    expect(formatField('character_string', 'x'.repeat(40))).toHaveLength(32);
  });

  it('instants and amounts are formatted for time, date and amount fields (Asia/Shanghai)', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }), (d) => {
        for (const type of ['time', 'date', 'thing'] as const) {
          const out = formatField(type, { instant: d.toISOString() });
          expect(out).not.toBeNull();
          expect(peerValid(type, out)).toBe(true);
        }
      }),
    );
    fc.assert(
      fc.property(fc.double({ min: 0, max: 9_999_999_999, noNaN: true }), (yuan) => {
        const out = formatField('amount', { yuan });
        expect(out).not.toBeNull();
        expect(peerValid('amount', out)).toBe(true);
      }),
    );
    expect(formatField('time', { instant: '2026-12-01T01:30:00.000Z' })).toBe('2026年12月1日 09:30');
    expect(formatField('amount', { yuan: 1200 })).toBe('1200元');
    expect(formatField('amount', { yuan: 99.5 })).toBe('99.5元');
    expect(formatField('amount', { yuan: -1 })).toBeNull();
    expect(formatField('amount', { yuan: 1e11 })).toBeNull();
  });

  it('every event type with a template builds a message the peer accepts, whatever text the modules put in', () => {
    const texts = fc.record({
      serviceName: anyText, personName: anyText, place: anyText, reason: fc.option(anyText, { nil: undefined }),
      startsAt: fc.date({ min: new Date('2020-01-01'), max: new Date('2040-01-01'), noInvalidDate: true }).map((d) => d.toISOString()),
      amountYuan: fc.integer({ min: 0, max: 100000 }), period: fc.option(anyText, { nil: undefined }),
    });
    fc.assert(
      fc.property(fc.constantFrom(...Object.keys(EVENT_TEMPLATES)), texts, (type, data) => {
        const built = buildMessage(type as keyof typeof EVENT_TEMPLATES, data, DEV_TEMPLATE_IDS);
        if (built.kind === 'no_template') return;
        // a value that cannot be shortened into its field falls back to a fixed text: never invalid for these types
        expect(built.kind).toBe('ok');
        if (built.kind !== 'ok') return;
        for (const [key, { value }] of Object.entries(built.data)) expect(peerValid(key.replace(/\d+$/, ''), value)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});

describe('retry policy', () => {
  it('backoff grows exponentially within [ceiling/2, ceiling] and never exceeds the maximum', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 60 }), fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }), (attempt, r) => {
        const ceiling = Math.min(60_000, 1000 * 2 ** (attempt - 1));
        const d = backoffMs(attempt, 1000, 60_000, () => r);
        expect(d).toBeGreaterThanOrEqual(Math.floor(ceiling / 2));
        expect(d).toBeLessThanOrEqual(ceiling);
      }),
    );
    expect(backoffMs(1, 1000, 60_000, () => 1)).toBe(1000);
    expect(backoffMs(3, 1000, 60_000, () => 1)).toBe(4000);
    expect(backoffMs(30, 1000, 60_000, () => 0)).toBe(30_000);
  });

  it('decides per errcode: no retry for 43101/47003/40037, retry for transient ones, dead after the last attempt', () => {
    const o = { maxAttempts: 3, baseMs: 10, maxMs: 100, random: () => 0.5 };
    const ans = (errcode: number) => ({ kind: 'answer' as const, errcode, errmsg: '' });
    expect(decide(ans(0), 1, o).state).toBe('sent');
    expect(decide(ans(43101), 1, o)).toMatchObject({ state: 'needs_resubscribe', clearCredits: true, refund: false });
    expect(decide(ans(47003), 1, o)).toMatchObject({ state: 'invalid', refund: true, loud: true });
    expect(decide(ans(40037), 1, o)).toMatchObject({ state: 'bad_template', refund: true });
    for (const r of [ans(45009), ans(-1), ans(40001), { kind: 'no_answer' as const, reason: 'timeout' }]) {
      expect(decide(r, 1, o).state).toBe('retry');
      expect(decide(r, 3, o)).toMatchObject({ state: 'dead', refund: true });
    }
  });
});
