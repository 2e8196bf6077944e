import type { ReactNode } from 'react';
import type { RegionView } from '@jianban/shared';
import { PageShell } from '../../components/PageShell';
import { Notice } from '../../components/Notice';
import { BigChoice } from '../../components/BigChoice';
import { Button } from '../../components/Button';
import { useSession } from '../../services/session';
import { StatutoryGapBanner } from './StatutoryGapBanner';
import { useStaffCommunity } from './staff-community';

/** street and district staff: which community's desk (one task: pick it) */
export function StaffCommunityPicker({ choices, onPick, loading }: { choices: RegionView[]; onPick: (code: string) => void; loading: boolean }) {
  if (loading) return <Notice>正在读取社区名单…</Notice>;
  if (choices.length === 0) return <Notice tone="error" title="没有可管理的社区">您的账号下没有社区。</Notice>;
  return (
    <>
      <Notice>先选要看的社区：</Notice>
      {choices.map((c) => (
        <BigChoice key={c.code} label={c.name} onChoose={() => onPick(c.code)} />
      ))}
    </>
  );
}

/** for a street or district account: a way back to the community list */
export function ChangeCommunity({ show, onChange }: { show: boolean; onChange: () => void }) {
  return show ? <Button variant="link" onClick={onChange}>换一个社区</Button> : null;
}

/**
 * The frame of a staff page about one community's centre: who may see it, which community (street and district staff
 * pick one first), the page title with the community's name, the banner about a coming year with no holiday schedule,
 * and the way back to the community list.
 */
export function StaffCommunityPage({ title, intro, children }: { title: string; intro: string; children: (community: RegionView) => ReactNode }) {
  const { status } = useSession();
  const { community, choices, loading, pick, isStaff } = useStaffCommunity();
  if (status === 'loading') return <PageShell title={title}><Notice>正在读取…</Notice></PageShell>;
  if (!isStaff) return <PageShell title={title}><Notice tone="error" title="只有工作人员能用">请先用“工作人员登录”。</Notice></PageShell>;
  if (!community) return <PageShell title={title}><StaffCommunityPicker choices={choices} loading={loading} onPick={pick} /></PageShell>;
  return (
    <PageShell title={`${title} · ${community.name}`} intro={intro}>
      <StatutoryGapBanner />
      {children(community)}
      <ChangeCommunity show={choices.length > 1} onChange={() => pick(null)} />
    </PageShell>
  );
}
