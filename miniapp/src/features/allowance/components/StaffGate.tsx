import type { ReactNode } from 'react';
import type { StaffRole } from '@jianban/shared';
import { PageShell } from '../../../components/PageShell';
import { Notice } from '../../../components/Notice';
import { useSession } from '../../../services/session';

/** the staff allowance pages: only staff of the given roles (the server checks again, with their region) */
export function StaffGate({ title, roles, children }: { title: string; roles: readonly StaffRole[]; children: ReactNode }) {
  const { status, me } = useSession();
  if (status === 'loading') return <PageShell title={title}><Notice>正在读取…</Notice></PageShell>;
  if (me?.kind !== 'staff') return <PageShell title={title}><Notice tone="error" title="只有工作人员能用">请先用“工作人员登录”。</Notice></PageShell>;
  if (!roles.includes(me.role)) return <PageShell title={title}><Notice tone="error" title="您的岗位不办这一项">这一页由其他岗位的工作人员使用。</Notice></PageShell>;
  return <>{children}</>;
}
