// a department's history on the district admin's directory page (staff-catalog subpackage only)
import { useQuery } from '@tanstack/react-query';
import { routeRefs, type DepartmentChangeView } from '@jianban/shared';
import { call } from '../../services/http';

export function useDepartmentHistory(code: string, version: number, enabled: boolean) {
  // keyed by the version shown: a save refreshes the list, and with it the history
  return useQuery({ queryKey: ['catalog', 'departments', code, 'history', version], queryFn: () => call(routeRefs.departmentHistory, {}, { deptCode: code }), enabled });
}

const shown = (v: string | null, empty: string) => (v === null || v === '' ? empty : `“${v}”`);

/** 电话：空 → “0716-…”; an old version whose earlier values were not recorded says only what it set */
export function changeText(c: DepartmentChangeView, fromKnown: boolean): string {
  if (c.field === 'checked') return c.to ? `核对：${c.to}` : `核对：取消（原为${c.from ?? '未核对'}）`;
  return fromKnown ? `${c.label}：${shown(c.from, '空')} → ${shown(c.to, '空')}` : `${c.label}：改为${shown(c.to, '空')}`;
}
