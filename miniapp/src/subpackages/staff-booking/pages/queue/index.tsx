import Taro, { useDidShow } from '@tarojs/taro';
import { useState } from 'react';
import { isoWeekday, shanghaiDate, type StaffQueueView } from '@jianban/shared';
import { PageShell } from '../../../../components/PageShell';
import { Notice } from '../../../../components/Notice';
import { Button } from '../../../../components/Button';
import { Cell, CellGroup } from '../../../../components/Cell';
import { Tabs } from '../../../../components/Tabs';
import { QueryState } from '../../../../components/QueryState';
import { useStaffQueue } from '../../../../features/booking/hooks';
import { dayLabel, slotTime } from '../../../../features/booking/format';
import { queueCaseText, QUEUE_TABS, QUEUE_TITLE } from '../../../../features/booking/staff';
import { useSession } from '../../../../services/session';
import { useStaffCommunity } from '../../../../features/booking/staff-community';
import { ChangeCommunity, StaffCommunityPicker } from '../../../../features/booking/StaffCommunityPicker';
import { pageUrl, STAFF_DETAIL_PAGE } from '../../../../features/booking/pages';
import { pager } from '../../../../features/staff/paging';

const INTRO: Record<StaffQueueView, string> = {
  pending: '不管约在哪一天，还没确认的预约都在这里，按日子和时间排。',
  mine: '您确认过的预约和同事转给您的预约，办完之前都在这里，按日子和时间排。',
};
const EMPTY: Record<StaffQueueView, { title: string; text: string }> = {
  pending: { title: '没有待确认的预约', text: '居民新约的预约会出现在这里，不管约的是哪一天。' },
  mine: { title: '您手上没有没办完的预约', text: '您确认过的预约和同事转给您的预约，办完之前都在这里。' },
};

/** the staff queue across days: 待确认 (every unconfirmed booking of the community) and 我负责的 (mine, incl. 转给我的) */
export default function StaffQueuePage() {
  const { me } = useSession();
  const { community, choices, loading, pick, isStaff } = useStaffCommunity();
  const asked = Taro.getCurrentInstance().router?.params?.view;
  const [view, setView] = useState<StaffQueueView>(asked === 'mine' ? 'mine' : 'pending');
  const [page, setPage] = useState(1);
  const list = useStaffQueue(community?.code ?? null, view, page);
  useDidShow(() => {
    if (community) void list.refetch();
  });
  const title = QUEUE_TITLE[view];
  if (!isStaff) return <PageShell title={title}><Notice tone="error" title="只有工作人员能看">请先用“工作人员登录”。</Notice></PageShell>;
  if (!community) return <PageShell title={title}><StaffCommunityPicker choices={choices} loading={loading} onPick={pick} /></PageShell>;
  const today = shanghaiDate(new Date());
  // while another tab or page loads, the previous one stays on screen (placeholder) but is not counted as this one
  const data = list.data && !list.isPlaceholderData ? list.data : undefined;
  const pagerView = data ? pager(data.total, data.page, data.pageSize, data.items.length) : null;
  return (
    <PageShell title={`${title} · ${community.name}`} intro={INTRO[view]}>
      <Tabs
        label="看哪些预约"
        options={QUEUE_TABS}
        value={view}
        onChange={(v) => {
          setView(v);
          setPage(1);
        }}
      />
      {list.isPlaceholderData ? <Notice>正在读取预约…</Notice> : null}
      <QueryState query={list} loading="正在读取预约…" errorTitle="预约没有读出来" empty={data?.total === 0} emptyTitle={EMPTY[view].title} emptyText={EMPTY[view].text} />
      {data && pagerView && data.total > 0 ? (
        <>
          <Notice>{pagerView.pages > 1 ? `共 ${data.total} 个，这是第 ${pagerView.from}–${pagerView.to} 个` : `共 ${data.total} 个`}</Notice>
          <CellGroup>
            {data.items.map((b) => (
              <Cell
                key={b.id}
                title={`${dayLabel({ date: b.date, weekday: isoWeekday(b.date) }, today)} ${slotTime(b)}`}
                description={[b.personName, b.serviceItem.name, queueCaseText(b, me?.kind === 'staff' ? me.displayName : undefined)].filter(Boolean).join(' · ')}
                extra={b.statusText}
                onClick={() => void Taro.navigateTo({ url: pageUrl(STAFF_DETAIL_PAGE, { id: b.id }) })}
              />
            ))}
          </CellGroup>
          {pagerView.hasNext ? <Button loading={list.isFetching} onClick={() => setPage(data.page + 1)}>下一页</Button> : null}
          {pagerView.hasPrev ? <Button variant="secondary" disabled={list.isFetching} onClick={() => setPage(data.page - 1)}>上一页</Button> : null}
        </>
      ) : null}
      <ChangeCommunity show={choices.length > 1} onChange={() => pick(null)} />
    </PageShell>
  );
}
