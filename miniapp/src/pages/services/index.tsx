import { PageShell } from '../../components/PageShell';
import { Notice } from '../../components/Notice';

export default function ServicesPage() {
  return (
    <PageShell title="办事">
      <Notice tone="soon" title="即将上线">
        在这里可以预约到社区办事、申请高龄津贴。我们正在做，做好后会在这里出现。现在有事请直接联系所在社区。
      </Notice>
    </PageShell>
  );
}
