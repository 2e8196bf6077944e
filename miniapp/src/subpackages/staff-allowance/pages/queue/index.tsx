import Taro, { useDidShow } from '@tarojs/taro';
import { useState } from 'react';
import { PageShell } from '../../../../components/PageShell';
import { Notice } from '../../../../components/Notice';
import { Button } from '../../../../components/Button';
import { Tabs } from '../../../../components/Tabs';
import { QueryState } from '../../../../components/QueryState';
import { useStaffCommunity } from '../../../../features/booking/staff-community';
import { ChangeCommunity, StaffCommunityPicker } from '../../../../features/booking/StaffCommunityPicker';
import { pager } from '../../../../features/staff/paging';
import { useStaffAllowanceQueue, type StaffQueueView } from '../../../../features/allowance/hooks';
import { StaffRows } from '../../../../features/allowance/components/StaffRows';
import { PrintPublicity } from '../../../../features/allowance/components/PrintPublicity';

const TABS: { value: Exclude<StaffQueueView, 'all'>; label: string }[] = [
  { value: 'waiting', label: '等我处理' },
  { value: 'mine', label: '我负责的' },
  { value: 'publicity', label: '公示中' },
  { value: 'objections', label: '有异议' },
];
const INTRO: Record<Exclude<StaffQueueView, 'all'>, string> = {
  waiting: '自动核对已通过、等社区初审的申请。打开后点“接手初审”，您就是负责人。',
  mine: '您接手的申请，办完之前都在这里。',
  publicity: '正在公示7天的申请。公示结束后自动交街道审核。',
  objections: '公示期间有人提出异议、还没有核实的申请。',
};
const EMPTY: Record<Exclude<StaffQueueView, 'all'>, string> = {
  waiting: '现在没有等初审的申请。',
  mine: '您手上没有没办完的申请。',
  publicity: '现在没有正在公示的申请。',
  objections: '没有待核实的异议。',
};

/** the community's allowance desk: 等我处理 / 我负责的 / 公示中 / 有异议 */
export default function StaffAllowanceQueuePage() {
  const { community, choices, loading, pick, isStaff } = useStaffCommunity();
  const asked = Taro.getCurrentInstance().router?.params?.view;
  const [view, setView] = useState<Exclude<StaffQueueView, 'all'>>(TABS.find((t) => t.value === asked)?.value ?? 'waiting');
  const [page, setPage] = useState(1);
  const list = useStaffAllowanceQueue(community?.code ?? null, view, page);
  useDidShow(() => {
    if (community) void list.refetch();
  });
  const title = '高龄津贴申请';
  if (!isStaff) return <PageShell title={title}><Notice tone="error" title="只有工作人员能看">请先用“工作人员登录”。</Notice></PageShell>;
  if (!community) return <PageShell title={title}><StaffCommunityPicker choices={choices} loading={loading} onPick={pick} /></PageShell>;
  const data = list.data && !list.isPlaceholderData ? list.data : undefined;
  const pages = data ? pager(data.total, data.page, data.pageSize, data.items.length) : null;
  return (
    <PageShell title={`${title} · ${community.name}`} intro={INTRO[view]}>
      <Tabs label="看哪些申请" options={TABS} value={view} onChange={(v) => { setView(v); setPage(1); }} />
      {list.isPlaceholderData ? <Notice>正在读取申请…</Notice> : null}
      <QueryState query={list} loading="正在读取申请…" errorTitle="申请没有读出来" empty={data?.total === 0} emptyTitle={EMPTY[view]} />
      {data && pages && data.total > 0 ? (
        <>
          <Notice>{pages.pages > 1 ? `共 ${data.total} 份，这是第 ${pages.from}–${pages.to} 份` : `共 ${data.total} 份`}</Notice>
          <StaffRows items={data.items} />
          {pages.hasNext ? <Button loading={list.isFetching} onClick={() => setPage(data.page + 1)}>下一页</Button> : null}
          {pages.hasPrev ? <Button variant="secondary" disabled={list.isFetching} onClick={() => setPage(data.page - 1)}>上一页</Button> : null}
        </>
      ) : null}
      {view === 'publicity' ? <PrintPublicity code={community.code} name={community.name} /> : null}
      <ChangeCommunity show={choices.length > 1} onChange={() => pick(null)} />
    </PageShell>
  );
}
