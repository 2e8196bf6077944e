import Taro, { useDidShow } from '@tarojs/taro';
import { Picker, View } from '@tarojs/components';
import { useState } from 'react';
import { isoWeekday, shanghaiDate } from '@jianban/shared';
import { PageShell, Section } from '../../../../components/PageShell';
import { Notice } from '../../../../components/Notice';
import { Button } from '../../../../components/Button';
import { Cell, CellGroup } from '../../../../components/Cell';
import { OptionGroup } from '../../../../components/OptionGroup';
import { useSession } from '../../../../services/session';
import { useStaffDay, useStaffQueue } from '../../../../features/booking/hooks';
import { dayLabel, slotTime } from '../../../../features/booking/format';
import { addDays, pendingElsewhereText, STAFF_STATUS_FILTERS } from '../../../../features/booking/staff';
import { useStaffCommunity } from '../../../../features/booking/staff-community';
import { ChangeCommunity, StaffCommunityPicker } from '../../../../features/booking/StaffCommunityPicker';
import { StatutoryGapBanner } from '../../../../features/booking/StatutoryGapBanner';
import { pageUrl, STAFF_DETAIL_PAGE, STAFF_QUEUE_PAGE, STAFF_SCAN_PAGE, STAFF_WALKIN_PAGE } from '../../../../features/booking/pages';
import { pager } from '../../../../features/staff/paging';
import styles from './index.module.scss';
import { QueryState } from '../../../../components/QueryState';


export default function StaffDayPage() {
  const { status } = useSession();
  const { community, choices, loading, pick, isStaff } = useStaffCommunity();
  const today = shanghaiDate(new Date());
  const askedDate = Taro.getCurrentInstance().router?.params?.date;
  const [date, setDate] = useState(askedDate && /^\d{4}-\d{2}-\d{2}$/.test(askedDate) ? askedDate : today);
  const [filter, setFilter] = useState('all');
  const [page, setPage] = useState(1);
  const [choosingFilter, setChoosingFilter] = useState(false);
  const filterLabel = STAFF_STATUS_FILTERS.find((f) => f.value === filter)?.label ?? '全部';
  const list = useStaffDay(community?.code ?? null, date, filter === 'all' ? '' : filter, page);
  // an empty day may hide pending bookings on other days: read just their count (one row) to point at the queue
  const dayEmpty = filter === 'all' && list.data?.total === 0 && !list.isPlaceholderData;
  const pending = useStaffQueue(community?.code ?? null, 'pending', 1, 1, dayEmpty);
  useDidShow(() => {
    if (community) void list.refetch();
  });

  const go = (d: string) => {
    setDate(d);
    setPage(1);
  };

  if (status === 'loading') return <PageShell title="当天的预约"><Notice>正在读取…</Notice></PageShell>;
  if (!isStaff) {
    return (
      <PageShell title="当天的预约">
        <Notice tone="error" title="只有工作人员能看">请先用“工作人员登录”。</Notice>
      </PageShell>
    );
  }
  if (!community) {
    return (
      <PageShell title="当天的预约">
        <StaffCommunityPicker choices={choices} loading={loading} onPick={pick} />
      </PageShell>
    );
  }
  const data = list.data;
  const view = data ? pager(data.total, data.page, data.pageSize, data.items.length) : null;
  // 「今天没有预约。还有 N 个待确认的预约在别的日子」 (the pending ones are on other days: this one has none)
  const elsewhere = dayEmpty && pending.data && !pending.isPlaceholderData ? pendingElsewhereText(date, today, pending.data.total) : null;
  return (
    <PageShell title={`${community.name} · ${dayLabel({ date, weekday: isoWeekday(date) }, today)}`}>
      <StatutoryGapBanner />
      <View className={styles.days}>
        <Button variant="secondary" inline onClick={() => go(addDays(date, -1))} a11yLabel="前一天">‹ 前一天</Button>
        {date !== today ? <Button variant="secondary" inline onClick={() => go(today)}>今天</Button> : null}
        <Button variant="secondary" inline onClick={() => go(addDays(date, 1))} a11yLabel="后一天">后一天 ›</Button>
      </View>
      <Picker mode="date" value={date} onChange={(e) => go(String(e.detail.value))}>
        <Button variant="link">选别的日子</Button>
      </Picker>
      <View className={styles.actions}>
        <Button onClick={() => void Taro.navigateTo({ url: pageUrl(STAFF_SCAN_PAGE, { code: community.code }) })}>签到（扫码或输入预约码）</Button>
        <Button variant="secondary" onClick={() => void Taro.navigateTo({ url: pageUrl(STAFF_WALKIN_PAGE, { code: community.code }) })}>现场登记</Button>
      </View>
      {choosingFilter ? (
        <OptionGroup
          label="只看哪种预约"
          columns={2}
          options={STAFF_STATUS_FILTERS}
          value={filter}
          onChange={(v) => {
            setFilter(v);
            setPage(1);
            setChoosingFilter(false);
          }}
        />
      ) : (
        // the spoken name starts with the visible words (axe: label-content-name-mismatch; speech-input users say what they see)
        <Button
          variant="secondary"
          a11yLabel={`${filter === 'all' ? '筛选预约' : `只看：${filterLabel}`}，现在看${filterLabel}，点这里换`}
          onClick={() => setChoosingFilter(true)}
        >
          {filter === 'all' ? '筛选预约 ›' : `只看：${filterLabel} ›`}
        </Button>
      )}
      <Section title="预约">
        <QueryState query={list} />
        {data && data.total === 0 && !elsewhere ? <Notice>这一天没有{filter === 'all' ? '' : `“${STAFF_STATUS_FILTERS.find((f) => f.value === filter)?.label}”的`}预约。</Notice> : null}
        {elsewhere ? (
          <>
            <Notice>{elsewhere}</Notice>
            <Button variant="secondary" onClick={() => void Taro.navigateTo({ url: STAFF_QUEUE_PAGE })}>看待确认的预约 ›</Button>
          </>
        ) : null}
        {data && data.items.length > 0 ? (
          <>
            <Notice>{`共 ${data.total} 个`}</Notice>
            <CellGroup>
              {data.items.map((b) => (
                <Cell
                  key={b.id}
                  title={b.personName}
                  description={[
                    slotTime(b),
                    b.serviceItem.name,
                    b.channel === 'walk_in' ? '现场登记' : `预约码尾号 ${b.passCodeTail}`,
                    b.responsibleName ? `负责人 ${b.responsibleName}` : '还没人负责',
                    b.missingMaterialsCount > 0 ? `缺 ${b.missingMaterialsCount} 样材料` : '',
                  ]
                    .filter(Boolean)
                    .join(' · ')}
                  extra={b.statusText}
                  onClick={() => void Taro.navigateTo({ url: pageUrl(STAFF_DETAIL_PAGE, { id: b.id }) })}
                />
              ))}
            </CellGroup>
          </>
        ) : null}
        {view?.hasNext ? <Button variant="secondary" onClick={() => setPage((p) => p + 1)}>下一页</Button> : null}
        {view?.hasPrev ? <Button variant="secondary" onClick={() => setPage((p) => p - 1)}>上一页</Button> : null}
      </Section>
      <ChangeCommunity show={choices.length > 1} onChange={() => pick(null)} />
    </PageShell>
  );
}

