import type { RegionView } from '@jianban/shared';
import { Notice } from '../../components/Notice';
import { BigChoice } from '../../components/BigChoice';
import { Button } from '../../components/Button';

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
