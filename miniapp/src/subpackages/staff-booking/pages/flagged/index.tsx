import Taro, { useDidShow } from '@tarojs/taro';
import { PageShell } from '../../../../components/PageShell';
import { Notice } from '../../../../components/Notice';
import { Cell, CellGroup } from '../../../../components/Cell';
import { useFlagged } from '../../../../features/booking/hooks';
import { instantText } from '../../../../features/booking/format';
import { flagReasonText } from '../../../../features/booking/staff';
import { useStaffCommunity } from '../../../../features/booking/staff-community';
import { StaffCommunityPicker } from '../../../../features/booking/StaffCommunityPicker';
import { pageUrl, STAFF_DETAIL_PAGE } from '../../../../features/booking/pages';
import { QueryState } from '../../../../components/QueryState';

/** cases left unhandled past the community's threshold (for the community lead) */
export default function StaffFlaggedPage() {
  const { community, choices, loading, pick, isStaff } = useStaffCommunity();
  const flagged = useFlagged(community?.code ?? null, 1);
  useDidShow(() => {
    if (community) void flagged.refetch();
  });
  if (!isStaff) return <PageShell title="超时提醒"><Notice tone="error" title="只有工作人员能看">请先用“工作人员登录”。</Notice></PageShell>;
  if (!community) return <PageShell title="超时提醒"><StaffCommunityPicker choices={choices} loading={loading} onPick={pick} /></PageShell>;
  const data = flagged.data;
  return (
    <PageShell
      title={`超时提醒 · ${community.name}`}
      intro={data ? `超过 ${Math.round(data.thresholdMinutes / 60) || 1} 小时没人处理的预约，请尽快安排。` : undefined}
    >
      <QueryState query={flagged} />
      {data && data.items.length === 0 ? <Notice tone="success" title="没有超时的预约">都处理及时。</Notice> : null}
      {data && data.items.length > 0 ? (
        <CellGroup>
          {data.items.map((b) => (
            <Cell
              key={b.id}
              title={`${b.personName} · ${b.serviceItem.name}`}
              description={`${instantText(b.startsAt)} · ${flagReasonText(b.flagReason, b.overdueMinutes)} · ${b.responsibleName ? `负责人 ${b.responsibleName}` : '还没人负责'}`}
              extra={b.statusText}
              onClick={() => void Taro.navigateTo({ url: pageUrl(STAFF_DETAIL_PAGE, { id: b.id }) })}
            />
          ))}
        </CellGroup>
      ) : null}
    </PageShell>
  );
}
