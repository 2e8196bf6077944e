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
import { Field } from '../../../../components/Field';
import { View, Text } from '@tarojs/components';
import { normalizeIdNumber, PROXY_STATE_TEXT, PROXY_VIA_TEXT, RELATIONSHIP_TEXT, type elderView } from '@jianban/shared';
import type { z } from 'zod';
import { useStaffConfirmProxy } from '../../../../features/family/proxies';
import { messageFor } from '../../../../features/errors/messages';

type Elder = z.infer<typeof elderView>;
type Proxy = Elder['proxies'][number];

const NAME_SOURCE_TEXT: Record<Elder['nameSource'], string> = {
  registry: '姓名来自户籍登记',
  verified: '姓名已核对',
  family: '姓名是家属填写的，未核对',
};

// who acts for this person: each account masked, the name that account typed, and whether the relation is verified
function ElderCard({ e }: { e: Elder }) {
  return (
    <CellGroup>
      <Cell title={`${e.name}（${e.gender === 'male' ? '男' : '女'}，${e.age}岁）`} description={`身份证 ${e.idNumberMasked} · ${NAME_SOURCE_TEXT[e.nameSource]}`} />
      {e.proxies.map((p) => <ProxyRow key={p.id} p={p} shownName={e.name} />)}
    </CellGroup>
  );
}

function ProxyRow({ p, shownName }: { p: Proxy; shownName: string }) {
  const confirm = useStaffConfirmProxy();
  const [open, setOpen] = useState(false);
  const [idNumber, setIdNumber] = useState('');
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const state = `${PROXY_STATE_TEXT[p.verification.state]}${p.verification.via ? `（${PROXY_VIA_TEXT[p.verification.via]}）` : ''}`;
  const submit = async () => {
    setError(null);
    try {
      await confirm.mutateAsync({ id: p.id, elderIdNumber: normalizeIdNumber(idNumber), elderName: name.trim() });
      setOpen(false);
    } catch (err) {
      setError(messageFor(err));
    }
  };
  return (
    <View>
      <Cell
        title={`代办人 ${p.accountNameMasked}（${RELATIONSHIP_TEXT[p.relationship]}）`}
        description={`代办关系：${state} · 代办人本人${p.accountVerified ? '已核验' : '未核验'}${p.enteredName !== shownName ? ` · 这位代办人填写的姓名是“${p.enteredName}”，和上面不一致` : ''}`}
      />
      {p.verification.state === 'unverified' && !open ? (
        <Button variant="secondary" small onClick={() => setOpen(true)}>看过老人身份证，确认代办关系</Button>
      ) : null}
      {open ? (
        <View>
          <Text>请照着老人的身份证填写，核对无误才会确认。</Text>
          {error ? <Notice tone="error" title="没有确认">{error}</Notice> : null}
          <Field label="老人的身份证号" value={idNumber} onChange={setIdNumber} type="idcard" maxlength={18} />
          <Field label="老人的姓名" value={name} onChange={setName} maxlength={30} />
          <Button loading={confirm.isPending} disabled={!idNumber.trim() || !name.trim()} onClick={() => void submit()}>确认代办关系</Button>
          <Button variant="secondary" disabled={confirm.isPending} onClick={() => setOpen(false)}>取消</Button>
        </View>
      ) : null}
    </View>
  );
}

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
    <PageShell title={`${community.name}的老人`} intro="居民在“简办”里登记的家人，和替他们办事的账号。证件号只显示前6位和后2位。">
      <QueryState query={elders} loading="正在读取名单…" errorTitle="名单没有读出来" />
      {data && data.total === 0 ? <Notice>还没有居民登记本社区的老人。</Notice> : null}
      {data && view && data.total > 0 ? (
        <>
          <Notice>
            {view.pages > 1 ? `共 ${data.total} 位，这是第 ${view.from}–${view.to} 位（第 ${data.page}/${view.pages} 页）` : `共 ${data.total} 位`}
          </Notice>
          {data.items.map((e) => (
            <ElderCard key={e.id} e={e} />
          ))}
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
