import { View } from '@tarojs/components';
import { PageShell, Section } from '../../components/PageShell';
import { Cell, CellGroup } from '../../components/Cell';
import { ElderSwitch } from '../../components/ElderSwitch';

const SOON = '即将上线';

export default function HomePage() {
  return (
    <PageShell title="简办" intro="少跑腿：哪些证明社区不再开、怎么预约、高龄津贴怎么办。">
      <Section title="常用事项">
        <CellGroup>
          <Cell large title="证明怎么开" description="查一查：这张证明还要不要开，去哪里开，带什么。" extra={SOON} />
          <Cell large title="预约办事" description="在手机上约好时间，到社区不用排队。" extra={SOON} />
          <Cell large title="高龄津贴" description="80岁以上老人的津贴：谁能领、怎么申请。" extra={SOON} />
        </CellGroup>
      </Section>
      <View>
        <ElderSwitch />
      </View>
    </PageShell>
  );
}
