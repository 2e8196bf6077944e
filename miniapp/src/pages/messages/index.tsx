import { PageShell } from '../../components/PageShell';
import { Notice } from '../../components/Notice';

export default function MessagesPage() {
  return (
    <PageShell title="消息">
      <Notice tone="soon" title="即将上线">
        预约和申请有进展时，会在这里告诉您。这个功能还在做。
      </Notice>
    </PageShell>
  );
}
