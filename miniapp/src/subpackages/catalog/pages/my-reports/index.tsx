import Taro from '@tarojs/taro';
import { useState } from 'react';
import { View } from '@tarojs/components';
import { PageShell } from '../../../../components/PageShell';
import { Notice } from '../../../../components/Notice';
import { Button } from '../../../../components/Button';
import { signInResident, useSession } from '../../../../services/session';
import { useMyDemandReports } from '../../../../features/catalog/hooks';
import { pageUrl } from '../../../../features/catalog/urls';
import { ReportCard } from '../../../../features/catalog/components/ReportCard';
import { pager } from '../../../../features/staff/paging';
import styles from '../../../../features/catalog/components/report.module.scss';
import { a11y } from '../../../../components/a11y';
import { QueryState } from '../../../../components/QueryState';

export default function MyReportsPage() {
  const { status, me } = useSession();
  const [page, setPage] = useState(1);
  const reports = useMyDemandReports(page);
  const data = reports.data;
  const view = data ? pager(data.total, data.page, data.pageSize, data.items.length) : null;

  if (status === 'loading') return <PageShell title="我的反映"><Notice>正在登录…</Notice></PageShell>;
  if (me?.kind !== 'resident') {
    return (
      <PageShell title="我的反映">
        <Notice title="请先登录">居民登录后能看到自己反映过的情况。</Notice>
        {me?.kind !== 'staff' ? <Button onClick={() => void signInResident()}>微信登录</Button> : null}
      </PageShell>
    );
  }
  return (
    <PageShell title="我的反映" intro="您告诉区里的情况，以及处理到哪一步了。">
      <QueryState query={reports} />
      {data && data.total === 0 ? <Notice>您还没有反映过情况。</Notice> : null}
      {data && data.items.length ? (
        <View className={styles.list} {...a11y('list')}>
          {data.items.map((r) => (
            <ReportCard key={r.id} r={r} />
          ))}
        </View>
      ) : null}
      {view?.hasNext ? <Button variant="secondary" onClick={() => setPage(page + 1)}>下一页</Button> : null}
      {view?.hasPrev ? <Button variant="secondary" onClick={() => setPage(page - 1)}>上一页</Button> : null}
      <Button onClick={() => void Taro.navigateTo({ url: pageUrl('report') })}>再反映一件</Button>
    </PageShell>
  );
}
