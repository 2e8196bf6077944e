import { describe, expect, it } from '@jest/globals';
import { changeOwnPasswordInput, createStaffInput } from '@jianban/shared';
import { firstIssuePerField } from '../src/features/staff-admin/form';

describe('staff-account forms show the contract\'s first message next to each field', () => {
  it('maps each field to its first message and leaves out fields the form does not show', () => {
    const r = createStaffInput.safeParse({ username: '1x', displayName: '', role: 'boss', regionCode: '12' });
    expect(r.success).toBe(false);
    const errs = firstIssuePerField(r.success ? [] : r.error.issues, ['username', 'role'] as const);
    expect(Object.keys(errs).sort()).toEqual(['role', 'username']);
    expect(errs.username).toMatch(/^用户名用3到32位/);
  });
  it('keeps only the first message of a field with several problems', () => {
    const issues = [{ path: ['newPassword'], message: '第一' }, { path: ['newPassword'], message: '第二' }, { path: [], message: '整体' }];
    expect(firstIssuePerField(issues, ['newPassword'] as const)).toEqual({ newPassword: '第一' });
    const r = changeOwnPasswordInput.safeParse({ currentPassword: '', newPassword: 'short' });
    expect(firstIssuePerField(r.success ? [] : r.error.issues, ['currentPassword', 'newPassword'] as const)).toEqual({ currentPassword: '请填写现在的密码', newPassword: '新密码至少10位' });
  });
});
