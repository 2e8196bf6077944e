import { PageShell } from '../../../../components/PageShell';
import { Cell, CellGroup } from '../../../../components/Cell';
import { Notice } from '../../../../components/Notice';
import { Button } from '../../../../components/Button';
import { useSession } from '../../../../services/session';
import { useCommunityElders } from '../../../../features/family/hooks';
import { messageFor } from '../../../../features/errors/messages';

export default function CommunityEldersPage() {
  const { me, status } = useSession();
  const community = me?.kind === 'staff' && me.region.level === 'community' ? me.region : null;
  const elders = useCommunityElders(community?.code ?? null);

  if (status === 'loading') return <PageShell title="本社区老人"><Notice>正在登录…</Notice></PageShell>;
  if (!community) {
    return (
      <PageShell title="本社区老人">
        <Notice tone="error" title="看不了这个名单">只有社区工作人员登录后才能查看本社区的老人名单。</Notice>
      </PageShell>
    );
  }
  return (
    <PageShell title={`${community.name}的老人`} intro="居民在“简办”里登记的家人。证件号只显示前6位和后2位。">
      {elders.isPending ? <Notice>正在读取名单…</Notice> : null}
      {elders.isError ? (
        <>
          <Notice tone="error" title="名单没有读出来">{messageFor(elders.error)}</Notice>
          <Button variant="secondary" onClick={() => void elders.refetch()}>再试一次</Button>
        </>
      ) : null}
      {elders.data && elders.data.items.length === 0 ? <Notice>还没有居民登记本社区的老人。</Notice> : null}
      {elders.data && elders.data.items.length > 0 ? (
        <>
          <Notice>共 {elders.data.items.length} 位</Notice>
          <CellGroup>
            {elders.data.items.map((e) => (
              <Cell key={e.id} title={`${e.name}（${e.gender === 'male' ? '男' : '女'}，${e.age}岁）`} description={`身份证 ${e.idNumberMasked}`} />
            ))}
          </CellGroup>
        </>
      ) : null}
    </PageShell>
  );
}
