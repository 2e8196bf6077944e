// other places' items the district has not adopted (issue 14): the staff list and the district admin's 采用. Its own
// file (not hooks.ts, which the home page imports) so that only the staff catalog subpackage carries it.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { routeRefs } from '@jianban/shared';
import { call } from '../../services/http';
import { catalogKeys } from './keys';

export const ADOPT_NOTE = '区管理员采用：荆州区也这样办';
export const UNADOPT_NOTE = '区管理员不再采用：荆州区不这样办';

/** an item for its staff edit page: also another place's item residents do not see (the public route answers 404 for it) */
export function useStaffCatalogItem(code: string) {
  return useQuery({ queryKey: [...catalogKeys.content, 'staff-item', code], queryFn: () => call(routeRefs.staffCatalogItem, {}, { itemCode: code }), enabled: !!code });
}

export function useNotAdoptedItems() {
  return useQuery({ queryKey: [...catalogKeys.content, 'not-adopted'], queryFn: () => call(routeRefs.notAdoptedItems, {}) });
}

export function useAdoptItem() {
  const qc = useQueryClient();
  return useMutation({
    // adopt (default) or, with adopt: false, 不再采用: the same versioned edit
    mutationFn: (i: { code: string; version: number; adopt?: boolean }) => {
      const adopt = i.adopt ?? true;
      return call(routeRefs.updateCatalogItem, { baseVersion: i.version, changes: { adoptedByDistrict: adopt }, changeNote: adopt ? ADOPT_NOTE : UNADOPT_NOTE }, { itemCode: i.code });
    },
    // the adopted item shows in every list, search and item page of this app at once
    onSuccess: () => qc.invalidateQueries({ queryKey: catalogKeys.content }),
  });
}
