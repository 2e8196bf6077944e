import { useState } from 'react';
import type { RegionHoldView } from '@jianban/shared';
import { PageShell } from '../../../../components/PageShell';
import { Cell, CellGroup } from '../../../../components/Cell';
import { CommunityPicker } from '../../../../components/CommunityPicker';
import { Notice } from '../../../../components/Notice';
import { Button } from '../../../../components/Button';
import { QueryState } from '../../../../components/QueryState';
import { messageFor } from '../../../../features/errors/messages';
import { useRegions } from '../../../../features/family/hooks';
import { instantText } from '../../../../features/booking/format';
import { oldPlaceText, rowsText, useAssignRegionHold, useRegionHolds } from '../../../../features/staff-admin/region-holds';

/**
 * When 荆州区 moved to the official statistical codes, a few old placeholder communities had no certain official
 * counterpart: their families, bookings and the rest wait under a held mark. The district admin picks the official
 * community or village for each, once; everything under it moves in one go.
 */
export default function RegionHoldsPage() {
  const holds = useRegionHolds();
  const regions = useRegions();
  const assign = useAssignRegionHold();
  const [selected, setSelected] = useState<RegionHoldView | null>(null);
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<RegionHoldView | null>(null);

  const all = regions.data?.items ?? [];
  const items = holds.data?.items ?? [];
  const open = items.filter((h) => !h.assigned);
  const assigned = items.filter((h) => h.assigned);

  const choose = (h: RegionHoldView) => {
    setSelected(h);
    setCode('');
    setError(null);
    setDone(null);
  };

  if (selected) {
    const target = all.find((r) => r.code === code);
    const street = target ? all.find((r) => r.code === target.parentCode) : undefined;
    const submit = () => {
      if (!code) {
        setError('请先选一个社区或村');
        return;
      }
      setError(null);
      assign.mutate(
        { heldCode: selected.heldCode, regionCode: code },
        { onSuccess: (v) => { setDone(v); setSelected(null); }, onError: (err) => setError(messageFor(err)) },
      );
    };
    return (
      <PageShell title={`把${oldPlaceText(selected)}归到哪里`} intro="选好正式的社区或村后，下面这些记录会一次搬过去。归入后不能再改，请核对清楚。">
        <Notice title="要搬过去的记录">{rowsText(selected)}（共 {selected.total} 条）</Notice>
        <QueryState query={regions} loading="正在读取社区和街道…" errorTitle="社区和街道没有读出来" />
        <CommunityPicker regions={all} value={code} onChange={setCode} label="归到哪个正式的社区或村" error={error && !code ? error : undefined} />
        {target ? <Notice tone="info" title="将归入">{target.name}{street ? `（${street.name}）` : ''}</Notice> : null}
        {error && code ? <Notice tone="error" title="没有归入">{error}</Notice> : null}
        <Button loading={assign.isPending} onClick={submit}>{target ? `归入${target.name}` : '归入选中的社区'}</Button>
        <Button variant="secondary" onClick={() => setSelected(null)}>返回列表</Button>
      </PageShell>
    );
  }

  return (
    <PageShell title="没对上的旧社区" intro="换成正式区划代码时，这些旧社区没能对上正式的社区，它们名下的记录先放着。请逐个选好应归入的正式社区或村。">
      {done?.assigned ? (
        <Notice tone="success" title="已归入">
          {oldPlaceText(done)}已归入{done.assigned.name}，搬过去 {done.total} 条记录。
        </Notice>
      ) : null}
      <QueryState query={holds} loading="正在读取…" errorTitle="没有读出来" empty={items.length === 0} emptyTitle="没有要处理的旧社区" emptyText="所有旧社区都已对上正式的社区。" />
      {open.length > 0 ? (
        <>
          <Notice>还有 {open.length} 个要处理，点一个开始。</Notice>
          <CellGroup>
            {open.map((h) => (
              <Cell key={h.heldCode} title={oldPlaceText(h)} description={`${rowsText(h)}（共 ${h.total} 条）`} extra="去归入" onClick={() => choose(h)} />
            ))}
          </CellGroup>
        </>
      ) : null}
      {assigned.length > 0 ? (
        <>
          <Notice>已处理的</Notice>
          <CellGroup>
            {assigned.map((h) => (
              <Cell
                key={h.heldCode}
                title={`${oldPlaceText(h)} → ${h.assigned!.name}${h.assigned!.streetName ? `（${h.assigned!.streetName}）` : ''}`}
                description={`${h.assigned!.byName} ${instantText(h.assigned!.at)} 归入，搬过去 ${rowsText(h)}`}
              />
            ))}
          </CellGroup>
        </>
      ) : null}
    </PageShell>
  );
}
