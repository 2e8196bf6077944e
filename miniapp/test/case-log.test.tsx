import { describe, expect, it, jest } from '@jest/globals';
import type { ReactElement } from 'react';
import type { CaseLogEntry, StaffCaseLogEntry } from '@jianban/shared';

jest.mock('@tarojs/components', () => ({ View: 'view', Text: 'text' }));
jest.mock('@tarojs/taro', () => ({ __esModule: true, default: {} }));

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { CaseLog } = require('../src/components/CaseLog') as typeof import('../src/components/CaseLog');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { caseLogLine, isInternal } = require('../src/features/cases/case-log') as typeof import('../src/features/cases/case-log');

type El = ReactElement<{ children?: unknown; role?: string; 'aria-role'?: string; 'aria-label'?: string }>;
const texts = (el: unknown): string[] => {
  if (el === null || el === undefined || el === false) return [];
  if (typeof el === 'string') return [el];
  if (Array.isArray(el)) return el.flatMap(texts);
  return texts((el as El).props.children);
};

const resident: CaseLogEntry[] = [
  { id: '1', action: 'created', actionText: '提交预约', actorName: '居民', actorKind: 'resident', note: null, at: '2026-09-17T01:00:00.000Z' },
  { id: '2', action: 'handed_over', actionText: '转交', actorName: '王芳', actorKind: 'staff', note: '转交给李敏', at: '2026-09-17T02:00:00.000Z' },
];
const staff: StaffCaseLogEntry[] = [
  { ...resident[0], internal: false },
  { ...resident[1], note: '转交给李敏：下午请假', internal: false },
  { id: '3', action: 'note', actionText: '备注', actorName: '李敏', actorKind: 'staff', note: '已电话联系', at: '2026-09-17T03:00:00.000Z', internal: true },
];

describe('<CaseLog>: one component for the resident and the staff page', () => {
  it('lists the resident\'s steps as who: what (note), with the Shanghai time, and no staff-only tag', () => {
    const el = CaseLog({ entries: resident }) as El;
    const rows = el.props.children as El[];
    expect(rows).toHaveLength(2);
    expect(texts(rows[1])).toEqual(['9月17日 周四 10:00', '王芳：转交（转交给李敏）']);
    expect(texts(el).join()).not.toContain('仅工作人员可见');
  });

  it('marks internal steps on the staff page, and only those', () => {
    const rows = (CaseLog({ entries: staff }) as El).props.children as El[];
    expect(rows.map((r) => texts(r).includes('仅工作人员可见'))).toEqual([false, false, true]);
    expect(texts(rows[1])).toContain('王芳：转交（转交给李敏：下午请假）');
  });

  it('is a labelled list of list items', () => {
    const el = CaseLog({ entries: resident, label: '申请的办理记录' }) as El;
    expect(el.props['aria-label']).toBe('申请的办理记录');
    expect([el.props.role, el.props['aria-role']]).toContain('list');
    for (const r of el.props.children as El[]) expect([r.props.role, r.props['aria-role']]).toContain('listitem');
  });

  it('helpers: a resident entry is never internal; the line leaves out an empty note', () => {
    expect(isInternal(resident[1])).toBe(false);
    expect(isInternal(staff[2])).toBe(true);
    expect(caseLogLine(resident[0])).toBe('居民：提交预约');
  });
});
