import Taro, { useDidShow } from '@tarojs/taro';
import { PageShell, Section } from '../../../../components/PageShell';
import { Notice } from '../../../../components/Notice';
import { Button } from '../../../../components/Button';
import { Cell, CellGroup } from '../../../../components/Cell';
import { QueryState } from '../../../../components/QueryState';
import { useSession } from '../../../../services/session';
import { useAllowancePolicy, useMyAllowanceApplications } from '../../../../features/allowance/hooks';
import { ALLOWANCE_ELDER_PAGE, ALLOWANCE_PUBLICITY_PAGE, ALLOWANCE_STATUS_PAGE, allowanceUrl } from '../../../../features/allowance/pages';
import { BracketList } from '../../../../features/allowance/components/BracketList';

function MyApplications() {
  const mine = useMyAllowanceApplications();
  useDidShow(() => {
    if (mine.data) void mine.refetch();
  });
  if (mine.isPending || mine.isError) return <QueryState query={mine} loading="正在读取您的申请…" errorTitle="申请没有读出来" />;
  if (mine.data.items.length === 0) return null;
  return (
    <Section title="我家老人的申请">
      <CellGroup>
        {mine.data.items.map((a) => (
          <Cell key={a.id} large title={a.elderName} description={`${a.statusText}（${a.submittedByText}）`} onClick={() => void Taro.navigateTo({ url: allowanceUrl(ALLOWANCE_STATUS_PAGE, { id: a.id }) })} />
        ))}
      </CellGroup>
    </Section>
  );
}

/** the allowance's front page: who can get it, how much, the family's applications, and the way to apply */
export default function AllowanceHomePage() {
  const { me } = useSession();
  const policy = useAllowancePolicy();
  return (
    <PageShell title="高龄津贴" intro="户口在荆州区、满80岁的老人，每月可以领高龄津贴。">
      <Notice tone="success" title="不用开任何证明">
        不用开健在证明，也不用交户口本复印件。老人的户籍、年龄、是否健在，由系统自动核对。
      </Notice>
      {me?.kind === 'resident' ? <MyApplications /> : null}
      <Button onClick={() => void Taro.navigateTo({ url: ALLOWANCE_ELDER_PAGE })}>为家人申请高龄津贴</Button>
      <Section title="每月领多少">
        {policy.data ? <BracketList brackets={policy.data.brackets} /> : <QueryState query={policy} loading="正在读取标准…" errorTitle="标准没有读出来" />}
        <Notice>金额以区民政局公布的为准。满90岁、满100岁时，会自动按新的档次发。</Notice>
      </Section>
      <Section title="怎么办">
        <CellGroup>
          <Cell title="申请要几步" description="选老人 → 同意使用信息 → 填收款账户 → 核对提交，一共4步。" />
          <Cell title="社区公示名单" description="看看社区正在公示的名单，有问题可以提出异议。" onClick={() => void Taro.navigateTo({ url: ALLOWANCE_PUBLICITY_PAGE })} />
        </CellGroup>
      </Section>
    </PageShell>
  );
}
