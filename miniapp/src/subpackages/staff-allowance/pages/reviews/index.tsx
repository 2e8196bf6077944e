import { useDidShow } from '@tarojs/taro';
import { useState } from 'react';
import { PageShell } from '../../../../components/PageShell';
import { Notice } from '../../../../components/Notice';
import { Button } from '../../../../components/Button';
import { QueryState } from '../../../../components/QueryState';
import { useSession } from '../../../../services/session';
import { pager } from '../../../../features/staff/paging';
import { useStaffAllowanceReviews, type ReviewStage } from '../../../../features/allowance/hooks';
import { StaffRows } from '../../../../features/allowance/components/StaffRows';
import { StaffGate } from '../../../../features/allowance/components/StaffGate';

const TITLE: Record<ReviewStage, string> = { street_review: '街道审核：高龄津贴', district_review: '区民政局审批：高龄津贴' };
const INTRO: Record<ReviewStage, string> = {
  street_review: '公示结束、没有未核实异议的申请，等街道审核。',
  district_review: '街道审核通过的申请，等区民政局审批。批准后从下个月起发放。',
};

function Reviews() {
  const { me } = useSession();
  const stage: ReviewStage = me?.kind === 'staff' && me.role === 'district_admin' ? 'district_review' : 'street_review';
  const region = me?.kind === 'staff' ? me.region : null;
  const [page, setPage] = useState(1);
  const list = useStaffAllowanceReviews(region?.code ?? null, stage, page);
  useDidShow(() => {
    if (list.data) void list.refetch();
  });
  const data = list.data && !list.isPlaceholderData ? list.data : undefined;
  const pages = data ? pager(data.total, data.page, data.pageSize, data.items.length) : null;
  return (
    <PageShell title={`${TITLE[stage]}${region ? ` · ${region.name}` : ''}`} intro={INTRO[stage]}>
      <QueryState query={list} loading="正在读取申请…" errorTitle="申请没有读出来" empty={data?.total === 0} emptyTitle="现在没有等您审核的申请" />
      {data && pages && data.total > 0 ? (
        <>
          <Notice>{pages.pages > 1 ? `共 ${data.total} 份，这是第 ${pages.from}–${pages.to} 份` : `共 ${data.total} 份`}</Notice>
          <StaffRows items={data.items} />
          {pages.hasNext ? <Button loading={list.isFetching} onClick={() => setPage(data.page + 1)}>下一页</Button> : null}
          {pages.hasPrev ? <Button variant="secondary" disabled={list.isFetching} onClick={() => setPage(data.page - 1)}>上一页</Button> : null}
        </>
      ) : null}
    </PageShell>
  );
}

/** the street's and the district's queue: applications waiting at their stage, in their region */
export default function StaffAllowanceReviewsPage() {
  return (
    <StaffGate title="高龄津贴审核" roles={['street_reviewer', 'district_admin']}>
      <Reviews />
    </StaffGate>
  );
}
