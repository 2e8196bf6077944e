import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { PageShell } from '../../../../components/PageShell';
import { Cell, CellGroup } from '../../../../components/Cell';
import { Notice } from '../../../../components/Notice';
import { Button } from '../../../../components/Button';
import { useSession } from '../../../../services/session';
import { useCommunityElders, useRegions } from '../../../../features/family/hooks';
import { communitiesUnder } from '../../../../features/regions/communities';
import { ELDERS_PAGE_SIZE, pager } from '../../../../features/staff/paging';
import { QueryState } from '../../../../components/QueryState';

export default function CommunityEldersPage() {
  const { me, status } = useSession();
  const regions = useRegions();
  // community staff see their own community; street and district staff open one of theirs (?code=…)
  const asked = Taro.getCurrentInstance().router?.params?.code;
  const community = me?.kind !== 'staff'
    ? null
    : me.region.level === 'community'
      ? me.region
      : (communitiesUnder(regions.data?.items ?? [], me.region.code).find((c) => c.code === asked) ?? null);
  const [page, setPage] = useState(1);
  const elders = useCommunityElders(community?.code ?? null, page, ELDERS_PAGE_SIZE);
  const data = elders.data;
  const go = (next: number) => {
    setPage(next);
    // the new page starts at its first person
    void Taro.pageScrollTo({ scrollTop: 0, duration: 0 }).catch(() => undefined);
  };
  const view = data ? pager(data.total, data.page, data.pageSize, data.items.length) : null;

  // people were removed meanwhile and this page is now past the end: go to the last page
  useEffect(() => {
    if (data && !elders.isPlaceholderData && data.items.length === 0 && data.total > 0 && page > 1) {
      setPage(Math.max(1, Math.ceil(data.total / data.pageSize)));
    }
  }, [data, elders.isPlaceholderData, page]);

  if (status === 'loading' || (me?.kind === 'staff' && me.region.level !== 'community' && regions.isPending)) {
    return <PageShell title="本社区老人"><Notice>正在读取…</Notice></PageShell>;
  }
  if (!community) {
    return (
      <PageShell title="本社区老人">
        <Notice tone="error" title="看不了这个名单">只有工作人员登录后，才能查看自己负责的社区的老人名单。</Notice>
      </PageShell>
    );
  }
  return (
    <PageShell title={`${community.name}的老人`} intro="居民在“简办”里登记的家人。证件号只显示前6位和后2位。">
      <QueryState query={elders} loading="正在读取名单…" errorTitle="名单没有读出来" />
      {data && data.total === 0 ? <Notice>还没有居民登记本社区的老人。</Notice> : null}
      {data && view && data.total > 0 ? (
        <>
          <Notice>
            {view.pages > 1 ? `共 ${data.total} 位，这是第 ${view.from}–${view.to} 位（第 ${data.page}/${view.pages} 页）` : `共 ${data.total} 位`}
          </Notice>
          <CellGroup>
            {data.items.map((e) => (
              <Cell key={e.id} title={`${e.name}（${e.gender === 'male' ? '男' : '女'}，${e.age}岁）`} description={`身份证 ${e.idNumberMasked}`} />
            ))}
          </CellGroup>
          {view.hasNext ? (
            <Button loading={elders.isPlaceholderData} onClick={() => go(data.page + 1)}>
              下一页
            </Button>
          ) : null}
          {view.hasPrev ? (
            <Button variant="secondary" disabled={elders.isPlaceholderData} onClick={() => go(data.page - 1)}>
              上一页
            </Button>
          ) : null}
        </>
      ) : null}
    </PageShell>
  );
}
