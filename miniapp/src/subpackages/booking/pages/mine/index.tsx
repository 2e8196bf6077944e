import Taro, { useDidShow } from '@tarojs/taro';
import { useState } from 'react';
import type { BookingView } from '@jianban/shared';
import { PageShell, Section } from '../../../../components/PageShell';
import { Notice } from '../../../../components/Notice';
import { Button } from '../../../../components/Button';
import { Cell, CellGroup } from '../../../../components/Cell';
import { useSession } from '../../../../services/session';
import { messageFor } from '../../../../features/errors/messages';
import { useMyBookings } from '../../../../features/booking/hooks';
import { instantText } from '../../../../features/booking/format';
import { BOOKING_PASS_PAGE, BOOKING_START_PAGE, pageUrl } from '../../../../features/booking/pages';
import { pager } from '../../../../features/staff/paging';

function BookingCell({ b }: { b: BookingView }) {
  return (
    <Cell
      title={`${b.serviceItem.name}`}
      description={`${b.personName} · ${instantText(b.startsAt)} · ${b.communityName}`}
      extra={b.statusText}
      onClick={() => void Taro.navigateTo({ url: pageUrl(BOOKING_PASS_PAGE, { id: b.id }) })}
    />
  );
}

export default function MyBookingsPage() {
  const { status, me } = useSession();
  const active = useMyBookings('active', 1);
  const [pastPage, setPastPage] = useState(1);
  const past = useMyBookings('past', pastPage);
  useDidShow(() => {
    void active.refetch();
    void past.refetch();
  });

  if (status === 'loading') return <PageShell title="我的预约"><Notice>正在登录…</Notice></PageShell>;
  if (me?.kind !== 'resident') {
    return (
      <PageShell title="我的预约">
        <Notice tone="error" title="请先用微信登录">登录后才能看自己的预约。</Notice>
      </PageShell>
    );
  }
  const pastView = past.data ? pager(past.data.total, past.data.page, past.data.pageSize, past.data.items.length) : null;
  return (
    <PageShell title="我的预约" intro="点一个预约，可以看预约码、负责人，也可以取消或改时间。">
      <Section title="还没办的">
        {active.isPending ? <Notice>正在读取…</Notice> : null}
        {active.isError ? <Notice tone="error" title="没有读出来">{messageFor(active.error)}</Notice> : null}
        {active.data && active.data.items.length === 0 ? <Notice>现在没有要去办的预约。</Notice> : null}
        {active.data && active.data.items.length > 0 ? (
          <CellGroup>
            {active.data.items.map((b) => <BookingCell key={b.id} b={b} />)}
          </CellGroup>
        ) : null}
        <Button onClick={() => void Taro.navigateTo({ url: BOOKING_START_PAGE })}>再约一个</Button>
      </Section>
      <Section title="以前的">
        {past.isError ? <Notice tone="error" title="没有读出来">{messageFor(past.error)}</Notice> : null}
        {past.data && past.data.items.length === 0 ? <Notice>还没有以前的预约。</Notice> : null}
        {past.data && past.data.items.length > 0 ? (
          <CellGroup>
            {past.data.items.map((b) => <BookingCell key={b.id} b={b} />)}
          </CellGroup>
        ) : null}
        {pastView?.hasNext ? <Button variant="secondary" loading={past.isPlaceholderData} onClick={() => setPastPage((p) => p + 1)}>更早的</Button> : null}
        {pastView?.hasPrev ? <Button variant="secondary" onClick={() => setPastPage((p) => p - 1)}>较新的</Button> : null}
      </Section>
    </PageShell>
  );
}
