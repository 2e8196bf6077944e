import type { ReactNode } from 'react';
import { PageShell } from '../../../components/PageShell';
import { Notice } from '../../../components/Notice';
import { useSession } from '../../../services/session';

/** the allowance pages for families: wait for sign-in, and say plainly when the account is not a resident's */
export function ResidentGate({ title, children }: { title: string; children: ReactNode }) {
  const { status, me } = useSession();
  if (status === 'loading') return <PageShell title={title}><Notice>正在登录…</Notice></PageShell>;
  if (me?.kind !== 'resident') {
    return (
      <PageShell title={title}>
        <Notice tone="error" title="请用微信登录后办理">
          {me?.kind === 'staff' ? '工作人员请在“办事”里的工作台处理高龄津贴。' : '申请高龄津贴要先登录：请到“我的”页面登录。'}
        </Notice>
      </PageShell>
    );
  }
  return <>{children}</>;
}
