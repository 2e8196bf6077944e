import { PageShell } from '../../../../components/PageShell';
import { Notice } from '../../../../components/Notice';

export default function Placeholder() {
  return (
    <PageShell title="简办">
      <Notice tone="soon" title="即将上线">这个页面还在做。</Notice>
    </PageShell>
  );
}
