import Taro from '@tarojs/taro';
import type { ReactNode } from 'react';
import type { MeView, StaffRole } from '@jianban/shared';
import { PageShell } from '../../../components/PageShell';
import { Notice } from '../../../components/Notice';
import { Button } from '../../../components/Button';
import { useSession } from '../../../services/session';

export type StaffMe = Extract<MeView, { kind: 'staff' }>;

/** community staff work on their own community; street and district staff choose one ('' here) */
export function ownCommunity(me: StaffMe): string {
  return me.region.level === 'community' ? me.region.code : '';
}

/** a staff console page: shown only to the roles it is for; everyone else is told plainly */
export function StaffOnly({ title, roles, children }: { title: string; roles?: readonly StaffRole[]; children: (me: StaffMe) => ReactNode }) {
  const { status, me } = useSession();
  if (status === 'loading') return <PageShell title={title}><Notice>正在读取…</Notice></PageShell>;
  if (me?.kind !== 'staff' || (roles && !roles.includes(me.role))) {
    return (
      <PageShell title={title}>
        <Notice tone="error" title="这个页面只给工作人员用">{me?.kind === 'staff' ? '您的账号没有这项权限。' : '请先用工作人员账号登录。'}</Notice>
        {me?.kind !== 'staff' ? <Button onClick={() => void Taro.navigateTo({ url: '/pages/staff-login/index' })}>工作人员登录</Button> : null}
      </PageShell>
    );
  }
  return <>{children(me)}</>;
}
