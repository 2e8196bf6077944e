import { describe, expect, it } from '@jest/globals';
import type { FamilyMemberView } from '@jianban/shared';
import { verificationText } from '../src/features/family/verification';
import { faceScanAvailable } from '../src/features/family/verification';

const member = (verification: FamilyMemberView['verification']): FamilyMemberView => ({
  id: 'm1', name: '王建国', idNumberMasked: '421003**********1X', relationship: 'parent', gender: 'male', birthDate: '1939-02-03', age: 87,
  community: { code: '421003003003', name: '梅村社区', level: 'community', parentCode: '421003003' }, createdAt: '2026-12-01T00:00:00.000Z', verification,
});

describe('family member verification, in plain words', () => {
  it('says 已核验 with how, 未核验 with what it means, 已撤销 with how to restore it', () => {
    expect(verificationText(member({ state: 'verified', via: 'household', verifiedAt: '2026-12-01T00:00:00.000Z' }))).toEqual({ label: '已核验', tone: 'ok', explain: '户籍登记在同一户' });
    const todo = verificationText(member({ state: 'unverified', via: null, verifiedAt: null }));
    expect([todo.label, todo.tone]).toEqual(['未核验', 'todo']);
    expect(todo.explain).toContain('预约办事不受影响');
    const stopped = verificationText(member({ state: 'revoked', via: 'invitation', verifiedAt: '2026-12-01T00:00:00.000Z' }));
    expect([stopped.label, stopped.tone]).toEqual(['已撤销', 'stopped']);
    expect(stopped.explain).toContain('社区服务中心');
    for (const t of [todo, stopped]) expect(t.explain).not.toMatch(/[A-Za-z]/);
  });

  it('offers the face scan only inside WeChat (not in the H5 build or tests)', () => {
    expect(faceScanAvailable()).toBe(false);
  });
});
