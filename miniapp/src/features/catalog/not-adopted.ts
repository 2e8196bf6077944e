// other places' items the district has not adopted (issue 14): the staff list and the district admin's 采用. Its own
// file (not hooks.ts, which the home page imports) so that only the staff catalog subpackage carries it.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { routeRefs } from '@jianban/shared';
import { call } from '../../services/http';
import { catalogKeys } from './keys';

export const ADOPT_NOTE = '区管理员采用：荆州区也这样办';

export function useNotAdoptedItems() {
  return useQuery({ queryKey: [...catalogKeys.content, 'not-adopted'], queryFn: () => call(routeRefs.notAdoptedItems, {}) });
}

export function useAdoptItem() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (i: { code: string; version: number }) => call(routeRefs.updateCatalogItem, { baseVersion: i.version, changes: { adoptedByDistrict: true }, changeNote: ADOPT_NOTE }, { itemCode: i.code }),
    // the adopted item shows in every list, search and item page of this app at once
    onSuccess: () => qc.invalidateQueries({ queryKey: catalogKeys.content }),
  });
}
