// held placeholder region codes: the district admin assigns each one to an official community once
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { routeRefs, type RegionHoldView } from '@jianban/shared';
import { call } from '../../services/http';
import { useMeId } from '../../services/session';

const key = (meId: string) => ['region-holds', meId] as const;

export function useRegionHolds() {
  const meId = useMeId();
  return useQuery({ queryKey: key(meId), queryFn: () => call(routeRefs.listRegionHolds, {}), enabled: !!meId });
}

export function useAssignRegionHold() {
  const qc = useQueryClient();
  const meId = useMeId();
  return useMutation({
    mutationFn: ({ heldCode, regionCode }: { heldCode: string; regionCode: string }) => call(routeRefs.assignRegionHold, { regionCode }, { heldCode }),
    onSettled: () => qc.invalidateQueries({ queryKey: key(meId) }),
  });
}

/** "家人 2 条、预约 1 条" — what waits under a held code (or moved with it) */
export function rowsText(h: Pick<RegionHoldView, 'rows'>): string {
  return h.rows.length ? h.rows.map((r) => `${r.label} ${r.count} 条`).join('、') : '没有记录';
}

/** the old place as it was named: 荆南社区（原城南街道） */
export function oldPlaceText(h: Pick<RegionHoldView, 'oldName' | 'oldParentName'>): string {
  const name = h.oldName ?? '名字没有记下的旧社区';
  return h.oldParentName ? `${name}（原${h.oldParentName}）` : name;
}
