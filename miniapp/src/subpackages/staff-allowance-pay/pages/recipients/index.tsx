import Taro from '@tarojs/taro';
import { useState } from 'react';
import { PageShell } from '../../../../components/PageShell';
import { Notice } from '../../../../components/Notice';
import { Button } from '../../../../components/Button';
import { Tabs } from '../../../../components/Tabs';
import { QueryState } from '../../../../components/QueryState';
import { Cell, CellGroup } from '../../../../components/Cell';
import { useStaffCommunity } from '../../../../features/booking/staff-community';
import { ChangeCommunity, StaffCommunityPicker } from '../../../../features/booking/StaffCommunityPicker';
import { useStaffRecipients, type RecipientTab } from '../../../../features/allowance-pay/hooks';
import { monthText, yuanText } from '../../../../features/allowance-pay/format';
import { STAFF_PAY_RECIPIENT_PAGE } from '../../../../features/allowance-pay/pages';
import { allowanceUrl } from '../../../../features/allowance/pages';

const TABS: { value: RecipientTab; label: string }[] = [
  { value: 'active', label: '正常发放' },
  { value: 'suspended', label: '暂停' },
  { value: 'stopped', label: '已停发' },
  { value: 'all', label: '全部' },
];

/** the community's allowance recipients: who is paid, who is suspended and why (masks only) */
export default function StaffPayRecipientsPage() {
  const { community, choices, loading, pick, isStaff } = useStaffCommunity();
  const [tab, setTab] = useState<RecipientTab>('active');
  const [page, setPage] = useState(1);
  const list = useStaffRecipients(community?.code ?? null, tab, page);
  const title = '高龄津贴领取人';
  if (!isStaff) return <PageShell title={title}><Notice tone="error" title="只有工作人员能看">请先用“工作人员登录”。</Notice></PageShell>;
  if (!community) return <PageShell title={title}><StaffCommunityPicker choices={choices} loading={loading} onPick={pick} /></PageShell>;
  const data = list.data && !list.isPlaceholderData ? list.data : undefined;
  return (
    <PageShell title={`${title} · ${community.name}`} intro="点开一位老人，看每月发放、复核决定和依据、追缴，也可以核对后改正收款账户。">
      <Tabs label="看哪些领取人" options={TABS} value={tab} onChange={(v) => { setTab(v); setPage(1); }} />
      <QueryState query={list} loading="正在读取…" errorTitle="名单没有读出来" empty={data?.total === 0} emptyTitle="没有这样的领取人" />
      {data && data.total > 0 ? (
        <>
          <Notice>{`共 ${data.total} 位`}</Notice>
          <CellGroup>
            {data.items.map((r) => (
              <Cell
                key={r.id}
                title={`${r.elderName}（${r.elderIdMasked}）`}
                description={[`${r.bracketLabel}，每月${yuanText(r.monthlyCny)}`, `${monthText(r.firstPaidMonth)}起发`, r.statusReason ?? '', r.flagged ? '户籍数据待核实' : ''].filter(Boolean).join(' · ')}
                extra={r.statusText}
                onClick={() => void Taro.navigateTo({ url: allowanceUrl(STAFF_PAY_RECIPIENT_PAGE, { id: r.id }) })}
              />
            ))}
          </CellGroup>
          {data.page * data.pageSize < data.total ? <Button variant="secondary" onClick={() => setPage(page + 1)}>下一页</Button> : null}
          {page > 1 ? <Button variant="secondary" onClick={() => setPage(page - 1)}>上一页</Button> : null}
        </>
      ) : null}
      <ChangeCommunity show={choices.length > 1} onChange={() => pick(null)} />
    </PageShell>
  );
}
